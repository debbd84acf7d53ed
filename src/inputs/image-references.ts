// The `images` input: full image references across repositories and regions, one per line, each
// keyed by the reference as written.

import type { ImageId } from '../types.js'
import { allUnique, type Checked, fail, failWith, ok, quote, splitList, take } from './checked.js'
import { checkDigest, checkTag, splitOnce } from './image-ids.js'
import type { RegistryLocation } from './registry.js'
import { checkRepositoryName, notEcrProblem, splitRegistry } from './repository.js'

/** One reference. `registry` is absent for a short one (`team/worker:v2`), resolved with the inputs. */
export interface ImageReference extends ImageId {
  key: string
  repositoryName: string
  registry?: RegistryLocation
}

/**
 * `<ecr host>/team/api:v1`, `…/team/api@sha256:…`, `…/team/api:v1@sha256:…`, or short
 * `team/worker:v2`. A registry that is not private ECR, or no tag and no digest, is a problem.
 */
export function parseImageReference(text: string, label = 'images'): Checked<ImageReference> {
  const [name, digest] = splitOnce(text, '@')
  // The tag is after a colon in the last path segment (a colon before a slash is a host's port).
  const tagAt = name.lastIndexOf(':')
  const hasTag = tagAt > name.lastIndexOf('/')
  const path = hasTag ? name.slice(0, tagAt) : name
  const tag = hasTag ? name.slice(tagAt + 1) : undefined

  const split = splitRegistry(path, label)
  if (!split.ok) return split
  if (split.value.foreignHost) return fail(notEcrProblem(text, split.value.foreignHost, label))
  const { registry } = split.value

  const problems: string[] = []
  const reference: ImageReference = { key: text, repositoryName: '' }
  reference.repositoryName = take(checkRepositoryName(split.value.path, label), problems) ?? ''
  const checkedTag = tag === undefined ? undefined : take(checkTag(tag, label), problems)
  const checkedDigest =
    digest === undefined ? undefined : take(checkDigest(digest, label), problems)
  if (checkedTag !== undefined) reference.imageTag = checkedTag
  if (checkedDigest !== undefined) reference.imageDigest = checkedDigest
  if (tag === undefined && digest === undefined) {
    problems.push(
      `${label}: ${quote(text)} has no tag or digest, and ECR needs one; write ${text}:latest to mean latest.`
    )
  }
  if (problems.length > 0) return failWith(problems)
  if (registry) reference.registry = registry
  return ok(reference)
}

/** The whole input: one reference per line (any whitespace separates), blank lines ignored. */
export function parseImageReferences(text: string, label = 'images'): Checked<ImageReference[]> {
  const lines = splitList(text)
  if (lines.length === 0) return fail(`${label}: no image references given.`)
  return allUnique(lines.map((line) => parseImageReference(line, label)))
}
