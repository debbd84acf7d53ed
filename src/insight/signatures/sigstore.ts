// cosign 3's signatures: Sigstore bundles attached as OCI referrers (sigstore/cosign
// specs/BUNDLE_SPEC.md). For an image, `cosign sign` writes a DSSE envelope whose payload is an
// in-toto statement (`https://in-toto.io/Statement/v1`) with the predicate type
// `https://sigstore.dev/cosign/sign/v1` and the image's digest as its subject
// (cmd/cosign/cli/sign/sign.go, signDigestBundle). sigstore-js checks the signature, the
// certificate chain to the trusted root, the SCTs, the transparency log entries and timestamps,
// and the certificate's issuer; this module adds what sigstore-js leaves to the caller:
// - the statement's subject names exactly this image's digest (cosign's IntotoSubjectClaimVerifier);
// - the predicate is cosign's image signature (an attestation is not a signature; cosign itself
//   accepts any statement about the digest, this action is stricter);
// - the certificate identity compared exactly (sigstore-js would read a string as a regexp) or by
//   the configured regexp, as cosign's --certificate-identity(-regexp);
// - thresholds from the trusted root: one SCT when it has CT logs, one log entry when it has
//   transparency logs, and always one verified timestamp (log or TSA) inside the certificate's
//   validity, so a keyless signature is never taken on the certificate alone;
// - key-signed bundles: the key must be a configured one; their log entries are checked only
//   against a configured sigstore-trusted-root (else dropped, and the outcome says so).
// Message-signature bundles (cosign sign-blob's) are "not verified: unsupported".
// Loaded only when a cosign input is set.

import { bundleFromJSON, type Bundle } from '@sigstore/bundle'
import type { X509Certificate } from '@sigstore/core'
import { TrustedRoot } from '@sigstore/protobuf-specs'
import {
  type SignedEntity,
  toSignedEntity,
  toTrustMaterial,
  type TrustMaterial,
  Verifier
} from '@sigstore/verify'
import type { KeylessPolicy, TrustedRootSummary } from '../../inputs/signatures.js'
import type { NamedKey } from './cosign-legacy.js'
import {
  type NotVerifiedReason,
  type SignatureCheck,
  type SignatureCheckBase,
  notVerified
} from './types.js'

export const COSIGN_SIGN_PREDICATE = 'https://sigstore.dev/cosign/sign/v1'
const IN_TOTO_PAYLOAD = 'application/vnd.in-toto+json'
const STATEMENT_TYPES = new Set([
  'https://in-toto.io/Statement/v1',
  'https://in-toto.io/Statement/v0.1'
])

/** A trusted root, ready to verify with, and what it holds. */
export interface SigstoreRoot {
  root: TrustedRoot
  summary: TrustedRootSummary
}

function summarize(root: TrustedRoot): TrustedRootSummary {
  return {
    certificateAuthorities: root.certificateAuthorities.length,
    tlogs: root.tlogs.length,
    ctlogs: root.ctlogs.length,
    timestampAuthorities: root.timestampAuthorities.length
  }
}

/** A trusted_root.json parsed by sigstore-js; throws when its keys or certificates do not parse. */
export function loadTrustedRoot(json: unknown): SigstoreRoot {
  const root = TrustedRoot.fromJSON(json)
  // Builds every key and certificate once: a bad one throws here, at input time.
  toTrustMaterial(root)
  return { root, summary: summarize(root) }
}

/** The input check inputs/signatures.ts takes: sigstore-js's parse of a trusted_root.json. */
export const checkTrustedRoot = (json: unknown): TrustedRootSummary => loadTrustedRoot(json).summary

/** The Sigstore public-good root from its TUF repository (only when keyless has no root given). */
export async function publicGoodRoot(options: {
  cachePath: string
  mirrorURL?: string
}): Promise<SigstoreRoot> {
  const { getTrustedRoot } = await import('@sigstore/tuf')
  const root = await getTrustedRoot({
    cachePath: options.cachePath,
    ...(options.mirrorURL ? { mirrorURL: options.mirrorURL } : {}),
    retry: 2,
    timeout: 10_000
  })
  return { root, summary: summarize(root) }
}

