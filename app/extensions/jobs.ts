/*
 * Background jobs (the queue core runs): a plugin defines its queues and
 * workers in its lifecycle hooks and enqueues work, e.g. push deliveries.
 */
export { default as jobs } from '#services/jobs'
export type { Jobs, QueueDefinition } from '#services/jobs'
