/*
 * The plugin's tests start a real Parley server with the plugin enabled
 * through its environment; the helper is shared with the multi-node suites.
 */
export { startServer, type ServerProcess } from '#tests/helpers/server_process'
