// pin-files as the unit tests drive it: files in a real temporary workspace, read through
// readPinFiles, and
// the verdicts ECR's answers get (the fixture image for every tag, or ImageNotFound for `gone`).
import { afterAll } from '@jest/globals'
import type { Workspace } from '../../src/files/workspace.js'
import { readPinFiles, type PinSource } from '../../src/inputs/pin-files.js'
import { judge, type Verdict } from '../../src/insight/verdict.js'
import { FIXTURES, SEED_REGISTRY_ID } from '../../server/fixtures.js'
import type { ImageLookup } from '../../src/types.js'
import { tempWorkspace, type TempWorkspace } from './temp-workspace.js'

/** The digest every tag resolves to in verdictFor. */
export const RESOLVED = FIXTURES.dockerImage

const workspaces: TempWorkspace[] = []
afterAll(() => workspaces.forEach((workspace) => workspace.remove()))

/** `files` in a real workspace of their own, globs expanded and files read as the action does. */
export function fileSystem(files: Record<string, string | Uint8Array>): Workspace {
  const workspace = tempWorkspace(files, 'pin-files-unit-')
  workspaces.push(workspace)
  return workspace.workspace
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
