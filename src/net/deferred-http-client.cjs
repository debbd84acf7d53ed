// Bundle only: the build maps `@actions/http-client` to this file (tsconfig.json `paths`, which
// ncc's resolver applies; tsc, jest and node never see it). @actions/core imports that package
// for OIDC tokens this action never asks for, and evaluating it loads undici, ~430 kB, on every
// start. Its two importers (@actions/core, @actions/github) use only `new HttpClient(...)`, so the
// real module is required at the first construction: when the pull-request comment's Octokit is
// built, never on a default run. CommonJS, because a bundled `require` is what evaluates a module
// late and synchronously. __tests__/e2e/startup.test.ts fails if a default run loads undici.
'use strict'

let RealHttpClient

exports.HttpClient = class HttpClient {
  constructor(...args) {
    // A path, not the package name: the name is mapped back to this file.
    RealHttpClient ??= require('../../node_modules/@actions/http-client/lib/index.js').HttpClient
    return new RealHttpClient(...args)
  }
}
