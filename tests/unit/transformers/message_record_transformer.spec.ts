import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { isoTimestamp } from '#transformers/message_record_transformer'

/** Instants around the year, DST changes and millisecond edges. */
const INSTANTS = [
  '2026-01-01T00:00:00.000Z',
  '2026-03-29T00:59:59.999Z',
  '2026-03-29T01:00:00.001Z',
  '2026-10-25T00:30:00.500Z',
  '2026-12-31T23:59:59.999Z',
  '1999-07-04T12:34:56.007Z',
]

test.group('isoTimestamp', (group) => {
  const zone = process.env.TZ
  group.each.teardown(() => {
    if (zone === undefined) delete process.env.TZ
    else process.env.TZ = zone
  })

  for (const tz of ['UTC', 'Europe/Paris', 'America/St_Johns', 'Asia/Kolkata', 'Pacific/Chatham']) {
    test(`writes what Luxon writes for a Lucid timestamp in ${tz}`, ({ assert }) => {
      process.env.TZ = tz
      for (const instant of INSTANTS) {
        const date = new Date(instant)
        assert.equal(isoTimestamp(date), DateTime.fromJSDate(date).toISO(), `${tz} ${instant}`)
      }
    })
  }
})
