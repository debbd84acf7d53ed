// Who built an image, as a verified Fulcio certificate for GitHub Actions says it, and whether
// that is the build `require-provenance` asks for. Fulcio copies the workflow's OIDC token claims
// into the certificate (sigstore/fulcio docs/oid-info.md): the identity (SAN) is
// `https://github.com/` + job_workflow_ref, the signer workflow, and extensions under
// 1.3.6.1.4.1.57264.1. hold the source repository (.12), its commit (.13) and ref (.14) and the
// build signer (.9, the same as the SAN). Extensions .8 and later are DER UTF8Strings, read with
// @sigstore/core's parser. Nothing here trusts the certificate: the caller verified it first.

import type { X509Certificate } from '@sigstore/core'
import type { ProvenanceConditions } from '../../inputs/provenance.js'
import type { AttestationReason, BuildIdentity } from './types.js'

export const OID_BUILD_SIGNER_URI = '1.3.6.1.4.1.57264.1.9'
export const OID_SOURCE_REPOSITORY_URI = '1.3.6.1.4.1.57264.1.12'
export const OID_SOURCE_REPOSITORY_DIGEST = '1.3.6.1.4.1.57264.1.13'
export const OID_SOURCE_REPOSITORY_REF = '1.3.6.1.4.1.57264.1.14'

const GITHUB = 'https://github.com/'
const UTF8_STRING_TAG = 12
/** The SAN of a GitHub Actions workflow: repository, workflow file, ref of the file. */
const WORKFLOW_IDENTITY =
  /^https:\/\/github\.com\/([^/]+\/[^/]+)\/(\.github\/workflows\/[^@]+)@(.+)$/
const COMMIT = /^[0-9a-f]{40}$/

/** A Fulcio v2 extension's string value, or undefined when it is absent or not a UTF8String. */
export function fulcioExtension(certificate: X509Certificate, oid: string): string | undefined {
  try {
    const inner = certificate.extension(oid)?.valueObj.subs[0]
    return inner?.tag.number === UTF8_STRING_TAG ? inner.value.toString('utf8') : undefined
  } catch {
    return undefined
  }
}

const shown = (value: string | undefined): string =>
  value === undefined ? '(none)' : JSON.stringify(value.slice(0, 300))

/** The build the certificate states, or why it is not a GitHub Actions workflow's. */
export function buildIdentity(
  certificate: X509Certificate,
  san: string | undefined
): BuildIdentity | string {
  const identity = WORKFLOW_IDENTITY.exec(san ?? '')
  if (!identity)
    return `its certificate identity ${shown(san)} is not a GitHub Actions workflow on github.com`
  const signer = fulcioExtension(certificate, OID_BUILD_SIGNER_URI)
  if (signer !== san)
    return `its certificate's build signer ${shown(signer)} is not its identity ${shown(san)}`
  const source = fulcioExtension(certificate, OID_SOURCE_REPOSITORY_URI)
  const commit = fulcioExtension(certificate, OID_SOURCE_REPOSITORY_DIGEST)
  const ref = fulcioExtension(certificate, OID_SOURCE_REPOSITORY_REF)
  if (!source?.startsWith(GITHUB) || source.slice(GITHUB.length).split('/').length !== 2)
    return `its certificate's source repository ${shown(source)} is not a github.com repository`
  if (commit === undefined || !COMMIT.test(commit))
    return `its certificate's source commit ${shown(commit)} is not a 40-hex commit`
  if (ref === undefined || !ref.startsWith('refs/'))
    return `its certificate's source ref ${shown(ref)} is not a git ref`
  return {
    repository: source.slice(GITHUB.length),
    workflow: identity[2]!,
    workflowRef: identity[3]!,
    ref,
    commit
  }
}

const sameRepository = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase()

/**
 * The first condition the build does not meet: repository, the workflow's repository and file,
 * ref, commit, then the workflow's ref. GitHub names repositories without regard
 * to letter case; workflow paths, refs and commits are compared exactly.
 */
export function conditionProblem(
  build: BuildIdentity,
  san: string,
  conditions: ProvenanceConditions
): [AttestationReason, string] | undefined {
  if (!sameRepository(build.repository, conditions.repository))
    return [
      'other-repository',
      `it was built from ${build.repository}, not ${conditions.repository}`
    ]
  // The identity names the signer workflow's repository: a reusable workflow of another
  // repository signs as itself, and is not this repository's workflow.
  const signerRepository = WORKFLOW_IDENTITY.exec(san)![1]!
  if (!sameRepository(signerRepository, conditions.repository))
    return [
      'other-workflow',
      `it was signed by a workflow of ${signerRepository} (${san.slice(0, 300)}), not one of ${conditions.repository}`
    ]
  const workflow = conditions.workflow
  if (workflow && workflow.path !== build.workflow)
    return ['other-workflow', `it was signed by ${build.workflow}, not ${workflow.path}`]
  if (conditions.ref !== undefined && conditions.ref !== build.ref)
    return ['other-ref', `it was built from ${build.ref}, not ${conditions.ref}`]
  if (conditions.commit !== undefined && conditions.commit !== build.commit)
    return ['other-commit', `it was built from commit ${build.commit}, not ${conditions.commit}`]
  // Last: a build of another ref has its workflow at that ref too, and "another ref" says more.
  if (workflow?.ref !== undefined && workflow.ref !== build.workflowRef)
    return [
      'other-workflow',
      `it was signed by ${build.workflow}@${build.workflowRef}, not @${workflow.ref}`
    ]
  return undefined
}
