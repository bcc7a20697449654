/*
 * HTTP helpers for a plugin's routes and controllers: the named route
 * middleware (`auth`, `orgScope`, …) and the serializer that wraps every
 * success response in the one envelope (`{ data }`).
 *
 * This module loads the HTTP kernel: import it from routes and controllers,
 * which the plugin's `start` loads lazily, never from a provider or model.
 */
export { middleware } from '#start/kernel'
export { serializer } from '#transformers/serializer'
