// What provenance verification finds out, per attestation and per image. Facts only: whether an
// id passes is decided in the verdict (ProvenanceNotVerified when no attestation verified).

/** SLSA provenance v1: what actions/attest-build-provenance signs. */
export const SLSA_PROVENANCE_V1 = 'https://slsa.dev/provenance/v1'
/** Every SLSA provenance version shares this prefix (buildx writes v0.2, or v1 with version=v1). */
export const SLSA_PROVENANCE_PREFIX = 'https://slsa.dev/provenance/'
/** The OIDC issuer of GitHub Actions' workflow tokens on github.com. */
export const GITHUB_ACTIONS_ISSUER = 'https://token.actions.githubusercontent.com'

/** Where an attestation came from: an ECR referrer, or GitHub's attestations API. */
export type ProvenanceOrigin = 'registry' | 'github'

/** Why one attestation does not count: one typed reason, and a sentence in `detail`. */
export type AttestationReason =
  /** The bundle cannot be read, or its signature does not verify over its statement. */
  | 'bad-signature'
  /** Not a certificate chaining to the trusted root with a verified time, or not GitHub Actions'. */
  | 'untrusted-certificate'
  /** Signed, for a build of another source repository. */
  | 'other-repository'
  /** Signed by another workflow (another file, another ref of it, another repository's). */
  | 'other-workflow'
  /** Built from another git ref than the one required. */
  | 'other-ref'
  /** Built from another commit than the one required. */
  | 'other-commit'
  /** Its statement is about another digest than this image's (or its platform's). */
  | 'other-digest'
  /** Provenance, but not SLSA provenance v1 (or a referrer that said it was and is not). */
  | 'wrong-predicate-type'

/** Why an image has no verified provenance. */
export type ProvenanceReason =
  | 'none-found'
  /** Only unsigned provenance: buildx's in-toto manifests, bare in-toto referrers. */
  | 'unsigned'
  | AttestationReason
  /** A call, a download or the trusted root it needed failed: the image could not be judged. */
  | 'could-not-check'

/** The build a verified attestation vouches for, as its Fulcio certificate states it. */
export interface BuildIdentity {
  /** `owner/name`: the source repository (certificate extension 1.3.6.1.4.1.57264.1.12). */
  repository: string
  /** `.github/workflows/release.yml`: the signer workflow, from the certificate's identity. */
  workflow: string
  /** The ref of the workflow file the identity names (`refs/heads/main`). */
  workflowRef: string
  /** The git ref the build ran on (…57264.1.14). */
  ref: string
  /** The commit the build ran on (…57264.1.13). */
  commit: string
}

/** Which of an image's digests a statement was about. */
export interface AttestedSubject {
  digest: string
  /** `image`: the id's own manifest (a multi-arch image's index); `platform`: the one picked. */
  of: 'image' | 'platform'
}

export interface ProvenanceCheckBase {
  origin: ProvenanceOrigin
  /** The referrer manifest's digest, or `GitHub attestation <n> for sha256:…`. */
  source: string
}

export type ProvenanceCheck = ProvenanceCheckBase &
  (
    | {
        verified: true
        build: BuildIdentity
        subject: AttestedSubject
        /** ISO 8601: the earliest verified log or TSA time. */
        signingTime?: string
      }
    | { verified: false; reason: AttestationReason; detail: string }
  )

/** Provenance found that is not signed: present, shown, never counted. */
export interface UnsignedProvenance {
  /** The attestation manifest's or referrer's digest. */
  source: string
  predicateType: string
}

/** Per image: each attestation checked, the unsigned ones seen, and what could not be looked at. */
export interface ProvenanceFacts {
  checks: ProvenanceCheck[]
  unsigned: UnsignedProvenance[]
  /** Sentences naming what could not be listed, fetched or checked. */
  unchecked: string[]
}

/** The one judgement the verdict needs: verified (by the first that verified) or why not. */
export type ProvenanceJudgement =
  | { verified: true; check: ProvenanceCheck & { verified: true } }
  | { verified: false; reason: ProvenanceReason; detail: string }

/** Reasons of attestations whose signature verified come first: they say most about the build. */
const SIGNED_REASONS: readonly AttestationReason[] = [
  'other-digest',
  'other-repository',
  'other-workflow',
  'other-ref',
  'other-commit',
  'wrong-predicate-type'
]

export function judgeProvenance(facts: ProvenanceFacts): ProvenanceJudgement {
  const verified = facts.checks.find(
    (check): check is ProvenanceCheck & { verified: true } => check.verified
  )
  if (verified) return { verified: true, check: verified }
  const failed = facts.checks.filter(
    (check): check is ProvenanceCheck & { verified: false } => !check.verified
  )
  const details = failed.map((check) => `${check.source}: ${check.detail}`)
  // Something not looked at might have verified: the image is undecided, not rejected.
  if (facts.unchecked.length > 0)
    return {
      verified: false,
      reason: 'could-not-check',
      detail: [...facts.unchecked, ...details].join('; ')
    }
  if (failed.length === 0) {
    if (facts.unsigned.length > 0)
      return {
        verified: false,
        reason: 'unsigned',
        detail: `only unsigned provenance: ${facts.unsigned
          .map((entry) => `${entry.source} (${entry.predicateType})`)
          .join(', ')}`
      }
    return { verified: false, reason: 'none-found', detail: 'no provenance attestation found' }
  }
  const first = failed.find((check) => SIGNED_REASONS.includes(check.reason)) ?? failed[0]!
  return { verified: false, reason: first.reason, detail: details.join('; ') }
}

export const notCounted = (
  base: ProvenanceCheckBase,
  reason: AttestationReason,
  detail: string
): ProvenanceCheck => ({ ...base, verified: false, reason, detail })
