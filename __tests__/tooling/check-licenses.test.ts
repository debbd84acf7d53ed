// script/check-licenses.mjs run as CI runs it, on licence files in the format ncc writes.
import { afterAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const SCRIPT = join(process.cwd(), 'script', 'check-licenses.mjs')
const workDir = mkdtempSync(join(tmpdir(), 'check-licenses-'))
afterAll(() => rmSync(workDir, { recursive: true, force: true }))

interface Entry {
  name: string
  license?: string
  text: string
}

/** Renders entries the way ncc's licence plugin does: sorted by name, blank line between. */
function licensesFile(entries: Entry[]): string {
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : 1))
  const body = sorted
    .map((e) => [e.name, ...(e.license ? [e.license] : []), e.text].join('\n') + '\n\n')
    .join('')
  return body.trim() + '\n'
}

let fileCount = 0
function check(content: string): { status: number | null; stdout: string; stderr: string } {
  const path = join(workDir, `licenses-${++fileCount}.txt`)
  writeFileSync(path, content)
  const result = spawnSync(process.execPath, [SCRIPT, path], { encoding: 'utf8' })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

// Licence texts have blank lines and short paragraphs; one here is a lone lower-case word.
const MIT_TEXT = 'The MIT License (MIT)\n\nCopyright 2019 GitHub\n\nPermission is hereby granted…'
const APACHE_TEXT = '   Apache License\n\n   TERMS AND CONDITIONS\n\nend\n\n   1. Definitions.'

/** Names reported on stderr, one `  name: licence` line each. */
function reported(stderr: string): string[] {
  return [...stderr.matchAll(/^ {2}(\S+): /gm)].map((m) => m[1] ?? '')
}

describe('check-licenses', () => {
  it('passes when every bundled package has an allowed licence or expression', () => {
    const result = check(
      licensesFile([
        { name: '@actions/core', license: 'MIT', text: MIT_TEXT },
        { name: '@aws-sdk/client-ecr', license: 'Apache-2.0', text: APACHE_TEXT },
        { name: 'tslib', license: '0BSD', text: 'Copyright (c) Microsoft Corporation.' },
        { name: 'dual', license: '(MIT OR Apache-2.0)', text: MIT_TEXT },
        { name: 'either', license: '(GPL-3.0-only OR BSD-3-Clause)', text: 'either' },
        { name: 'llvm', license: 'Apache-2.0 WITH LLVM-exception', text: APACHE_TEXT },
        { name: 'lower', license: 'isc', text: 'ISC License' }
      ])
    )
    expect(result.stderr).toBe('')
    expect(result.stdout).toContain('all 7 bundled packages')
    expect(result.status).toBe(0)
  })

  it('fails on a GPL-3.0 entry and names the package and its licence', () => {
    const result = check(
      licensesFile([
        { name: '@actions/core', license: 'MIT', text: MIT_TEXT },
        {
          name: 'copyleft-lib',
          license: 'GPL-3.0',
          text: 'GNU GENERAL PUBLIC LICENSE\n\nVersion 3'
        },
        { name: 'undici', license: 'MIT', text: MIT_TEXT }
      ])
    )
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('  copyleft-lib: GPL-3.0')
    expect(reported(result.stderr)).toEqual(['copyleft-lib'])
  })

  it('rejects AND with a disallowed part, OR with no allowed branch, no licence, and nonsense', () => {
    const result = check(
      licensesFile([
        { name: 'a-and', license: '(MIT AND GPL-3.0-only)', text: MIT_TEXT },
        { name: 'b-or', license: 'GPL-2.0 OR LGPL-3.0', text: 'text' },
        { name: 'c-none', text: 'Copyright (c) somebody, all rights reserved.' },
        { name: 'd-unbalanced', license: '(MIT OR Apache-2.0', text: MIT_TEXT },
        { name: 'e-fine', license: 'BSD-2-Clause', text: 'BSD' },
        { name: 'f-proprietary', license: 'UNLICENSED', text: '' }
      ])
    )
    expect(result.status).toBe(1)
    expect(reported(result.stderr)).toEqual([
      'a-and',
      'b-or',
      'c-none',
      'd-unbalanced',
      'f-proprietary'
    ])
    expect(result.stderr).toContain('  c-none: (no licence declared)')
  })

  it('does not take a one-word paragraph of a licence text for a package', () => {
    // "end" starts a paragraph of APACHE_TEXT but breaks ncc's name order after "zeta": text.
    const result = check(licensesFile([{ name: 'zeta', license: 'Apache-2.0', text: APACHE_TEXT }]))
    expect(result.stdout).toContain('all 1 bundled packages')
    expect(result.status).toBe(0)
  })

  it('fails when the file is missing or is not in the licence format', () => {
    const missing = spawnSync(process.execPath, [SCRIPT, join(workDir, 'absent.txt')], {
      encoding: 'utf8'
    })
    expect(missing.status).toBe(1)
    expect(missing.stderr).toContain('npm run build')

    const garbage = check('This Is Not A Licence File\nAt All\n')
    expect(garbage.status).toBe(1)
    expect(garbage.stderr).toContain('no package entries found')
  })
})
