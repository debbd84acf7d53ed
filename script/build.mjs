#!/usr/bin/env node
// `npm run build`: the bundle, by ncc's API rather than its CLI, for the one option the CLI lacks:
// `mainFields`. The CLI resolves every package by its `main` field, so the AWS SDK comes in as
// its CommonJS builds: all 63 ECR commands, their paginators and waiters, and every credential
// provider evaluated at start. Resolving `module` first takes the SDK's ESM builds (declared
// `sideEffects: false`), so the bundler drops what the action does not import and the credential
// providers it may need become chunks loaded on demand. Otherwise this is
// `ncc build <entry> -o <out> --minify --license licenses.txt --target es2022`, and the output
// directory starts empty. Then the factories every start runs are marked for eager compilation
// (script/eager-startup.mjs). __tests__/tooling/build.test.ts fails if either stops working.
//
// Usage: node script/build.mjs [entry = src/index.ts] [out = dist]
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { hintStartupFactories } from './eager-startup.mjs'

const require = createRequire(import.meta.url)
const ncc = require('@vercel/ncc')

const NCC_OPTIONS = {
  minify: true,
  license: 'licenses.txt',
  target: 'es2022',
  mainFields: ['module', 'main'],
  quiet: true
}

const [entry = 'src/index.ts', out = 'dist'] = process.argv.slice(2)
const started = Date.now()
const { code, assets } = await ncc(resolve(entry), NCC_OPTIONS)
await rm(out, { recursive: true, force: true })
const files = [
  ['index.js', hintStartupFactories(code)],
  ...Object.entries(assets).map(([name, { source }]) => [name, source])
]
for (const [name, source] of files) {
  await mkdir(dirname(join(out, name)), { recursive: true })
  await writeFile(join(out, name), source)
}
const kB = (source) => `${Math.round(Buffer.byteLength(source) / 1024)}kB`.padStart(7)
for (const [name, source] of files) console.log(`${kB(source)}  ${join(out, name)}`)
console.log(`${files.length} files [${Date.now() - started}ms] - ncc ${ncc.version ?? ''}`.trim())
