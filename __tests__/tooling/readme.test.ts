// The README's inputs and outputs tables and .env.example must say what action.yml declares:
// same names, same order, same defaults. A renamed or added input they miss fails here.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'

interface ActionYaml {
  inputs: Record<string, { default?: string }>
  outputs: Record<string, unknown>
}

const action = parse(readFileSync('action.yml', 'utf8')) as ActionYaml
const readme = readFileSync('README.md', 'utf8')

/** The first column (a `name` in backticks) and second column of the table under `## heading`. */
function tableRows(heading: string): string[][] {
  const section = readme.split(/^## /m).find((part) => part.startsWith(`${heading}\n`))
  if (!section) throw new Error(`README has no "## ${heading}" section`)
  return section
    .split('\n')
    .filter((line) => /^\|\s*`[^`]+`\s*\|/.test(line))
    .map((line) =>
      line
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((cell) => cell.trim())
    )
}

describe('README', () => {
  it('lists every input of action.yml, in order, with its default', () => {
    const rows = tableRows('Inputs')
    expect(rows.map((row) => row[0])).toEqual(
      Object.keys(action.inputs).map((name) => `\`${name}\``)
    )
    for (const row of rows) {
      const name = row[0]!.slice(1, -1)
      const declared = action.inputs[name]?.default
      expect([name, row[1]]).toEqual([name, declared === undefined ? '' : `\`${declared}\``])
    }
  })

  it('lists every output of action.yml, in order', () => {
    expect(tableRows('Outputs').map((row) => row[0])).toEqual(
      Object.keys(action.outputs).map((name) => `\`${name}\``)
    )
  })

  it('shows the two commands: the demo and the tests', () => {
    expect(readme).toContain('npm ci && npm run demo')
    expect(readme).toContain('npm test')
  })
})

describe('.env.example (for npm run local-action)', () => {
  it('has a line for every input of action.yml', () => {
    const example = readFileSync('.env.example', 'utf8')
    const missing = Object.keys(action.inputs).filter(
      (name) => !new RegExp(`^#? ?INPUT_${name.toUpperCase()}=`, 'm').test(example)
    )
    expect(missing).toEqual([])
  })
})
