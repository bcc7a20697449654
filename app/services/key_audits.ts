/** One problem `chatctl key verify` reports. */
export interface KeyProblem {
  /** E_ROOM_KEY_UNCOVERED, E_ROOM_KEY_UNREADABLE, E_NODE_KEYRING_STALE, E_KEY_LOG_BROKEN, E_KEY_MISMATCH */
  code: string
  /** What it is about: `user <id>`, `room <id>`, `node <host> pid <pid>`. */
  subject: string
  message: string
}

/** What a key log audit checked and found. */
export interface KeyLogAuditResult {
  users: number
  entries: number
  problems: KeyProblem[]
}

/** A plugin's audit of its key logs (e2e-keys: the per-user hash chains). */
export interface KeyLogAuditor {
  readonly id: string
  audit(): Promise<KeyLogAuditResult>
}

/**
 * Core's extension point for `chatctl key verify`: core never imports a
 * plugin, so the plugin that keeps key logs (e2e-keys) registers its auditor
 * here in `boot` and removes it in `shutdown`. With none registered (plugin
 * disabled), verify reports the key logs as not checked.
 */
class KeyAudits {
  #auditors = new Map<string, KeyLogAuditor>()

  register(auditor: KeyLogAuditor) {
    this.#auditors.set(auditor.id, auditor)
  }

  unregister(id: string) {
    this.#auditors.delete(id)
  }

  list() {
    return [...this.#auditors.values()]
  }
}

const keyAudits = new KeyAudits()
export default keyAudits
