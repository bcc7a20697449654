import { Args } from '@oclif/core'
import { ServerCommand } from '../server_command.js'
import { describe } from '../errors.js'
import { confirmFlag } from '../flags.js'
import { details } from '../output.js'

/** What `user delete` reports. */
export interface UserDeleted {
  id: string
  username: string
  deleted: boolean
  /** Messages the account sent, which stay in their rooms without a sender. */
  messagesKept: number
}

/** Deletes an account for good. */
export default class UserDelete extends ServerCommand<UserDeleted> {
  static summary = 'Delete an account for good (its messages stay, without a sender).'
  static description = describe(
    'Ends its sessions and admin tokens (live sockets close), and removes its memberships, room memberships, devices and notifications. The messages it sent stay in their rooms with no sender (senderId null), so conversations keep their history; its uploads stay with those messages. The only owner of an organization cannot be deleted (E_LAST_OWNER): transfer the ownership or delete the organization first. To keep the account but stop its use, see user deactivate. Needs --confirm.'
  )
  static examples = ['<%= config.bin %> <%= command.id %> bob@acme.test --confirm']
  static args = {
    user: Args.string({ description: 'User id, email or username.', required: true }),
  }
  static flags = { confirm: confirmFlag() }

  async run() {
    const { args, flags } = await this.parse(UserDelete)
    this.requireConfirm(flags.confirm, 'Deleting an account')
    const deleted = await this.call<UserDeleted>(flags, 'user:delete', { user: args.user })
    this.log(details({ ...deleted }))
    return deleted
  }
}
