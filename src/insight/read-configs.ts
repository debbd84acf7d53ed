// What will run: reads the config blob of the images that need one (single images when a
// platform is asked, every image with `read-config`, and the platforms of a multi-arch image for
// `require-labels`) and turns it into facts and problems on each inspection. Loaded only when a
// run asks for configs; verdict.ts decides what the problems mean for the job.

import {
  blobKey,
  fetchBlobs,
  type BlobOutcome,
  type BlobSource,
  type BlobTarget
} from '../ecr/config-blobs.js'
import type { Clock } from '../clock.js'
import type { Inputs } from '../inputs/read-inputs.js'
import { CONTAINER_CONFIG_TYPES } from '../media-types.js'
import { formatPlatform, type Platform } from '../platform.js'
import { annotationTitle, type ImageResult, type RepositoryTarget } from '../types.js'
import { configOutput, readConfigBlob, type ConfigReading } from './image-config.js'
import { childKey, childManifests, type InspectedResult, type PlatformConflict } from './inspect.js'
import { sharedLabels, unmetLabels } from './label-gate.js'
import type { ManifestInfo, PlatformManifest } from './manifest-types.js'
import { describeNoMatch, matchPlatform, normalizePlatform } from './platform-match.js'

export interface ConfigContext {
  source: BlobSource
  clock: Clock
  maxAttempts: number
  debug?: (message: string) => void
}

type ConfigInputs = Pick<Inputs, 'platform' | 'readConfig' | 'requireLabels' | 'resolvePlatforms'>

interface Problem {
  code: string
  reason: string
}

/** The blob of a manifest's config, or why the manifest has none an image config can be read from. */
function configTarget(
  manifest: ManifestInfo | undefined,
  where: RepositoryTarget
): BlobTarget | Problem {
  if (!manifest || manifest.kind !== 'image' || !manifest.configDigest)
    return {
      code: 'ConfigUnreadable',
      reason: 'the manifest names no image config by a sha256 digest'
    }
  if (!manifest.configMediaType || !CONTAINER_CONFIG_TYPES.has(manifest.configMediaType)) {
    return {
      code: 'ConfigUnreadable',
      reason: `the config is ${manifest.configMediaType ?? 'of no media type'}, not a container image config`
    }
  }
  return { ...where, digest: manifest.configDigest }
}

const isTarget = (plan: BlobTarget | Problem): plan is BlobTarget => 'digest' in plan

function whereOf(result: ImageResult): RepositoryTarget {
  const registryId = result.image?.registryId ?? result.request.registryId
  const { region, repositoryName } = result.request
  return { region, repositoryName, ...(registryId ? { registryId } : {}) }
}

/** Why a manifest that is no image nor index has no config to read. */
function noConfig(manifest: ManifestInfo): Problem {
  return {
    code: 'ConfigUnreadable',
    reason:
      manifest.kind === 'schema1'
        ? 'a Docker schema 1 manifest has no image config'
        : `the manifest could not be analysed (${manifest.problem ?? 'unknown kind'}), so it names no image config`
  }
}

/** Which images of this entry need their config: itself, or the platforms of an index. */
function plansFor(
  entry: InspectedResult,
  inputs: ConfigInputs,
  children: Map<string, ManifestInfo>
): { platform?: PlatformManifest; plan: BlobTarget | Problem }[] {
  const { manifest, result } = entry
  if (!manifest) return []
  const gate = inputs.requireLabels !== undefined
  if (manifest.kind === 'schema1' || manifest.kind === 'unknown')
    // Nothing to show; but a platform or labels asked of it cannot be verified.
    return gate || inputs.platform ? [{ plan: noConfig(manifest) }] : []
  if (!manifest.platforms) {
    // An artifact (Helm chart, signature) has no image config to show; asked for its platform
    // or its labels, it fails, since neither can be verified.
    if (manifest.artifactType && !gate && !inputs.platform) return []
    return [{ plan: configTarget(manifest, whereOf(result)) }]
  }
  if (!gate && !(inputs.readConfig && inputs.resolvePlatforms)) return []
  const where = whereOf(result)
  return manifest.platforms.map((platform) => {
    const child = children.get(childKey(where, platform.digest))
    return {
      platform,
      plan: child
        ? configTarget(child, where)
        : {
            code: 'ConfigUnreadable',
            reason: `the ${platform.platform} manifest could not be read`
          }
    }
  })
}

