// The unusual things the build does (script/build.mjs: ESM entries, eager start-up factories;
// tsconfig.json `paths`), checked on the committed bundle: each fails here if it stops working. That the alias keeps undici out of a
// default run is proven by running the bundle, in __tests__/e2e/startup.test.ts.
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DIST_INDEX, PROJECT_ROOT } from '../../harness/run-action.js'

const bundle = readFileSync(DIST_INDEX, 'utf8')

describe('the bundle', () => {
  it('takes the SDK from its ESM build: commands the action never sends are left out', () => {
    expect(bundle).toContain('BatchGetImageCommand')
    // The CommonJS build of @aws-sdk/client-ecr defines every command, paginator and waiter.
    for (const unused of ['ListImagesCommand', 'PutImageCommand', 'waitUntilImageScanComplete'])
      expect(bundle).not.toContain(unused)
  })

  it('maps @actions/http-client to the deferred module, which exists', () => {
    const tsconfig = JSON.parse(readFileSync(join(PROJECT_ROOT, 'tsconfig.json'), 'utf8')) as {
      compilerOptions: { paths: Record<string, string[]> }
    }
    const [target] = tsconfig.compilerOptions.paths['@actions/http-client'] ?? []
    expect(target).toBe('./src/net/deferred-http-client.cjs')
    expect(existsSync(join(PROJECT_ROOT, target!))).toBe(true)
    // The deferred class, minified: `class HttpClient{constructor(...t){o??=require(…)`.
    expect(bundle).toMatch(/class HttpClient\{constructor\(\.\.\.\w+\)\{\w+\?\?=/)
  })
})

describe('the eager-compilation hint', () => {
  const report = JSON.parse(
    execFileSync(
      process.execPath,
      [join(PROJECT_ROOT, 'script', 'eager-startup.mjs'), DIST_INDEX],
      {
        encoding: 'utf8'
      }
    )
  ) as { factories: number; startup: string[]; parenthesised: string[] }

  it('puts exactly the factories every start runs in parentheses', () => {
    expect(report.startup.length).toBeGreaterThan(30)
    expect(report.parenthesised).toEqual(report.startup)
  })

  it('leaves the factories a default start never runs lazy (undici among them)', () => {
    expect(report.factories - report.startup.length).toBeGreaterThan(50)
  })
})
