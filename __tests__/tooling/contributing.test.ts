// CONTRIBUTING.md's layout tree must name every folder of the code and nothing that is gone:
// a folder added or removed without the tree fails here.
import { describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const contributing = readFileSync('CONTRIBUTING.md', 'utf8')
const tree = /## Layout[\s\S]*?```text\n([\s\S]*?)```/.exec(contributing)?.[1] ?? ''
/** The folders the tree names: the first word of each line that ends in a slash. */
const named = tree
  .split('\n')
  .map((line) => /^(\S+\/)\s/.exec(line)?.[1])
  .filter((folder): folder is string => folder !== undefined)

function foldersUnder(root: string): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const path = join(root, entry.name)
      return [`${path}/`, ...foldersUnder(path)]
    })
}

describe('CONTRIBUTING.md layout', () => {
  it('names every folder of src/, each once', () => {
    expect(named.filter((folder) => folder.startsWith('src/')).sort()).toEqual(
      ['src/', ...foldersUnder('src')].sort()
    )
  })

  it('names only folders that exist', () => {
    expect(named.filter((folder) => !existsSync(folder))).toEqual([])
  })
})
