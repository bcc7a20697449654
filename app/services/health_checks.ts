import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { DbCheck } from '@adonisjs/lucid/database'
import { DiskSpaceCheck, HealthChecks, MemoryHeapCheck } from '@adonisjs/core/health'
import type { HealthCheckContract } from '@adonisjs/core/types/health'
import env from '#start/env'
import { RedisPingCheck } from '#services/redis_ping_check'
import { PluginsCheck } from '#services/plugins_check'
import { KeyringCheck } from '#services/keyring_check'
import { DrainCheck, MigrationsCheck } from '#services/readiness_checks'

/**
 * The checks behind `GET /health`. Any check in "error" makes the node
 * unhealthy (503), so a load balancer takes it out: the database always,
 * Redis only when `REDIS_URL` is configured (without it Parley runs in
 * memory and needs no Redis), the disk holding `storage/` (media, embedded
 * database) and the heap. The keyring check only warns (see KeyringCheck). Built per request so the database check always
 * uses the current connection.
 */
export function buildHealthChecks(): HealthChecks {
  const disk = new DiskSpaceCheck().warnWhenExceeds(85).failWhenExceeds(95).as('disk')
  disk.diskPath = app.makePath('storage')
  const checks: HealthCheckContract[] = [
    new DbCheck(db.connection()).as('database'),
    disk,
    new MemoryHeapCheck().warnWhenExceeds('512 mb').failWhenExceeds('1 gb').as('memory'),
    new PluginsCheck(),
    new KeyringCheck(),
  ]
  const redisUrl = env.get('REDIS_URL')
  if (redisUrl) checks.push(new RedisPingCheck(redisUrl))
  return new HealthChecks().register(checks)
}

/**
 * The checks behind `GET /health/ready` (orchestrators' readiness): the node
 * is not draining, the database answers, every migration of this build is
 * applied, and Redis answers when `REDIS_URL` is configured. Disk, memory,
 * plugins and keyring stay in `/health`: a full disk is not fixed by sending
 * traffic elsewhere.
 */
export function buildReadinessChecks(): HealthChecks {
  const checks: HealthCheckContract[] = [
    new DrainCheck(),
    new DbCheck(db.connection()).as('database'),
    new MigrationsCheck(),
  ]
  const redisUrl = env.get('REDIS_URL')
  if (redisUrl) checks.push(new RedisPingCheck(redisUrl))
  return new HealthChecks().register(checks)
}
