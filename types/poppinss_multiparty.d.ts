/**
 * The part of `@poppinss/multiparty` (the bodyparser's multipart parser,
 * which ships no types) that #services/multipart_upload uses.
 */
declare module '@poppinss/multiparty' {
  import type { IncomingMessage } from 'node:http'
  import type { PassThrough, Writable } from 'node:stream'

  /** One part of the body; `filename` is undefined for plain fields. */
  export interface Part extends PassThrough {
    name: string
    filename?: string
    headers: Record<string, string>
  }

  export interface FormOptions {
    maxFields?: number
    maxFieldsSize?: number
  }

  /**
   * A writable the request is piped into; emits `part` (files), `field`,
   * `error` and `close`.
   */
  export class Form extends Writable {
    constructor(options?: FormOptions)
    parse(request: IncomingMessage): void
  }

  const multiparty: { Form: typeof Form }
  export default multiparty
}
