import https from 'node:https'
import tls from 'node:tls'
import type { Duplex } from 'node:stream'
import type { PushFcmConfig } from './define_config.js'

/**
 * The HTTPS agent every request of the Firebase SDK goes through (OAuth
 * tokens and `messages:send`), in production as in tests: keep-alive, the
 * public roots plus `FCM_CA_FILE`, and with `FCM_CONNECT_TO` a fixed
 * address for the TCP connection while TLS still verifies the certificate
 * against the requested Google host name.
 */
export class FcmAgent extends https.Agent {
  constructor(protected settings: Pick<PushFcmConfig, 'connectTo' | 'ca'>) {
    super({
      keepAlive: true,
      maxSockets: 50,
      ca: settings.ca ? [...tls.rootCertificates, settings.ca] : undefined,
    })
  }

  createConnection(
    options: tls.ConnectionOptions & { host?: string },
    callback?: (error: Error | null, socket: Duplex) => void
  ): Duplex | null | undefined {
    const target = this.settings.connectTo
    if (!target) return super.createConnection(options, callback)
    const servername = options.servername || options.host
    return super.createConnection(
      { ...options, host: target.host, port: target.port, servername },
      callback
    )
  }
}
