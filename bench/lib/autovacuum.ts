import type pg from 'pg'

/**
 * Autovacuum's work, done by the bench when the server has autovacuum off.
 *
 * A production PostgreSQL runs autovacuum (it is on by default): it analyzes
 * a table once a tenth of it has changed and vacuums it once dead rows pile
 * up. A send depends on both. Every backend keeps the plan of each
 * foreign-key check from that check's first executions, and only an ANALYZE
 * (or VACUUM) of the table makes it plan again: a plan made while `messages`
 * had one page scans the whole table for every search row inserted, so
 * without autovacuum a backend's cost per send grows with the table, and
 * differs from backend to backend by when each first wrote. VACUUM keeps the
 * rows every send updates (its room's counters, its sender's read pointer)
 * from leaving dead versions behind. Measured on a server with autovacuum
 * off, PostgreSQL's CPU per DM send swung from 130 to 1,600 µs between
 * phases of one run; a send's cost on such a server is not Parley's.
 *
 * So where autovacuum is off, the bench runs `VACUUM (ANALYZE)` on its
 * database before each measured phase (about half a second on the bench's
 * data) and says so in its notes; where it is on, it does nothing.
 */
export class Autovacuum {
  private constructor(
    private client: pg.Client,
    /** True when the server's autovacuum is off and the bench stands in for it. */
    readonly standIn: boolean
  ) {}

  static async of(client: pg.Client) {
    const result = await client.query<{ autovacuum: string }>('SHOW autovacuum')
    return new Autovacuum(client, result.rows[0].autovacuum !== 'on')
  }

  /** Before a phase: what autovacuum would have done by now. */
  async catchUp() {
    if (this.standIn) await this.client.query('VACUUM (ANALYZE)')
  }

  /** A row note saying what was done, when something was. */
  get note() {
    return this.standIn
      ? 'autovacuum is off on this PostgreSQL server: the bench ran VACUUM (ANALYZE) before each phase, as autovacuum would have'
      : ''
  }
}
