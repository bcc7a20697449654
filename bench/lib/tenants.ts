import type pg from 'pg'

/**
 * The shape of a multi-tenant message table as PostgreSQL's planner meets it
 * in production, not one giant room: many organizations, each with rooms of
 * very different sizes (a few busy ones, a long tail of quiet ones), their
 * messages interleaved in the heap as they arrive over time, plus one room of
 * `bigRoom` messages. The bench's history scenario and the plan test both
 * seed it, then ANALYZE, so the plan they see is the one real data gets.
 */
export interface TenantShape {
  /** Rooms per organization besides what the caller already made. */
  roomsPerOrg: number
  /** Messages of an organization's busiest room; the k-th gets about base / k^1.5. */
  base: number
  /** Messages of the one big room. */
  bigRoom: number
}

/**
 * Adds `roomsPerOrg` group rooms to every organization (every member of the
 * organization in each), then messages for all of them and `bigRoom`
 * messages for `bigRoomId`, interleaved, with `body` copied into every row
 * (ciphertext and key id of a real message, so every page decrypts). Returns
 * how many messages were written.
 */
export async function seedTenantMessages(
  client: pg.Client,
  shape: TenantShape,
  big: { roomId: string; body: { hash: string; ciphertext: string | null; keyId: string | null } }
) {
  await client.query(
    `INSERT INTO rooms (id, organization_id, type, name, created_at, updated_at)
     SELECT gen_random_uuid(), o.id, 'group', 'tenant room ' || k, now(), now()
     FROM organizations o, generate_series(1, $1::int) AS k`,
    [shape.roomsPerOrg]
  )
  await client.query(
    `INSERT INTO room_members (id, organization_id, room_id, user_id, joined_at)
     SELECT gen_random_uuid(), r.organization_id, r.id, m.user_id, now()
     FROM rooms r JOIN memberships m ON m.organization_id = r.organization_id
     WHERE r.name LIKE 'tenant room %'`
  )
  const result = await client.query(
    `WITH sized AS (
       SELECT r.id, r.organization_id,
         (SELECT user_id FROM room_members rm WHERE rm.room_id = r.id LIMIT 1) AS sender_id,
         CASE WHEN r.id = $2::uuid THEN $3::int
              ELSE floor(random() * 2 * $1::int /
                power(row_number() OVER (PARTITION BY r.organization_id ORDER BY r.id), 1.5))::int
         END AS n
       FROM rooms r WHERE r.last_seq = 0 OR r.id = $2::uuid
     ), rows AS (
       SELECT s.organization_id, s.id AS room_id, s.sender_id, g AS seq
       FROM sized s, generate_series(1, s.n) AS g
       WHERE NOT (s.id = $2::uuid AND g <= (SELECT last_seq FROM rooms WHERE id = $2::uuid))
     )
     INSERT INTO messages (id, organization_id, room_id, sender_id, seq, version_seq, body_hash,
       body_ciphertext, body_key_id, created_at)
     SELECT gen_random_uuid(), organization_id, room_id, sender_id, seq, seq, $4, $5, $6::uuid,
       now() - make_interval(secs => random() * 86400 * 30)
     FROM rows ORDER BY random()`,
    [shape.base, big.roomId, shape.bigRoom, big.body.hash, big.body.ciphertext, big.body.keyId]
  )
  await client.query(
    `UPDATE rooms r SET last_seq = c.n, change_seq = c.n
     FROM (SELECT room_id, max(seq) AS n FROM messages GROUP BY room_id) c WHERE c.room_id = r.id`
  )
  await client.query('ANALYZE')
  return result.rowCount ?? 0
}
