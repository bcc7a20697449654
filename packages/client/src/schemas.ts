import type { components, paths } from './generated/openapi.js'

/*
 * The shapes of Parley's API, straight from the component schemas of
 * /openapi.json (src/generated/openapi.ts): REST bodies and socket payloads
 * share them, so one document types both transports.
 */

type Schemas = components['schemas']

export type User = Schemas['User']
export type Self = Schemas['Self']
export type Organization = Schemas['Organization']
export type Message = Schemas['Message']
export type Room = Schemas['Room']
export type Media = Schemas['Media']
export type Invite = Schemas['Invite']
export type InviteWithLink = Schemas['InviteWithLink']
export type Membership = Schemas['Membership']
export type Notification = Schemas['Notification']
export type CommandResult = Schemas['CommandResult']
export type ErrorBody = Schemas['Errors']
export type Role = Organization['role']

export type { components, paths }
