// The insight stage as the pipeline runs it: inspect what came back, fetch the platform children
// it needs, let each optional feature add its facts (the comparison, configs, referrers), and
// give every id its one verdict. A feature's modules load only when its input is set.

import type { Clock } from '../clock.js'
import type { BlobSource } from '../ecr/config-blobs.js'
import { lookUpImages, type Found, type LookupContext } from '../ecr/lookup.js'
import type { ReferrersClient } from '../ecr/referrers.js'
import type { Inputs } from '../inputs/read-inputs.js'
import type { comparison } from './baselines.js'
import type { ImageChange } from './compare.js'
import { childLookups, inspect, withChildren } from './inspect.js'
import { judge, type Verdict } from './verdict.js'

export type Comparison = ReturnType<typeof comparison>

export interface InsightContext {
  inputs: Inputs
  ecr: LookupContext
  clock: Clock
  /** compare-to, bound to its settings; absent when not asked. */
  comparing?: Comparison | undefined
  blobSource: () => BlobSource | Promise<BlobSource>
  referrersClients: () =>
    ((region: string) => ReferrersClient) | Promise<(region: string) => ReferrersClient>
}

export interface Judged {
  verdicts: Verdict[]
  /** With compare-to: each image's change against its baseline, in the verdicts' order. */
  changes?: (ImageChange | undefined)[]
  /** Whether configs were read, so the reports show what they say. */
  configsRead: boolean
}

export async function judgeImages(waited: Found, context: InsightContext): Promise<Judged> {
  const { inputs, ecr, comparing } = context
  const inspected = inspect(waited.results, inputs.platform)
  // With a platform, a single image and a multi-arch baseline (or the reverse) are compared
  // through it, so the baselines' platforms are picked too.
  const before = inspect(waited.alongside, inputs.platform)
  // Children: for resolve-platforms; compare-to needs every platform's layers; require-labels
  // judges what runs, the platform images of a multi-arch one.
  const needsChildren =
    inputs.resolvePlatforms || Boolean(comparing) || inputs.requireLabels !== undefined
  const children = needsChildren
    ? await lookUpImages(childLookups([...inspected, ...before]), ecr)
    : []
  let inspections = withChildren(inspected, children)
  // A single image's platform is verified from its config, never assumed.
  const configsRead = Boolean(inputs.readConfig || inputs.requireLabels || inputs.platform)
  if (configsRead) {
    const { readConfigs } = await import('./read-configs.js')
    const configContext = {
      source: await context.blobSource(),
      clock: context.clock,
      maxAttempts: inputs.maxAttempts,
      ...(ecr.debug ? { debug: ecr.debug } : {})
    }
    // A single-image baseline paired with a multi-arch image: its platform is verified as an
    // image's is, its config read alongside the images' ones.
    const toVerify = comparing?.toVerify(inspected, before, inputs.platform) ?? []
    const verifying = {
      ...(inputs.platform ? { platform: inputs.platform } : {}),
      resolvePlatforms: false
    }
    const [read, verified] = await Promise.all([
      readConfigs(inspections, children, inputs, configContext),
      toVerify.length > 0
        ? readConfigs(
            toVerify.map((index) => before[index]!),
            children,
            verifying,
            configContext
          )
        : []
    ])
    inspections = read
    verified.forEach((entry, position) => (before[toVerify[position]!] = entry))
  }
  const changes = comparing?.compare(inspections, before, children, inputs.platform)
  if (inputs.referrers) {
    const { withReferrers } = await import('./referrers.js')
    inspections = await withReferrers(inspections, {
      lookup: ecr,
      clientFor: await context.referrersClients(),
      resolvePlatforms: inputs.resolvePlatforms
    })
  }
  const verdicts = inspections.map(({ result, ...inspection }, index) =>
    judge(result, inputs, { ...inspection, ...comparing?.facts(changes?.[index]) })
  )
  return { verdicts, ...(changes ? { changes } : {}), configsRead }
}