function reading(
  plan: BlobTarget | Problem,
  blobs: Map<string, { blob: Buffer } | { reason: string }>
): ConfigReading {
  if (!isTarget(plan)) return plan
  const outcome = blobs.get(blobKey(plan))
  if (!outcome || !('blob' in outcome))
    return { code: 'ConfigUnreadable', reason: outcome?.reason ?? 'the config was not fetched' }
  return readConfigBlob(outcome.blob, plan.digest)
}

/** Reads the configs the inputs need and records what they say on each inspection. */
export async function readConfigs(
  inspected: InspectedResult[],
  children: ImageResult[],
  inputs: ConfigInputs,
  context: ConfigContext
): Promise<InspectedResult[]> {
  const childInfo = childManifests(children)
  const plans = inspected.map((entry) => plansFor(entry, inputs, childInfo))
  const targets = plans.flat().flatMap(({ plan }) => (isTarget(plan) ? [plan] : []))
  const blobs =
    targets.length === 0
      ? new Map<string, BlobOutcome>()
      : await fetchBlobs(targets, context.source, {
          clock: context.clock,
          maxAttempts: context.maxAttempts,
          ...(context.debug ? { debug: context.debug } : {})
        })
  return inspected.map((entry, index) => {
    const entryPlans = plans[index] ?? []
    const title = annotationTitle(entry.result.request)
    const platforms = entry.manifest?.platforms
    if (platforms) {
      const readings = entryPlans.map(({ platform, plan }) => ({
        platform: platform!,
        reading: reading(plan, blobs)
      }))
      return readings.length > 0 || inputs.requireLabels !== undefined
        ? multiArch(entry, readings, inputs)
        : entry
    }
    if (entryPlans.length === 0) return entry
    return single(entry, reading(entryPlans[0]!.plan, blobs), inputs, title)
  })
}

/**
 * What a config that could not be read leaves unchecked, before the reason it could not. A
 * multi-arch image's platform is the index's to say, so only a single image's goes unverified.
 */
function unchecked(inputs: ConfigInputs, single: boolean): string {
  const parts = [
    inputs.platform && single
      ? `its platform (${formatPlatform(inputs.platform)} asked) cannot be verified`
      : '',
    inputs.requireLabels ? 'require-labels cannot be checked' : ''
  ].filter(Boolean)
  return parts.length > 0 ? `${parts.join(' and ')}: ` : ''
}

function single(
  entry: InspectedResult,
  read: ConfigReading,
  inputs: ConfigInputs,
  title: string
): InspectedResult {
  if (!('config' in read)) {
    const { platformDigest: _unverified, ...rest } = entry
    const reason = `${title}: ${unchecked(inputs, true)}${read.reason}`
    return { ...rest, configProblem: { code: read.code, reason } }
  }
  const { config } = read
  const updated: InspectedResult = { ...entry, config: configOutput(config), labels: config.labels }
  if (inputs.platform) {
    const problem = platformProblem(config, inputs.platform, title)
    if (problem) {
      const { platformDigest: _wrong, ...rest } = updated
      return { ...rest, configProblem: problem }
    }
  }
  const unmet = unmetLabels(config.labels, inputs.requireLabels ?? [])
  if (unmet.length > 0) updated.configProblem = labelProblem(title, unmet)
  return updated
}