const EMPTY_ROOT = (): TrustedRoot =>
  TrustedRoot.fromJSON({ mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1' })

export interface BundleTrust {
  keys: readonly NamedKey[]
  keyless?: KeylessPolicy
  /** Checks keyless certificates (always) and key-signed bundles' log entries (when given). */
  root?: SigstoreRoot
}

/** Why a bundle did not verify: the typed reason, and a sentence. */
export type BundleProblem = [NotVerifiedReason, string]
type Problem = BundleProblem

/** What sigstore-js's typed errors mean here. */
function reasonOf(error: unknown): Problem {
  const code = (error as { code?: string }).code ?? ''
  const message = (error as Error).message ?? String(error)
  const cause = (error as { cause?: { message?: string } }).cause?.message
  const detail = cause ? `${message}: ${cause}` : message
  if (code === 'SIGNATURE_ERROR') return ['bad-signature', 'the signature does not verify']
  if (code === 'TLOG_BODY_ERROR')
    return ['bad-signature', `its transparency log entry is not of this signature (${detail})`]
  if (code === 'PUBLIC_KEY_ERROR') return ['wrong-key', detail]
  if (code === 'UNTRUSTED_SIGNER_ERROR') return ['untrusted-identity', detail]
  if (code === 'CERTIFICATE_ERROR' && /expired|not valid/i.test(detail))
    return [
      'certificate-expired',
      `the certificate was not valid at the verified signing time (${detail})`
    ]
  if (code === 'CERTIFICATE_ERROR')
    return ['untrusted-identity', `the certificate does not chain to the trusted root (${detail})`]
  if (code.startsWith('TLOG') || code.startsWith('TIMESTAMP') || code.startsWith('TSA'))
    return [
      'untrusted-identity',
      `no transparency log entry or timestamp verifies against the trusted root (${detail})`
    ]
  return ['bad-signature', detail]
}

/** The in-toto statement a DSSE bundle signs: its predicate type and subject digests. */
export interface InTotoStatement {
  predicateType: string
  /** `sha256:<hex>` of each subject that names a sha256 digest. */
  subjects: string[]
  predicate: unknown
}

/** The in-toto statement of a DSSE bundle, as claimed (not yet verified). */
export function readStatement(bundle: Bundle, what: string): InTotoStatement | Problem {
  if (bundle.content.$case !== 'dsseEnvelope')
    return [
      'unsupported',
      `it is a message-signature bundle; ${what} with an in-toto statement in a DSSE envelope`
    ]
  const envelope = bundle.content.dsseEnvelope
  if (envelope.payloadType !== IN_TOTO_PAYLOAD)
    return [
      'unknown-envelope',
      `its DSSE payload type is ${envelope.payloadType.slice(0, 100)}, not ${IN_TOTO_PAYLOAD}`
    ]
  let statement: {
    _type?: unknown
    predicateType?: unknown
    subject?: unknown
    predicate?: unknown
  }
  try {
    statement = JSON.parse(Buffer.from(envelope.payload).toString('utf8')) as typeof statement
  } catch {
    return ['unknown-envelope', 'its in-toto statement is not JSON']
  }
  if (
    typeof statement !== 'object' ||
    statement === null ||
    !STATEMENT_TYPES.has(String(statement._type))
  )
    return ['unknown-envelope', 'its payload is not an in-toto statement']
  const subjects = (Array.isArray(statement.subject) ? (statement.subject as unknown[]) : [])
    .map((subject) => (subject as { digest?: { sha256?: unknown } } | null)?.digest?.sha256)
    .filter((hex): hex is string => typeof hex === 'string' && /^[0-9a-f]{64}$/.test(hex))
    .map((hex) => `sha256:${hex}`)
  return {
    predicateType: typeof statement.predicateType === 'string' ? statement.predicateType : '',
    subjects,
    predicate: statement.predicate
  }
}

/** `another digest` or the first one a statement names: what a message says it is about. */
export const namedSubject = (statement: InTotoStatement): string =>
  statement.subjects[0] ?? 'another digest'

/** The statement's subject names the image, and the predicate is cosign's image signature. */
function statementProblem(
  bundle: Bundle,
  imageDigest: string
): Problem | 'not-a-signature' | undefined {
  const statement = readStatement(bundle, 'cosign signs images')
  if (Array.isArray(statement)) return statement
  if (statement.predicateType !== COSIGN_SIGN_PREDICATE) return 'not-a-signature'
  if (!statement.subjects.includes(imageDigest))
    return ['other-digest', `it signs ${namedSubject(statement)}, not ${imageDigest}`]
  return undefined
}

function identityMatches(policy: KeylessPolicy, san: string | undefined): boolean {
  if (san === undefined) return false
  return 'exact' in policy.identity
    ? san === policy.identity.exact
    : policy.identity.regexp.test(san)
}

/** The earliest verified time of the entity: a log entry's integration or a TSA's timestamp. */
function signingTime(entity: SignedEntity): string | undefined {
  const times = entity.timestamps.map((timestamp) =>
    timestamp.$case === 'transparency-log'
      ? new Date(Number(timestamp.tlogEntry.integratedTime) * 1000)
      : timestamp.timestamp.signingTime
  )
  const earliest = times
    .filter((time) => !Number.isNaN(time.getTime()))
    .sort((a, b) => a.getTime() - b.getTime())[0]
  return earliest?.toISOString()
}

function keyMaterial(root: TrustedRoot, key: NamedKey): TrustMaterial {
  return toTrustMaterial(root, () => ({ publicKey: key.key, validFor: () => true }))
}

function verifyWithKeys(
  base: SignatureCheckBase,
  bundle: Bundle,
  trust: BundleTrust
): SignatureCheck {
  const entity = toSignedEntity(bundle)
  const signer = trust.keys.find(({ key }) => {
    try {
      return entity.signature.verifySignature(key)
    } catch {
      return false
    }
  })
  if (!signer)
    return notVerified(
      base,
      'wrong-key',
      trust.keys.length === 0
        ? 'it is signed with a key, and no cosign-key is configured'
        : 'it verifies with none of the configured keys (or was altered)'
    )
  // Without a trusted root, the log entries cannot be checked: they are left out, and said so.
  const checked: SignedEntity = trust.root ? entity : { ...entity, tlogEntries: [], timestamps: [] }
  try {
    new Verifier(keyMaterial(trust.root?.root ?? EMPTY_ROOT(), signer), {
      tlogThreshold: 0,
      ctlogThreshold: 0,
      timestampThreshold: 0
    }).verify(checked)
  } catch (error) {
    const [reason, detail] = reasonOf(error)
    return notVerified(base, reason, detail)
  }
  const time = trust.root ? signingTime(entity) : undefined
  return {
    ...base,
    verified: true,
    by: { key: signer.fingerprint },
    ...(time ? { signingTime: time } : {}),
    ...(trust.root
      ? {}
      : { notes: ['its transparency log entries were not checked (no sigstore-trusted-root)'] })
  }
}

/** Who signed a certificate-signed bundle, as the verified certificate says. */
export interface CertificateSigner {
  san?: string
  issuer?: string
  /** The leaf certificate, verified to chain to the root: its extensions can be read. */
  certificate: X509Certificate
  /** ISO 8601: the earliest verified log or TSA time. */
  signingTime?: string
}

/**
 * A certificate-signed bundle against a trusted root, with the thresholds the root allows: one
 * SCT when it has CT logs, one log entry when it has transparency logs, and always one verified
 * timestamp inside the certificate's validity; and the certificate's OIDC issuer exactly.
 */
export function verifyCertificateSigned(
  bundle: Bundle,
  trust: SigstoreRoot,
  issuer: string
): CertificateSigner | Problem {
  const { root, summary } = trust
  const entity = toSignedEntity(bundle)
  if (entity.key.$case !== 'certificate')
    return ['untrusted-identity', 'it is signed with a key, not a certificate']
  try {
    const signer = new Verifier(toTrustMaterial(root), {
      ctlogThreshold: summary.ctlogs > 0 ? 1 : 0,
      tlogThreshold: summary.tlogs > 0 ? 1 : 0,
      timestampThreshold: 1
    }).verify(entity, { extensions: { issuer } })
    const time = signingTime(entity)
    return {
      ...(signer.identity?.subjectAlternativeName
        ? { san: signer.identity.subjectAlternativeName }
        : {}),
      ...(signer.identity?.extensions?.issuer ? { issuer: signer.identity.extensions.issuer } : {}),
      certificate: entity.key.certificate,
      ...(time ? { signingTime: time } : {})
    }
  } catch (error) {
    return reasonOf(error)
  }
}

function verifyKeyless(
  base: SignatureCheckBase,
  bundle: Bundle,
  trust: BundleTrust
): SignatureCheck {
  if (!trust.keyless || !trust.root)
    return notVerified(
      base,
      'untrusted-identity',
      'it is signed keylessly (a certificate), and no cosign-certificate-identity is configured'
    )
  const identity = verifyCertificateSigned(bundle, trust.root, trust.keyless.issuer)
  if (Array.isArray(identity)) return notVerified(base, identity[0], identity[1])
  if (!identityMatches(trust.keyless, identity.san))
    return notVerified(
      base,
      'untrusted-identity',
      `its certificate identity ${JSON.stringify((identity.san ?? '(none)').slice(0, 300))} is not the one configured`
    )
  return {
    ...base,
    verified: true,
    by: { identity: identity.san!, issuer: identity.issuer ?? trust.keyless.issuer },
    ...(identity.signingTime ? { signingTime: identity.signingTime } : {})
  }
}

/**
 * One bundle (the referrer's layer bytes) against the configured keys or keyless identity, for
 * this image digest. `undefined`: the bundle is an attestation, not a signature (not counted).
 */
/** A Sigstore bundle from its JSON (a Buffer of it, or parsed), or why it is none. */
export function readBundle(json: unknown): Bundle | Problem {
  try {
    return bundleFromJSON(Buffer.isBuffer(json) ? JSON.parse(json.toString('utf8')) : json)
  } catch (error) {
    return ['unknown-envelope', `it is not a Sigstore bundle (${(error as Error).message})`]
  }
}

export function verifyBundle(
  base: SignatureCheckBase,
  bytes: Buffer,
  imageDigest: string,
  trust: BundleTrust
): SignatureCheck | undefined {
  const bundle = readBundle(bytes)
  if (Array.isArray(bundle)) return notVerified(base, bundle[0], bundle[1])
  const statement = statementProblem(bundle, imageDigest)
  if (statement === 'not-a-signature') return undefined
  if (statement && statement[0] !== 'other-digest')
    return notVerified(base, statement[0], statement[1])
  // The subject is judged after the signature: an unverified claim gives no reason of its own.
  const material = bundle.verificationMaterial.content
  const check =
    material.$case === 'publicKey'
      ? verifyWithKeys(base, bundle, trust)
      : verifyKeyless(base, bundle, trust)
  if (!check.verified) return check
  return statement ? notVerified(base, statement[0], statement[1]) : check
}
