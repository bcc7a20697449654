import http from 'node:http'

/**
 * A keep-alive HTTP/1.1 client for load phases. The baseline of a REST
 * scenario is driven through `pg` (~80 µs of the bench process's CPU per
 * one-row query here), and the client runs on the same two cores as the
 * server, so a heavy client lowers Parley's side only. `fetch` (undici)
 * measured 390–570 µs of client CPU per 24 KB history page in alternating
 * runs on this machine, `node:http` with a keep-alive agent 250–390 µs,
 * the body's `JSON.parse` included: the bench keeps it, so that each page
 * is still checked (as `pg` still parses each row).
 */
export function httpClient(sockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets })
  return {
    /** GETs `url` and answers its status and parsed JSON body. */
    getJson(url: string, headers: Record<string, string>) {
      return new Promise<{ status: number; body: any }>((resolve, reject) => {
        http
          .get(url, { agent, headers }, (response) => {
            const chunks: Buffer[] = []
            response.on('data', (chunk: Buffer) => chunks.push(chunk))
            response.on('error', reject)
            response.on('end', () => {
              try {
                const text = Buffer.concat(chunks).toString()
                resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) })
              } catch (error) {
                reject(error)
              }
            })
          })
          .on('error', reject)
      })
    },
    close() {
      agent.destroy()
    },
  }
}
