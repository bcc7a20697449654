import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

/**
 * The Parley web client: web/ is the Vite root, the build goes to public/,
 * which Parley serves at `/` (start/routes/web.ts). `npx vite web` serves it
 * with hot reload and forwards the API to a Parley on port 3000.
 */
const api = 'http://127.0.0.1:3000'
const apiPaths = ['/auth', '/users', '/organizations', '/chat', '/media', '/notifications']

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../public', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
  server: {
    proxy: {
      ...Object.fromEntries(apiPaths.map((path) => [path, api])),
      '/socket.io': { target: api, ws: true },
    },
  },
})
