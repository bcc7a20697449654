/*
 * Shared types: the actor every use case takes and the core models a plugin
 * receives (a user from the auth guard, a room from the room gate, an
 * organization in fixtures). Types only: plugins never query these models.
 */
export type { Actor } from '#types/actor'
export type { default as User } from '#models/user'
export type { default as Room } from '#models/room'
export type { default as Organization } from '#models/organization'