/** The platform of a single image, as its config states it, against the one asked for. */
function platformProblem(
  config: { os?: string; architecture?: string; variant?: string; platform?: string },
  wanted: Platform,
  title: string
): Problem | undefined {
  if (!config.os || !config.architecture || !config.platform) {
    return {
      code: 'ConfigUnreadable',
      reason: `${title}: the image config names no valid os and architecture; its platform cannot be verified`
    }
  }
  const has: Platform = {
    os: config.os,
    architecture: config.architecture,
    ...(config.variant ? { variant: config.variant } : {})
  }
  const pick = matchPlatform([has], wanted)
  if (pick.match) return undefined
  return { code: 'PlatformNotFound', reason: describeNoMatch(wanted, title, [config.platform]) }
}

const labelProblem = (title: string, unmet: string[]): Problem => ({
  code: 'LabelMismatch',
  reason: `${title} does not pass require-labels: ${unmet.join('; ')}`
})

/** Each platform whose config names another platform than the index lists it as. */
function platformConflicts(
  readings: { platform: PlatformManifest; reading: ConfigReading }[]
): PlatformConflict[] {
  return readings.flatMap(({ platform, reading }) => {
    if (!('config' in reading)) return []
    const { os, architecture, variant, platform: stated } = reading.config
    // A config that names no platform says nothing against the index.
    if (!os || !architecture || !stated) return []
    const listed = normalizePlatform(platform)
    const said = normalizePlatform({ os, architecture, ...(variant ? { variant } : {}) })
    const same =
      listed.os === said.os &&
      listed.architecture === said.architecture &&
      listed.variant === said.variant
    return same ? [] : [{ digest: platform.digest, listed: platform.platform, config: stated }]
  })
}

/**
 * Why the labels of some platforms of an index cannot be judged though require-labels asks:
 * no platform at all, or entries the analysis had to skip (any could be a platform).
 */
function indexGap(manifest: ManifestInfo, picked: string | undefined): string | undefined {
  if ((manifest.platforms ?? []).length === 0) return 'the index lists no platform image'
  return picked === undefined ? manifest.problem : undefined
}

function multiArch(
  entry: InspectedResult,
  readings: { platform: PlatformManifest; reading: ConfigReading }[],
  inputs: ConfigInputs
): InspectedResult {
  const title = annotationTitle(entry.result.request)
  const configs = new Map(
    readings.flatMap(({ platform, reading }) =>
      'config' in reading ? [[platform.digest, reading.config] as const] : []
    )
  )
  const manifest: ManifestInfo = {
    ...entry.manifest!,
    platforms: entry.manifest!.platforms!.map((platform) => {
      const config = configs.get(platform.digest)
      return config ? { ...platform, config: configOutput(config) } : platform
    })
  }
  // With a platform asked, what runs is that platform's image: the gate and the labels are its own.
  const picked = entry.platformDigest
  const judged = readings.filter(({ platform }) => !picked || platform.digest === picked)
  const updated: InspectedResult = { ...entry, manifest }
  const conflicts = platformConflicts(readings)
  if (conflicts.length > 0) updated.platformConflicts = conflicts
  const gap = inputs.requireLabels ? indexGap(manifest, picked) : undefined
  const unreadable = judged.flatMap(({ platform, reading }) =>
    'config' in reading
      ? []
      : [{ code: reading.code, reason: `${platform.platform}: ${reading.reason}` }]
  )
  if (gap !== undefined) unreadable.push({ code: 'ConfigUnreadable', reason: gap })
  const [first] = unreadable
  if (first) {
    const { platformDigest: _unverified, ...rest } = updated
    const reasons = unreadable.map(({ reason }) => reason).join('; ')
    return {
      ...rest,
      configProblem: { code: first.code, reason: `${title}: ${unchecked(inputs, false)}${reasons}` }
    }
  }
  updated.labels = sharedLabels(judged.map(({ platform }) => configs.get(platform.digest)!.labels))
  const unmet = judged.flatMap(({ platform }) =>
    unmetLabels(configs.get(platform.digest)!.labels, inputs.requireLabels ?? []).map(
      (sentence) => `${platform.platform}: ${sentence}`
    )
  )
  if (unmet.length > 0) updated.configProblem = labelProblem(title, unmet)
  return updated
}
