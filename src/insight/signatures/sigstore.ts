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

type Problem = [NotVerifiedReason, string]

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

/** The statement's subject names the image, and the predicate is cosign's image signature. */
function statementProblem(
  bundle: Bundle,
  imageDigest: string
): Problem | 'not-a-signature' | undefined {
  if (bundle.content.$case !== 'dsseEnvelope')
    return [
      'unsupported',
      'it is a message-signature bundle; cosign signs images with an in-toto statement in a DSSE envelope'
    ]
  const envelope = bundle.content.dsseEnvelope
  if (envelope.payloadType !== IN_TOTO_PAYLOAD)
    return [
      'unknown-envelope',
      `its DSSE payload type is ${envelope.payloadType.slice(0, 100)}, not ${IN_TOTO_PAYLOAD}`
    ]
  let statement: { _type?: unknown; predicateType?: unknown; subject?: unknown }
  try {
    statement = JSON.parse(Buffer.from(envelope.payload).toString('utf8')) as typeof statement
  } catch {
    return ['unknown-envelope', 'its in-toto statement is not JSON']
  }
  if (!STATEMENT_TYPES.has(String(statement._type)))
    return ['unknown-envelope', 'its payload is not an in-toto statement']
  if (statement.predicateType !== COSIGN_SIGN_PREDICATE) return 'not-a-signature'
  const hex = imageDigest.slice('sha256:'.length)
  const subjects = Array.isArray(statement.subject)
    ? (statement.subject as { digest?: Record<string, unknown> }[])
    : []
  if (!subjects.some((subject) => subject?.digest?.sha256 === hex)) {
    const named = subjects
      .map((subject) => subject?.digest?.sha256)
      .find((value): value is string => typeof value === 'string' && /^[0-9a-f]{64}$/.test(value))
    return [
      'other-digest',
      `it signs ${named ? `sha256:${named}` : 'another digest'}, not ${imageDigest}`
    ]
  }
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
  const { root, summary } = trust.root
  let identity: { san?: string; issuer?: string }
  const entity = toSignedEntity(bundle)
  try {
    const signer = new Verifier(toTrustMaterial(root), {
      ctlogThreshold: summary.ctlogs > 0 ? 1 : 0,
      tlogThreshold: summary.tlogs > 0 ? 1 : 0,
      timestampThreshold: 1
    }).verify(entity, { extensions: { issuer: trust.keyless.issuer } })
    identity = {
      ...(signer.identity?.subjectAlternativeName
        ? { san: signer.identity.subjectAlternativeName }
        : {}),
      ...(signer.identity?.extensions?.issuer ? { issuer: signer.identity.extensions.issuer } : {})
    }
  } catch (error) {
    const [reason, detail] = reasonOf(error)
    return notVerified(base, reason, detail)
  }
  if (!identityMatches(trust.keyless, identity.san))
    return notVerified(
      base,
      'untrusted-identity',
      `its certificate identity ${JSON.stringify((identity.san ?? '(none)').slice(0, 300))} is not the one configured`
    )
  const time = signingTime(entity)
  return {
    ...base,
    verified: true,
    by: { identity: identity.san!, issuer: identity.issuer ?? trust.keyless.issuer },
    ...(time ? { signingTime: time } : {})
  }
}

/**
 * One bundle (the referrer's layer bytes) against the configured keys or keyless identity, for
 * this image digest. `undefined`: the bundle is an attestation, not a signature (not counted).
 */
export function verifyBundle(
  base: SignatureCheckBase,
  bytes: Buffer,
  imageDigest: string,
  trust: BundleTrust
): SignatureCheck | undefined {
  let bundle: Bundle
  try {
    bundle = bundleFromJSON(JSON.parse(bytes.toString('utf8')))
  } catch (error) {
    return notVerified(
      base,
      'unknown-envelope',
      `it is not a Sigstore bundle (${(error as Error).message})`
    )
  }
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
