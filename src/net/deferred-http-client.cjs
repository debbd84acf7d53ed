// Bundle only: the build maps `@actions/http-client` to this file (tsconfig.json `paths`, which
// ncc's resolver applies; jest and node never see it). @actions/core imports that package for
// OIDC tokens this action never asks for, and evaluating it loads undici, ~430 kB, on every
// start. Its two importers (@actions/core, @actions/github) use only `new HttpClient(...)`, so
// the real module is a chunk of its own, loaded by `loadHttpClient()`: publish.ts awaits it
// before the pull-request comment's chunk (whose @actions/github builds an HttpClient as it is
// evaluated) is imported, never on a default run. __tests__/e2e/startup.test.ts fails if a
// default run loads undici, and the comment tests fail if the comment runs without it.
'use strict'

let RealHttpClient

exports.loadHttpClient = async () => {
  // A path, not the package name: the name is mapped back to this file.
  const real = await import('../../node_modules/@actions/http-client/lib/index.js')
  RealHttpClient ??= real.HttpClient ?? real.default.HttpClient
}

exports.HttpClient = class HttpClient {
  constructor(...args) {
    if (!RealHttpClient) {
      throw new Error('@actions/http-client was used before loadHttpClient() loaded it')
    }
    return new RealHttpClient(...args)
  }
}
