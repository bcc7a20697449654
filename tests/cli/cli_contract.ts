import { COMMANDS } from '../../commands/index.js'

/** One command's flags and arguments, as committed in command-snapshot.json. */
export interface CommandSnapshot {
  command: string
  flags: string[]
  args: string[]
}

/**
 * The flag snapshot of every chatctl command: flag names (base flags and
 * --json included) and argument names, sorted. A change to it must be a
 * deliberate diff of command-snapshot.json.
 */
export function commandSnapshot(): CommandSnapshot[] {
  return Object.entries(COMMANDS)
    .map(([id, command]) => ({
      command: id,
      flags: [
        ...Object.keys({ ...command.baseFlags, ...command.flags }),
        ...(command.enableJsonFlag ? ['json'] : []),
      ].sort(),
      args: Object.keys(command.args ?? {}),
    }))
    .sort((a, b) => a.command.localeCompare(b.command))
}
