// Every input of the action, read once and checked together: either a typed `Inputs`, or one
// InputError listing every problem. Nothing reaches ECR and no output is set while any remain.

import type { Env, ExistsPolicy, ImageLookup, MissingPolicy } from '../types.js'
import type { Platform } from '../platform.js'
import { type Checked, ok, take, uniqueByKey } from './checked.js'
import { checkAcceptedMediaTypes, parseAcceptedMediaTypes } from './accepted-media-types.js'
import { type CompareSettings, parseCompareInputs } from './compare.js'
import { parseRequestTimeout, parseWaitDurations } from './duration.js'
import { resolveImageRequests } from './targets.js'
import {
  parseBoolean,
  parseChoice,
  parseHttpUrl,
  parseIntegerInRange,
  parsePlatformInput,
  parseProxyInput
} from './scalars.js'
import { MANIFEST_MEDIA_TYPES } from '../media-types.js'
import { type CliRequest, readRequest, type YamlParse } from './request-input.js'
import type { FileSource } from './list-file.js'
import { parseReferrersInputs, type ReferrersPolicy } from './referrers.js'
import type { PinSource } from './pin-files.js'
import { type LabelRequirement, parseRequireLabels } from './require-labels.js'
import {
  parseSignatureInputs,
  parseTrustedRoot,
  SIGNATURE_INPUTS,
  type SignatureInputValues,
  type SignaturePolicy,
  type TrustedRootCheck,
  type TrustedRootFile
} from './signatures.js'
import {
  parseProvenanceInputs,
  PROVENANCE_INPUTS,
  type ProvenanceInputValues,
  type ProvenancePolicy
} from './provenance.js'

export interface Inputs {
  /** Every id to look up, in input order, keyed as written. */
  lookups: ImageLookup[]
  acceptedMediaTypes: string[]
  endpoint?: string
  ifMissing: MissingPolicy
  ifExists: ExistsPolicy
  /** 1 to 20, default 5. */
  maxAttempts: number
  /** One ECR request's time limit before it is abandoned and retried; default 30 s. */
  requestTimeoutMs: number
  platform?: Platform
  resolvePlatforms: boolean
  summary: boolean
  comment: boolean
  commentKey?: string
  githubToken: string
  waitTimeoutMs: number
  waitIntervalMs: number
  dryRun: boolean
  httpProxy?: string
  /** With `referrers` or `require-referrers`: list each image's referrers, and what must be there. */
  referrers?: ReferrersPolicy
  /** With `compare-to`: the baseline and the size gate. */
  compare?: CompareSettings
  /** With `pin-files`: the files to pin; their references are among `lookups`. */
  pins?: PinSource
  /** `read-config`: read every found image's config (platform, labels, created, user). */
  readConfig?: true
  /** The `require-labels` gate; absent when unset. */
  requireLabels?: LabelRequirement[]
  /** The signature inputs, checked; absent when none is set. */
  signatures?: SignaturePolicy
  /** `require-provenance` and where to look, with `sigstore-trusted-root` when given. */
  provenance?: ProvenancePolicy & { trustedRoot?: TrustedRootFile }
}

/** Bad inputs: `problems` one per problem, the message all of them, one per line. */
export class InputError extends Error {
  override name = 'InputError'
  readonly problems: string[]

  constructor(problems: string[]) {
    super(problems.join('\n'))
    this.problems = problems
  }
}

export interface InputSource {
  /** The trimmed raw value, '' when unset, as core.getInput returns it. */
  getInput(name: string): string
  env: Env
  /** Where `@path` inputs are read: the workspace; undefined when GITHUB_WORKSPACE is not set. */
  workspace: FileSource
  /** The YAML parser, for a `request` input written in YAML (loadYamlParser). */
  parseYaml?: YamlParse
  /** `pin-files` and `pin-mode` as read (readPinFiles, loaded only when `pin-files` is set). */
  pins?: Checked<PinSource>
  /** sigstore-js's trusted_root.json check, loaded only when `sigstore-trusted-root` is set. */
  checkTrustedRoot?: TrustedRootCheck
}

const MISSING_POLICIES: readonly MissingPolicy[] = ['fail', 'warn', 'ignore']
const EXISTS_POLICIES: readonly ExistsPolicy[] = ['ignore', 'warn', 'fail']

