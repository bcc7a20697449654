/*
 * The base of a plugin's own models (its own tables): UUID primary keys
 * assigned by the application, as for core's models.
 */
export { AppModel } from '#models/app_model'
