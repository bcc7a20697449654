/*
 * Validation helpers shared with core, so a plugin's inputs follow the same
 * rules (trimmed text without control characters, ids, bounded integers) and
 * its unknown-id checks match core's 404s.
 */
export { idRule, integerRule, MAX_INT, textRule } from '#validators/rules'
export { isUuid } from '#services/org_context'
