/*
 * Encrypted rooms: core's extension point for end-to-end encryption. A key
 * plugin registers the provider that accepts encrypted payloads and reacts to
 * membership changes, an auditor for `chatctl key verify`, and emits the
 * rekey and key-change events core fans out to clients.
 */
export { default as e2eRooms } from '#services/e2e_rooms'
export type { E2eRoomsProvider, EncryptedPayload, MembershipChange } from '#services/e2e_rooms'
export { default as keyAudits } from '#services/key_audits'
export type { KeyLogAuditResult, KeyLogAuditor, KeyProblem } from '#services/key_audits'
export type { RoomRekeyRequired, UserKeyChanged } from '#events/e2e_events'
