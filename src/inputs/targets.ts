// What to look up: `repository` + `image-ids`, or `images`, with `request` filling what the inputs
// leave out (inputs given explicitly win, as on the AWS CLI), and the registry id and region
// resolved from the inputs, the repository URI and the environment.

import type { Env, ImageId, ImageLookup, RepositoryTarget } from '../types.js'
import { type Checked, fail, failWith, ok, quote, take } from './checked.js'
import { type FileSource, imageIdsInput, imageReferencesInput } from './list-file.js'
import { checkRegion, checkRegistryId, type RegistryLocation } from './registry.js'
import { checkRepositoryName, parseRepository, type RepositoryRef } from './repository.js'
import type { CliRequest } from './request-input.js'

/** The raw inputs that say what to look up ('' when unset). */
export interface TargetInputs {
  repository: string
  imageIds: string
  images: string
  registryId: string
  region: string
  /** Where `image-ids: @path` and `images: @path` are read: the workspace, when it is set. */
  workspace: FileSource
}

const NO_REGION =
  'region: no region is set; set the region input, use a repository URI or full image references ' +
  '(123456789012.dkr.ecr.<region>.amazonaws.com/…), or run aws-actions/configure-aws-credentials ' +
  'with aws-region before this step.'

/** Every image id to look up, in input order, keyed as written. */
export function resolveImageRequests(
  raw: TargetInputs,
  env: Env,
  request: CliRequest = {}
): Checked<ImageLookup[]> {
  const problems: string[] = []
  const registryId = resolveRegistryId(raw, request, problems)
  const regionInput = raw.region === '' ? undefined : checkRegion(raw.region, 'region')
  if (regionInput) take(regionInput, problems)
  // Region for whatever names none: the input, else the environment (validated only when used).
  // A region input that is invalid was reported above: its failure carries no second problem.
  const fallbackRegion = (): Checked<string> =>
    regionInput
      ? regionInput.ok
        ? regionInput
        : fail()
      : (environmentRegion(env) ?? fail(NO_REGION))
  const requests =
    raw.images !== ''
      ? fromReferences(raw, request, { registryId, fallbackRegion }, problems)
      : fromRepository(raw, request, { registryId, fallbackRegion }, problems)
  return problems.length > 0 ? failWith(problems) : ok(requests)
}

interface Defaults {
  registryId: string | undefined
  fallbackRegion(): Checked<string>
}

function resolveRegistryId(
  raw: TargetInputs,
  request: CliRequest,
  problems: string[]
): string | undefined {
  if (raw.registryId !== '')
    return take(checkRegistryId(raw.registryId, 'registry-id', 'registry-id'), problems)
  if (request.registryId === undefined) return undefined
  return take(checkRegistryId(request.registryId, 'request.registryId', 'registryId'), problems)
}

/** AWS_REGION, else AWS_DEFAULT_REGION (what configure-aws-credentials and the SDKs set). */
function environmentRegion(env: Env): Checked<string> | undefined {
  for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
    const value = env[name]?.trim()
    if (value) return checkRegion(value, name)
  }
  return undefined
}

function fromReferences(
  raw: TargetInputs,
  request: CliRequest,
  defaults: Defaults,
  problems: string[]
): ImageLookup[] {
  const conflicting = [
    raw.repository !== '' && 'repository',
    raw.imageIds !== '' && 'image-ids',
    request.repositoryName !== undefined && 'request.repositoryName',
    request.imageIds !== undefined && 'request.imageIds'
  ].filter((name): name is string => Boolean(name))
  if (conflicting.length > 0) {
    problems.push(
      `images: cannot be combined with ${conflicting.join(' or ')}; use images alone, or repository with image-ids.`
    )
  }
  const references = take(imageReferencesInput(raw.images, raw.workspace), problems) ?? []
  const needsRegion = references.some((reference) => !reference.registry)
  const region = needsRegion ? take(defaults.fallbackRegion(), problems) : undefined
  return references.flatMap((reference) => {
    const registry =
      reference.registry ??
      (region
        ? { region, ...(defaults.registryId ? { registryId: defaults.registryId } : {}) }
        : undefined)
    if (!registry) return []
    return [
      toRequest(reference.key, { ...registry, repositoryName: reference.repositoryName }, reference)
    ]
  })
}

function fromRepository(
  raw: TargetInputs,
  request: CliRequest,
  defaults: Defaults,
  problems: string[]
): ImageLookup[] {
  const repository = resolveRepository(raw, request, problems)
  const ids =
    raw.imageIds !== ''
      ? take(imageIdsInput(raw.imageIds, raw.workspace), problems)
      : request.imageIds
  if (repository === null && ids === undefined) {
    problems.push(
      'repository: nothing to look up; set repository and image-ids, or images, or request.'
    )
    return []
  }
  if (repository === null) {
    problems.push(
      'repository: required with image-ids (or give repositoryName in request, or use images).'
    )
  }
  if (ids === undefined && raw.imageIds === '') {
    problems.push(
      'image-ids: required with repository; give at least one image id, like v1 or imageTag=v1.'
    )
  }
  if (!repository) return []
  const registry = repository.registry
  if (registry) checkAgreement(raw, registry, problems)
  // Resolved even when the ids are bad, so a missing region is reported in the same run.
  const region = registry?.region ?? take(defaults.fallbackRegion(), problems)
  if (!region || !ids) return []
  const registryId = registry?.registryId ?? defaults.registryId
  const target: RepositoryTarget = { region, repositoryName: repository.repositoryName }
  if (registryId) target.registryId = registryId
  return ids.map((id) => toRequest(id.key, target, id))
}

/** The repository, `null` when neither the input nor the request names one, undefined when invalid. */
function resolveRepository(
  raw: TargetInputs,
  request: CliRequest,
  problems: string[]
): RepositoryRef | null | undefined {
  if (raw.repository !== '') return take(parseRepository(raw.repository), problems)
  if (request.repositoryName === undefined) return null
  const name = take(checkRepositoryName(request.repositoryName, 'request.repositoryName'), problems)
  return name === undefined ? undefined : { repositoryName: name }
}

/** A URI's account and region are facts about the repository: inputs that say otherwise are wrong. */
function checkAgreement(raw: TargetInputs, registry: RegistryLocation, problems: string[]): void {
  const disagree = (input: string, value: string, fact: string, what: string) =>
    `${input}: ${quote(value)} contradicts the repository URI, whose ${what} is ${fact}; remove ${input} or make them agree.`
  // Values that are invalid on their own are already reported as such.
  if (checkRegistryId(raw.registryId, '').ok && raw.registryId !== registry.registryId) {
    problems.push(disagree('registry-id', raw.registryId, registry.registryId, 'registry'))
  }
  if (checkRegion(raw.region, '').ok && raw.region !== registry.region) {
    problems.push(disagree('region', raw.region, registry.region, 'region'))
  }
}

function toRequest(key: string, target: RepositoryTarget, id: ImageId): ImageLookup {
  const request: ImageLookup = {
    key,
    region: target.region,
    repositoryName: target.repositoryName
  }
  if (target.registryId) request.registryId = target.registryId
  if (id.imageTag !== undefined) request.imageTag = id.imageTag
  if (id.imageDigest !== undefined) request.imageDigest = id.imageDigest
  return request
}
