// The `repository` input: a repository name, or a repository URI that also names the registry and
// region. And the way back: the pinned URI of an image in a repository.

import type { RepositoryTarget } from '../types.js'
import { clip } from '../text.js'
import { type Checked, count, fail, ok, quote } from './checked.js'
import {
  ECR_HOST_EXAMPLE,
  type RegistryLocation,
  parseRegistryHost,
  registryHost
} from './registry.js'

export { registryDomain, registryHost } from './registry.js'

const NAME_PATTERN = /^(?:[a-z0-9]+(?:[._-][a-z0-9]+)*\/)*[a-z0-9]+(?:[._-][a-z0-9]+)*$/

/** A repository, and its registry when a URI named one. */
export interface RepositoryRef {
  repositoryName: string
  registry?: RegistryLocation
}

/** A repository path split from the registry host that may lead it (`<host>/team/api`). */
export interface RegistryPath {
  path: string
  registry?: RegistryLocation
  /** A leading segment that looks like a registry host but is not ECR's (`ghcr.io`). */
  foreignHost?: string
}

/** A repository name as ECR's API pattern and its 2 to 256 characters allow. */
export function checkRepositoryName(name: string, label: string): Checked<string> {
  const said = `${label}: ${quote(name)}`
  if (name.length < 2 || name.length > 256) {
    return fail(
      `${said} is ${count(name.length, 'character')} long; a repository name is 2 to 256 characters.`
    )
  }
  if (NAME_PATTERN.test(name)) return ok(name)
  if (NAME_PATTERN.test(name.toLowerCase())) {
    return fail(
      `${said} has upper-case letters; repository names are lower case: ${name.toLowerCase()}.`
    )
  }
  return fail(
    `${said} is not a repository name: lower-case letters and digits, joined by single ".", "_", "-" ` +
      'or "/" (not at the start or the end), like team/api.'
  )
}

/** Docker's rule: a first path segment with a dot or a port, or `localhost`, is a registry host. */
function looksLikeHost(segment: string): boolean {
  return segment.includes('.') || segment.includes(':') || segment === 'localhost'
}

/** Splits `<ecr host>/<path>` into the registry and the path; a path with no host passes through. */
export function splitRegistry(text: string, label: string): Checked<RegistryPath> {
  if (text.includes('://')) {
    return fail(
      `${label}: ${quote(text)} has a URL scheme; write it without one, like ${ECR_HOST_EXAMPLE}/team/api.`
    )
  }
  const slash = text.indexOf('/')
  if (slash < 0) {
    const registry = parseRegistryHost(text, label)
    if (registry && !registry.ok) return registry
    if (registry) return fail(noRepositoryProblem(text, label))
    return ok({ path: text })
  }
  const host = text.slice(0, slash)
  const path = text.slice(slash + 1)
  const registry = parseRegistryHost(host, label)
  if (registry && registry.ok && path === '') return fail(noRepositoryProblem(text, label))
  if (registry) return registry.ok ? ok({ path, registry: registry.value }) : registry
  return ok(looksLikeHost(host) ? { path: text, foreignHost: host } : { path: text })
}

function noRepositoryProblem(text: string, label: string): string {
  return `${label}: ${quote(text)} names a registry but no repository; add /<repository>.`
}

/** BatchGetImage reads private ECR registries only; says so, naming the host. */
export function notEcrProblem(text: string, host: string, label: string): string {
  const why =
    host === 'public.ecr.aws'
      ? 'public.ecr.aws is ECR Public, which BatchGetImage (private registries) does not read.'
      : `${clip(host, 40)} is not an ECR registry host (like ${ECR_HOST_EXAMPLE}).`
  return `${label}: ${quote(text)} is not in a private ECR registry: ${why}`
}

/** The `repository` input: `team/api` or `123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api`. */
export function parseRepository(text: string, label = 'repository'): Checked<RepositoryRef> {
  const split = splitRegistry(text, label)
  if (!split.ok) return split
  const { path, registry, foreignHost } = split.value
  // A tag or digest means an image, which `repository` cannot carry: point at the input that can.
  const lastSegment = path.slice(path.lastIndexOf('/') + 1)
  if (path.includes('@') || lastSegment.includes(':')) {
    return fail(
      `${label}: ${quote(text)} names an image (it has a tag or digest), not a repository; list it ` +
        'under the images input instead, or keep the repository here and the tag or digest in image-ids.'
    )
  }
  const name = checkRepositoryName(path, label)
  // Mirror repositories are often named after their upstream (`docker.io/library/nginx`): a valid
  // name stays a name; only what cannot be one is reported as a foreign registry.
  if (!name.ok) return foreignHost ? fail(notEcrProblem(text, foreignHost, label)) : name
  return ok(registry ? { repositoryName: name.value, registry } : { repositoryName: name.value })
}

/** `<registry>.dkr.ecr.<region>.<domain>/<repository>@sha256:…`: a reference pinned to a digest. */
export function imageUri(
  target: RepositoryTarget & { registryId: string },
  digest: string
): string {
  return `${registryHost(target.registryId, target.region)}/${target.repositoryName}@${digest}`
}
