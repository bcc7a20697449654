/*
|--------------------------------------------------------------------------
| Test database preparation
|--------------------------------------------------------------------------
|
| Creates the test database named in .env.test (or DB_DATABASE) when it does
| not exist yet. Lucid does not create databases; migrations run in the
| Japa setup hook.
|
*/
import { readFileSync } from 'node:fs'
import pg from 'pg'

const fileEnv = Object.fromEntries(
  readFileSync(new URL('../.env.test', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1).trim()])
)
const setting = (key: string) => process.env[key] ?? fileEnv[key]
const database = setting('DB_DATABASE') ?? 'parley_test'

const client = new pg.Client({
  host: setting('DB_HOST'),
  port: Number(setting('DB_PORT') ?? 5432),
  user: setting('DB_USER'),
  password: setting('DB_PASSWORD') || undefined,
  database: 'postgres',
})

await client.connect()
const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
if (exists.rowCount === 0) {
  await client.query(`CREATE DATABASE "${database.replaceAll('"', '')}"`)
  console.log(`created test database ${database}`)
}
await client.end()
