import { createHash, randomBytes, randomUUID } from 'node:crypto'
import pg from 'pg'
import { PG } from './processes.js'

/** A seeded user with a working access token and the rooms it is in. */
export interface BenchUser {
  id: string
  index: number
  organizationId: string
  token: string
  dmRoomId?: string
  dmPeerIndex?: number
  groupRoomId?: string
}

/** What a seed made: users (in index order) and rooms by kind. */
export interface World {
  users: BenchUser[]
  dmRooms: string[]
  groupRooms: string[]
}

/** A `pg` client on a bench database (or `postgres` to create one). */
export async function connect(database: string) {
  const client = new pg.Client({ ...PG, password: PG.password || undefined, database })
  await client.connect()
  return client
}

/** A `pg` pool on a bench database. */
export function pool(database: string, max = 10) {
  return new pg.Pool({ ...PG, password: PG.password || undefined, database, max })
}

/** Creates the database when missing (Lucid does not create databases). */
export async function ensureDatabase(database: string) {
  if (!/^parley_bench\w*$/.test(database)) throw new Error(`refusing database ${database}`)
  const admin = await connect('postgres')
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
  if (!exists.rowCount) await admin.query(`CREATE DATABASE "${database}"`)
  await admin.end()
}

/** Empties every Parley table of the bench database (keeps the schema). */
export async function resetData(client: pg.Client) {
  await client.query('TRUNCATE organizations, users, auth_access_tokens CASCADE')
}

async function insertRows(client: pg.Client, table: string, rows: Record<string, unknown>[]) {
  if (!rows.length) return
  const columns = Object.keys(rows[0])
  for (let start = 0; start < rows.length; start += 5000) {
    const chunk = rows.slice(start, start + 5000)
    const params = columns.map((column) => chunk.map((row) => row[column]))
    const selects = columns.map((column, i) => `$${i + 1}::${typeOf(column)}[]`)
    await client.query(
      `INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${selects.join(', ')})`,
      params
    )
  }
}

function typeOf(column: string) {
  if (column === 'id' || column.endsWith('_id')) return 'uuid'
  if (column.endsWith('_at')) return 'timestamptz'
  return 'text'
}

/**
 * Seeds organizations of `usersPerOrg` users each, straight in SQL (the API
 * would spend minutes hashing passwords): every user gets an access token,
 * and per organization optionally DM rooms pairing users (0,1), (2,3), …
 * and one group room with every member of the organization.
 */
export async function seedWorld(
  client: pg.Client,
  options: { orgs: number; usersPerOrg: number; dms: boolean; group: boolean }
): Promise<World> {
  await resetData(client)
  const now = new Date()
  const users: BenchUser[] = []
  const orgRows: Record<string, unknown>[] = []
  const userRows: Record<string, unknown>[] = []
  const membershipRows: Record<string, unknown>[] = []
  const roomRows: Record<string, unknown>[] = []
  const memberRows: Record<string, unknown>[] = []
  const dmRooms: string[] = []
  const groupRooms: string[] = []
  for (let o = 0; o < options.orgs; o++) {
    const orgId = randomUUID()
    orgRows.push({
      id: orgId,
      name: `Bench ${o}`,
      slug: `bench-${o}`,
      created_at: now,
      updated_at: now,
    })
    const orgUsers: BenchUser[] = []
    for (let u = 0; u < options.usersPerOrg; u++) {
      const index = users.length
      const user: BenchUser = { id: randomUUID(), index, organizationId: orgId, token: '' }
      users.push(user)
      orgUsers.push(user)
      userRows.push({
        id: user.id,
        email: `bench${index}@bench.test`,
        username: `bench${index}`,
        password: 'not-a-login',
        active_organization_id: orgId,
        created_at: now,
        updated_at: now,
      })
      membershipRows.push({
        id: randomUUID(),
        organization_id: orgId,
        user_id: user.id,
        role: u === 0 ? 'owner' : 'member',
        created_at: now,
        updated_at: now,
      })
    }
    const addRoom = (type: 'direct' | 'group', members: BenchUser[]) => {
      const id = randomUUID()
      roomRows.push({
        id,
        organization_id: orgId,
        type,
        name: type === 'group' ? `room ${o}` : null,
        direct_key:
          type === 'direct'
            ? members
                .map((m) => m.id)
                .sort()
                .join(':')
            : null,
        created_by_id: members[0].id,
        created_at: now,
        updated_at: now,
      })
      for (const member of members) {
        memberRows.push({
          id: randomUUID(),
          organization_id: orgId,
          room_id: id,
          user_id: member.id,
          role: member === members[0] && type === 'group' ? 'admin' : 'member',
          joined_at: now,
        })
      }
      return id
    }
    if (options.dms) {
      for (let u = 0; u + 1 < orgUsers.length; u += 2) {
        const [a, b] = [orgUsers[u], orgUsers[u + 1]]
        const id = addRoom('direct', [a, b])
        dmRooms.push(id)
        Object.assign(a, { dmRoomId: id, dmPeerIndex: b.index })
        Object.assign(b, { dmRoomId: id, dmPeerIndex: a.index })
      }
    }
    if (options.group) {
      const id = addRoom('group', orgUsers)
      groupRooms.push(id)
      orgUsers.forEach((user) => (user.groupRoomId = id))
    }
  }
  await insertRows(client, 'organizations', orgRows)
  await insertRows(client, 'users', userRows)
  await insertRows(client, 'memberships', membershipRows)
  await insertRows(client, 'rooms', roomRows)
  await insertRows(client, 'room_members', memberRows)
  await issueTokens(client, users)
  await client.query('ANALYZE')
  return { users, dmRooms, groupRooms }
}

/** Opaque access tokens as @adonisjs/auth makes them: `plr_<b64url id>.<b64url secret>`, sha256 stored. */
export async function issueTokens(client: pg.Client, users: BenchUser[]) {
  const secrets = users.map(() => randomBytes(30).toString('base64url'))
  const hashes = secrets.map((secret) => createHash('sha256').update(secret).digest('hex'))
  const result = await client.query(
    `INSERT INTO auth_access_tokens (tokenable_id, type, hash, abilities, created_at, updated_at)
     SELECT u, 'auth_token', h, '["*"]', now(), now() FROM unnest($1::uuid[], $2::text[]) AS t(u, h)
     RETURNING id, tokenable_id`,
    [users.map((user) => user.id), hashes]
  )
  const byUser = new Map(users.map((user, i) => [user.id, i]))
  for (const row of result.rows) {
    const i = byUser.get(row.tokenable_id)!
    const id = Buffer.from(String(row.id)).toString('base64url')
    users[i].token = `plr_${id}.${Buffer.from(secrets[i]).toString('base64url')}`
  }
}
