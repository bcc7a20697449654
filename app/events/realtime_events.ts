/** Payload of `typing:started` / `typing:stopped`: one user in one room. */
export interface TypingChanged {
  organizationId: string
  roomId: string
  userId: string
}

/** Payload of `presence:online` / `presence:offline`, per organization across devices. */
export interface PresenceChanged {
  organizationId: string
  userId: string
  lastSeenAt: string
}

/**
 * Ephemeral state changes decided by the real-time services (typing state,
 * presence). They go through the emitter like domain events so that every
 * broadcast comes from the fan-out listener, never from a socket handler.
 */
declare module '@adonisjs/core/types' {
  interface EventsList {
    'typing:started': TypingChanged
    'typing:stopped': TypingChanged
    'presence:online': PresenceChanged
    'presence:offline': PresenceChanged
  }
}
