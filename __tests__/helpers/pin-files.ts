// pin-files as the unit tests drive it: files in memory under /ws, read through readPinFiles, and
// the verdicts ECR's answers get (the fixture image for every tag, or ImageNotFound for `gone`).
import { expect } from '@jest/globals'
import { readPinFiles, type PinFileSystem, type PinSource } from '../../src/inputs/pin-files.js'
import { judge, type Verdict } from '../../src/insight/verdict.js'
import { FIXTURES, SEED_REGISTRY_ID } from '../../server/fixtures.js'
import type { ImageLookup } from '../../src/types.js'

/** The digest every tag resolves to in verdictFor. */
export const RESOLVED = FIXTURES.dockerImage

/** A file system of `files` under /ws; a glob is a file name or `*.ext` (enough to drive the reader). */
export function fileSystem(files: Record<string, string>): PinFileSystem {
  return {
    workspace: '/ws',
    listFiles: (pattern, cwd) => {
      expect(cwd).toBe('/ws')
      const suffix = pattern.startsWith('*') ? pattern.slice(1) : undefined
      return Object.keys(files).filter((path) =>
        suffix ? path.endsWith(suffix) && !path.includes('/') : path === pattern
      )
    },
    readFile: (path) => {
      const text = files[path.replace(/^\/ws\//, '')]
      if (text === undefined) throw new Error(`ENOENT: ${path}`)
      return text
    }
  }
}

/** `files` read as pin-files reads them, every file named by its own glob unless `globs` says. */
export async function readFiles(
  files: Record<string, string>,
  globs = Object.keys(files).join('\n'),
  mode = ''
): Promise<PinSource> {
  const source = await readPinFiles(globs, mode, fileSystem(files))
  if (!source.ok) throw new Error(source.problems.join('\n'))
  return source.value
}

/** The verdict ECR's answer gets for a lookup: the fixture image, or ImageNotFound. */
export function verdictFor(
  lookup: ImageLookup,
  image: typeof RESOLVED | undefined = lookup.imageTag === 'gone' ? undefined : RESOLVED
): Verdict {
  const result = image
    ? {
        request: lookup,
        image: {
          registryId: SEED_REGISTRY_ID,
          repositoryName: lookup.repositoryName,
          imageId: { imageDigest: image.digest, imageTag: lookup.imageTag },
          imageManifest: image.manifest,
          imageManifestMediaType: image.mediaType
        }
      }
    : {
        request: lookup,
        failure: { failureCode: 'ImageNotFound', failureReason: 'Requested image not found' }
      }
  return judge(result, { ifMissing: 'fail', ifExists: 'ignore' })
}
