// The unusual things the build does (script/build.mjs: ESM entries, eager start-up factories;
// tsconfig.json `paths`), checked on the committed bundle: each fails here if it stops working.
// That the alias keeps undici out of a default run is proven by running the bundle, in
// __tests__/e2e/startup.test.ts.
import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
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
    // The stand-in, minified: `loadHttpClient=async()=>{…}` and a class that refuses to work
    // before it ran.
    expect(bundle).toMatch(/loadHttpClient=async\(\)=>\{/)
    expect(bundle).toContain('@actions/http-client was used before loadHttpClient() loaded it')
  })

  it('keeps @actions/http-client and undici out of the main chunk: they load with the comment', () => {
    // undici's own error classes name themselves; none is in the chunk every start compiles.
    expect(bundle).not.toContain('UND_ERR_')
    const chunks = readdirSync(join(PROJECT_ROOT, 'dist')).filter((name) => name !== 'index.js')
    const undici = chunks.filter((name) =>
      readFileSync(join(PROJECT_ROOT, 'dist', name), 'utf8').includes('UND_ERR_')
    )
    // One chunk, loaded with the comment's Octokit.
    expect(undici).toHaveLength(1)
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

  it('leaves the factories a default start never runs lazy', () => {
    expect(report.factories - report.startup.length).toBeGreaterThan(20)
  })
})