/** Reads and checks every input; throws one InputError naming every problem found. */
export function readInputs(source: InputSource): Inputs {
  const input = (name: string) => source.getInput(name)
  const problems: string[] = []
  const get = <T>(checked: Checked<T>): T | undefined => take(checked, problems)

  const request: CliRequest | undefined =
    input('request') === ''
      ? {}
      : get(
          readRequest(input('request'), {
            workspace: source.workspace,
            ...(source.parseYaml ? { parseYaml: source.parseYaml } : {})
          })
        )
  const pinFiles = input('pin-files')
  const pins = source.pins && get(source.pins)
  if (input('pin-mode') !== '' && pinFiles === '')
    problems.push('pin-mode: set, but pin-files is not; name the files to pin in pin-files.')
  // pin-files alone: the references in the files are all there is to look up.
  const pinsAlone =
    source.pins !== undefined &&
    ['request', 'repository', 'image-ids', 'images'].every((name) => input(name) === '')
  // A request that cannot be read may be what names the repository: without it, "repository
  // missing" would be noise, so what to look up is only judged when something else names it.
  const targetsKnown =
    !pinsAlone && (request !== undefined || input('repository') !== '' || input('images') !== '')
  const targets = targetsKnown
    ? get(
        resolveImageRequests(
          {
            repository: input('repository'),
            imageIds: input('image-ids'),
            images: input('images'),
            registryId: input('registry-id'),
            region: input('region'),
            workspace: source.workspace
          },
          source.env,
          request
        )
      )
    : undefined
  const lookups = pinsAlone
    ? pins?.lookups
    : targets && uniqueByKey([...targets, ...(pins?.lookups ?? [])])
  const acceptedMediaTypes = get(mediaTypes(input('accepted-media-types'), request))
  const endpoint = get(parseHttpUrl('endpoint', input('endpoint')))
  const ifMissing = get(parseChoice('if-missing', input('if-missing'), MISSING_POLICIES, 'fail'))
  const ifExists = get(parseChoice('if-exists', input('if-exists'), EXISTS_POLICIES, 'ignore'))
  const maxAttempts = get(
    parseIntegerInRange('max-attempts', input('max-attempts'), { min: 1, max: 20, fallback: 5 })
  )
  const requestTimeoutMs = get(parseRequestTimeout(input('request-timeout')))
  const platform = get(parsePlatformInput('platform', input('platform')))
  const resolvePlatforms = get(parseBoolean('resolve-platforms', input('resolve-platforms'), false))
  const summary = get(parseBoolean('summary', input('summary'), true))
  const comment = get(parseBoolean('comment', input('comment'), false))
  const githubToken = input('github-token')
  if (comment && githubToken === '') {
    problems.push(
      'github-token: empty, but comment is true; pass a token with pull-requests: write (the default is ${{ github.token }}).'
    )
  }
  const wait = get(parseWaitDurations(input('wait-timeout'), input('wait-interval')))
  const dryRun = get(parseBoolean('dry-run', input('dry-run'), false))
  const httpProxy = get(parseProxyInput('http-proxy', input('http-proxy')))
  const commentKey = input('comment-key')
  const referrers = get(parseReferrersInputs(input('referrers'), input('require-referrers')))
  const compare = get(parseCompareInputs(input('compare-to'), input('max-size-increase')))
  const readConfig = get(parseBoolean('read-config', input('read-config'), false))
  const requireLabels = get(parseRequireLabels(input('require-labels')))
  const provenanceValues = Object.fromEntries(
    PROVENANCE_INPUTS.map((name) => [name, input(name)])
  ) as ProvenanceInputValues
  const provenancePolicy = get(parseProvenanceInputs(provenanceValues, githubToken))
  const signatureValues = Object.fromEntries(
    SIGNATURE_INPUTS.map((name) => [name, input(name)])
  ) as SignatureInputValues
  // sigstore-trusted-root serves both: read once, its problems said once (by the signature parse).
  const trustedRoot = parseTrustedRoot(
    signatureValues['sigstore-trusted-root'],
    source.workspace,
    source.checkTrustedRoot
  )
  const signatures = get(
    parseSignatureInputs(signatureValues, source.workspace, source.checkTrustedRoot, {
      root: trustedRoot,
      servesProvenance: provenancePolicy !== undefined
    })
  )
  // Fail closed until the verification is part of the run: a run asked to verify signatures
  // must not pass images it did not verify.
  if (signatures)
    problems.push(
      `${SIGNATURE_INPUTS.filter((name) => signatureValues[name] !== '').join(', ')}: signature verification is not part of this version's runs yet; the run stops rather than pass images whose signatures it did not verify.`
    )
  // Likewise provenance: a run asked for it must not pass images whose provenance it did not check.
  if (provenancePolicy)
    problems.push(
      `${PROVENANCE_INPUTS.filter((name) => provenanceValues[name] !== '').join(', ')}: provenance verification is not part of this version's runs yet; the run stops rather than pass images whose provenance it did not verify.`
    )

  if (problems.length > 0) throw new InputError(problems)
  // With no problems, every parser returned its value: the assertions below cannot fail.
  const inputs: Inputs = {
    lookups: lookups!,
    acceptedMediaTypes: acceptedMediaTypes!,
    ifMissing: ifMissing!,
    ifExists: ifExists!,
    maxAttempts: maxAttempts!,
    requestTimeoutMs: requestTimeoutMs!,
    resolvePlatforms: resolvePlatforms!,
    summary: summary!,
    comment: comment!,
    githubToken,
    waitTimeoutMs: wait!.waitTimeoutMs,
    waitIntervalMs: wait!.waitIntervalMs,
    dryRun: dryRun!
  }
  if (endpoint) inputs.endpoint = endpoint
  if (platform) inputs.platform = platform
  if (commentKey !== '') inputs.commentKey = commentKey
  if (httpProxy) inputs.httpProxy = httpProxy
  if (referrers) inputs.referrers = referrers
  if (compare) inputs.compare = compare
  if (pins) inputs.pins = pins
  if (readConfig) inputs.readConfig = true
  if (requireLabels && requireLabels.length > 0) inputs.requireLabels = requireLabels
  if (signatures) inputs.signatures = signatures
  if (provenancePolicy) {
    const root = trustedRoot.ok ? trustedRoot.value?.file : undefined
    inputs.provenance = { ...provenancePolicy, ...(root ? { trustedRoot: root } : {}) }
  }
  return inputs
}

/** The input, else the request's list, else all five manifest types. */
function mediaTypes(text: string, request: CliRequest | undefined): Checked<string[]> {
  if (text !== '') return parseAcceptedMediaTypes(text)
  if (request?.acceptedMediaTypes) {
    return checkAcceptedMediaTypes(request.acceptedMediaTypes, 'request.acceptedMediaTypes')
  }
  return ok([...MANIFEST_MEDIA_TYPES])
}
