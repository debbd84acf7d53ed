// `@actions/http-client` as type checks see it: tsconfig.json `paths` maps the name to the
// bundle's stand-in (deferred-http-client.cjs), which has no types of its own.
declare module '@actions/http-client' {
  /** Loads the real module (a chunk of its own in the bundle); HttpClient works only after it. */
  export function loadHttpClient(): Promise<void>
  export class HttpClient {
    constructor(...args: unknown[])
  }
}
