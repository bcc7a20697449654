import db from '@adonisjs/lucid/services/db'
import { DecryptionError, keyring } from '#services/keyring'
import { liveNodes, type ClusterNode } from '#services/cluster_nodes'
import keyAudits, { type KeyProblem } from '#services/key_audits'

/** Room keys unwrapped per query while checking coverage. */
const BATCH = 1000
/** At most this many room problems are listed one by one (the rest are counted). */
const MAX_LISTED = 50
const NO_ID = '00000000-0000-0000-0000-000000000000'

/** What `chatctl key verify` returns. */
export interface KeyVerifyReport {
  ok: boolean
  problems: KeyProblem[]
  keyring: { currentVersion: number; versions: number[]; fingerprint: string }
  versionsInUse: number[]
  roomKeys: { checked: number; uncovered: number; unreadable: number }
  nodes: Omit<ClusterNode, 'versionFingerprints'>[]
  keyLogs: { checked: boolean; users: number; entries: number }
}

/**
 * `chatctl key verify` (DESIGN.md §5): checks that every room key holding
 * material is wrapped under a master version this keyring holds and really
 * opens with it, that every live node holds every version in use with the
 * same key bytes (fingerprints), and the e2e key log hash chains when a
 * plugin keeps them. Reports problems; never changes anything.
 */
export default class KeyVerification {
  static async run(): Promise<KeyVerifyReport> {
    const problems: KeyProblem[] = []
    const roomKeys = await this.roomKeys(problems)
    const versionsInUse = roomKeys.versions
    const nodes = await liveNodes()
    this.nodes(nodes, versionsInUse, problems)
    const keyLogs = { checked: false, users: 0, entries: 0 }
    for (const auditor of keyAudits.list()) {
      const result = await auditor.audit()
      keyLogs.checked = true
      keyLogs.users += result.users
      keyLogs.entries += result.entries
      problems.push(...result.problems)
    }
    const { currentVersion, versions, fingerprint } = keyring().status()
    return {
      ok: problems.length === 0,
      problems,
      keyring: { currentVersion, versions, fingerprint },
      versionsInUse,
      roomKeys: {
        checked: roomKeys.checked,
        uncovered: roomKeys.uncovered,
        unreadable: roomKeys.unreadable,
      },
      nodes: nodes.map(({ versionFingerprints: _, ...node }) => node),
      keyLogs,
    }
  }

  /** Unwraps every room key with material, in batches; lists what fails. */
  private static async roomKeys(problems: KeyProblem[]) {
    const ring = keyring()
    const counts = { checked: 0, uncovered: 0, unreadable: 0 }
    const versions = new Set<number>()
    const report = (problem: KeyProblem) => {
      if (counts.uncovered + counts.unreadable <= MAX_LISTED) problems.push(problem)
    }
    let after = NO_ID
    for (;;) {
      const { rows } = await db.rawQuery(
        `SELECT id, room_id, wrapped_key, master_version FROM room_keys
         WHERE wrapped_key IS NOT NULL AND id > ? ORDER BY id LIMIT ?`,
        [after, BATCH]
      )
      for (const row of rows) {
        counts.checked++
        versions.add(row.master_version)
        if (!ring.has(row.master_version)) {
          counts.uncovered++
          report({
            code: 'E_ROOM_KEY_UNCOVERED',
            subject: `room ${row.room_id}`,
            message: `room key ${row.id} is wrapped under master key v${row.master_version}, which ENCRYPTION_KEYS does not hold`,
          })
          continue
        }
        try {
          ring.unwrap(row.wrapped_key, row.master_version, row.room_id)
        } catch (error) {
          if (!(error instanceof DecryptionError)) throw error
          counts.unreadable++
          report({
            code: 'E_ROOM_KEY_UNREADABLE',
            subject: `room ${row.room_id}`,
            message: `room key ${row.id} does not open with master key v${row.master_version} (altered, or another v${row.master_version})`,
          })
        }
      }
      if (rows.length < BATCH) break
      after = rows.at(-1).id
    }
    return { ...counts, versions: [...versions].sort((a, b) => a - b) }
  }

  /** Every live node must hold each version in use, and the current one, with the same key. */
  private static nodes(nodes: ClusterNode[], inUse: number[], problems: KeyProblem[]) {
    const ring = keyring()
    const expected = ring.versionFingerprints()
    const needed = [...new Set([...inUse, ring.currentVersion])].filter((v) => ring.has(v))
    for (const node of nodes) {
      const lacking = needed.filter(
        (v) => node.versionFingerprints[String(v)] !== expected[String(v)]
      )
      if (!lacking.length) continue
      const names = lacking.map((v) =>
        node.keyVersions.includes(v) ? `a different v${v}` : `v${v}`
      )
      problems.push({
        code: 'E_NODE_KEYRING_STALE',
        subject: `node ${node.hostname} pid ${node.pid}`,
        message: `lacks ${names.join(', ')} (holds ${node.keyVersions.map((v) => `v${v}`).join(', ')}): restart it with the current ENCRYPTION_KEYS`,
      })
    }
  }
}
