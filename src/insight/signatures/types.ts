// What signature verification finds out, per signature and per image. Facts only: whether an id
// passes is decided in the verdict (SignatureNotVerified when no signature verified).

/** Where a signature came from: cosign's `.sig` tag, a Sigstore bundle referrer, a Notation one. */
export type SignatureKind = 'cosign' | 'sigstore-bundle' | 'notation'

/** Why one signature did not verify: one typed reason, and a sentence in `detail`. */
export type NotVerifiedReason =
  /** Verifies with none of the configured keys (a wrong key and altered bytes look the same). */
  | 'wrong-key'
  /** The signature does not verify with the key its own certificate carries, or cannot be decoded. */
  | 'bad-signature'
  /** Valid, but over another image's digest. */
  | 'other-digest'
  /** The certificate does not chain to a trusted root, or its identity is not one allowed. */
  | 'untrusted-identity'
  /** The certificate breaks the signature format's certificate rules (key usage, CA flags, …). */
  | 'invalid-certificate'
  | 'certificate-expired'
  | 'certificate-not-yet-valid'
  /** The signer's own expiry (Notation's `io.cncf.notary.expiry`) has passed. */
  | 'signature-expired'
  /** AWS Signer says the profile version, the signing job or a certificate is revoked. */
  | 'revoked'
  /** Not a signature envelope this action knows (media type, structure, payload type). */
  | 'unknown-envelope'
  /** A critical header or a verification plugin this action does not implement. */
  | 'critical-header'
  /** A kind of signature this action does not check (keyless `.sig` tags, message signatures). */
  | 'unsupported'
  /** A call or a download it needed failed: the signature could not be judged. */
  | 'could-not-check'

/** Who a verified signature is from. */
export type SignedBy =
  { key: string } | { identity: string; issuer: string } | { subject: string } | { profile: string }

export interface SignatureCheckBase {
  kind: SignatureKind
  /** The referrer manifest's digest, or the `.sig` tag (and its layer) it was found under. */
  source: string
}

export type SignatureCheck = SignatureCheckBase &
  (
    | {
        verified: true
        by: SignedBy
        /** ISO 8601, when a verified time is known (a log entry, a timestamp, Notation's signing time). */
        signingTime?: string
        /** What was not checked but did not stop verification, e.g. a key-signed bundle's log entry. */
        notes?: string[]
      }
    | { verified: false; reason: NotVerifiedReason; detail: string }
  )

/** Per image: each signature found and what became of it; `unchecked`: what could not be looked at. */
export interface SignatureFacts {
  checks: SignatureCheck[]
  /** Sentences naming what could not be listed or fetched (ListImageReferrers failed, …). */
  unchecked: string[]
}

/** The one judgement the verdict needs: verified (by the first that verified) or why not. */
export type SignatureJudgement =
  | { verified: true; check: SignatureCheck & { verified: true } }
  | { verified: false; reason: 'no-signature' | NotVerifiedReason; detail: string }

export function judgeSignatures(facts: SignatureFacts): SignatureJudgement {
  const verified = facts.checks.find(
    (check): check is SignatureCheck & { verified: true } => check.verified
  )
  if (verified) return { verified: true, check: verified }
  const failed = facts.checks.filter(
    (check): check is SignatureCheck & { verified: false } => !check.verified
  )
  const details = failed.map((check) => `${check.kind} ${check.source}: ${check.detail}`)
  // Something not looked at might have verified: the image is undecided, not rejected.
  if (facts.unchecked.length > 0)
    return {
      verified: false,
      reason: 'could-not-check',
      detail: [...facts.unchecked, ...details].join('; ')
    }
  if (failed.length === 0)
    return { verified: false, reason: 'no-signature', detail: 'no signature found' }
  return { verified: false, reason: failed[0]!.reason, detail: details.join('; ') }
}

export const notVerified = (
  base: SignatureCheckBase,
  reason: NotVerifiedReason,
  detail: string
): SignatureCheck => ({ ...base, verified: false, reason, detail })
