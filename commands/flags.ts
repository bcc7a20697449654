import { Flags } from '@oclif/core'

/**
 * Flag builders shared by chatctl commands, so the same flag means the same
 * thing (and has the same help) everywhere.
 */

/** The organization a command acts in: its id or slug. */
export const orgFlag = (options: { required?: boolean } = { required: true }) =>
  Flags.string({
    char: 'o',
    summary: 'Organization id or slug.',
    required: options.required ?? true,
  })

/** Confirms a destructive verb (without it the command refuses with E_CONFIRM_REQUIRED). */
export const confirmFlag = () =>
  Flags.boolean({ summary: 'Confirm a destructive action (required).', default: false })

/** How many rows a list returns (1–500). */
export const limitFlag = () =>
  Flags.integer({ summary: 'Maximum number of rows (1–500).', default: 100, min: 1, max: 500 })

/** A role of the organization. */
export const roleFlag = (options: { required?: boolean } = {}) =>
  Flags.string({
    char: 'r',
    summary: 'Role: owner, admin, moderator or member.',
    options: ['owner', 'admin', 'moderator', 'member'],
    required: options.required ?? false,
  })
