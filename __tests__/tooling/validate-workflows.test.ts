// script/validate-workflows.sh on throwaway repositories: it must pass good files (node24
// included) and fail, naming the file, on a broken workflow or action.
import { afterAll, describe, expect, it } from '@jest/globals'
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const SCRIPT = join(process.cwd(), 'script', 'validate-workflows.sh')
const roots: string[] = []
afterAll(() => roots.forEach((root) => rmSync(root, { recursive: true, force: true })))

const action = (using: string): string =>
  [
    'name: Probe',
    'description: A probe',
    'runs:',
    `  using: ${using}`,
    '  main: dist/index.js',
    ''
  ].join('\n')

const GOOD_WORKFLOW = `name: CI
on: [push, pull_request]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: ./
        with:
          repository: team/api
`
// A misspelt key inside a step: valid YAML, invalid workflow.
const BAD_WORKFLOW = GOOD_WORKFLOW.replace('with:', 'wiht:')

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'validate-workflows-'))
  roots.push(root)
  mkdirSync(join(root, '.github', 'workflows'), { recursive: true })
  for (const [path, content] of Object.entries(files)) writeFileSync(join(root, path), content)
  return root
}

interface Validation {
  status: number | null
  stdout: string
  stderr: string
}

function validate(root: string): Promise<Validation> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [SCRIPT, root], { env: process.env })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (status) => resolve({ status, stdout, stderr }))
  })
}

// Each case is a few runs of the validator (npx, then the check): the four repositories are
// validated at once, from the start of the file, and each test waits for its own.
const validations = {
  good: validate(
    repo({ 'action.yml': action('node24'), '.github/workflows/ci.yml': GOOD_WORKFLOW })
  ),
  broken: validate(
    repo({
      'action.yml': action('node24'),
      '.github/workflows/ci.yml': GOOD_WORKFLOW,
      '.github/workflows/broken.yml': BAD_WORKFLOW
    })
  ),
  unknownRuntime: validate(repo({ 'action.yml': action('node99') })),
  empty: validate(repo({}))
}

describe('validate-workflows.sh', () => {
  it('passes a node24 action and a valid workflow', async () => {
    const result = await validations.good
    expect(result.stdout).toContain('valid    action.yml')
    expect(result.stdout).toContain('valid    .github/workflows/ci.yml')
    expect(result.status).toBe(0)
  })

  it('fails on an invalid workflow and names it', async () => {
    const result = await validations.broken
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('INVALID  .github/workflows/broken.yml')
    expect(result.stderr).toContain("Additional property 'wiht' is not allowed")
    expect(result.stdout).toContain('valid    .github/workflows/ci.yml')
  })

  it('fails on an action whose runtime GitHub does not know', async () => {
    const result = await validations.unknownRuntime
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('INVALID  action.yml')
  })

  it('fails when there is nothing to validate', async () => {
    const result = await validations.empty
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('No action.yml and no workflows found')
  })
})
