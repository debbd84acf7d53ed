// Verifies one Notary Project signature envelope against notation-trust-store and its identities,
// or (AWS Signer, signing scheme notary.x509.signingAuthority) against aws-signer-profile, for one
// image digest at one time. Pure: the one call AWS Signer needs (GetRevocationStatus) is returned
// as a query for the caller to make. The rules are the Notary Project's at strict level
// (notaryproject/specifications: signature-specification.md, signature-envelope-jws.md and -cose.md,
// trust-store-trust-policy.md "Signature Verification"), and for AWS Signer those of
// aws/aws-signer-notation-plugin (internal/verifier/verifier.go), whose checks this replaces:
// - integrity: the envelope parses, its content type is Notation's payload, the alg is the one the
//   signing key's type and size give, and the signature verifies with the leaf's key;
// - the payload's targetArtifact names exactly this image's manifest digest (and its media type and
//   size when known);
// - every critical header is one this action implements: the signing scheme, signing times, expiry,
//   and only AWS Signer's verification plugin with its two attributes; anything else fails;
// - authenticity: the chain is ordered and complete, meets the certificate requirements, and holds a
//   trust-store certificate; the leaf's subject matches a trusted identity (x509.subject, subset
//   match), or the signing profile version belongs to a configured profile;
// - time: notary.x509: every certificate valid now (a timestamp countersignature is not read, as
//   Notation does without a `tsa` trust store); notary.x509.signingAuthority: valid at the
//   authentic signing time; the signer's expiry, when present, not passed;
// - revocation: AWS Signer's GetRevocationStatus; for other chains, OCSP or CRL locations in a
//   certificate make the signature "could not check" (this action does not fetch them).

import { constants, createHash, verify as verifySignature } from 'node:crypto'
import type { NotationPolicy } from '../../inputs/signatures.js'
import { isSubsetDn } from '../../inputs/distinguished-name.js'
import {
  EnvelopeError,
  JWS_MEDIA_TYPE,
  COSE_MEDIA_TYPE,
  NOTARY_HEADERS,
  NOTARY_PAYLOAD_TYPE,
  parseJwsEnvelope,
  type NotationEnvelope
} from './notation-envelope.js'
import { type SignatureCheck, type SignatureCheckBase, notVerified } from './types.js'
import {
  type ChainCertificate,
  checkChain,
  hasRevocationInfo,
  parseChain,
  subjectAttributes,
  validityProblem
} from './x509-chain.js'

export const AWS_SIGNER_PLUGIN = 'com.amazonaws.signer.notation.plugin'
export const AWS_SIGNER_ATTRIBUTES = {
  profileVersion: 'com.amazonaws.signer.signingProfileVersion',
  job: 'com.amazonaws.signer.signingJob'
} as const
/** The platform AWS Signer's Notation signatures are made on (the plugin sends this). */
export const AWS_SIGNER_PLATFORM = 'Notation-OCI-SHA384-ECDSA'

const SCHEME_X509 = 'notary.x509'
const SCHEME_AUTHORITY = 'notary.x509.signingAuthority'

/** The image the signature must name. */
export interface SignedSubject {
  digest: string
  mediaType?: string
  size?: number
}

/** GetRevocationStatus's input, exactly as the AWS Signer plugin builds it. */
export interface RevocationQuery {
  signatureTimestamp: Date
  platformId: string
  profileVersionArn: string
  jobArn: string
  certificateHashes: string[]
  /** The region of the profile version ARN: where its revocations are recorded. */
  region: string
}

export type NotationResult =
  SignatureCheck | { check: SignatureCheck & { verified: true }; revocation: RevocationQuery }

/** The envelope parsers by layer media type; COSE's (cbor2) is loaded only when one is found. */
export interface EnvelopeParsers {
  cose?: (bytes: Buffer) => NotationEnvelope
}

/** The alg a key must sign with: Notation's algorithm table (signature-specification.md). */
function expectedAlg(chain: ChainCertificate[]): string | undefined {
  const key = chain[0]!.node.publicKey
  const details = key.asymmetricKeyDetails ?? {}
  if (key.asymmetricKeyType === 'ec')
    return { prime256v1: 'ES256', secp384r1: 'ES384', secp521r1: 'ES512' }[details.namedCurve ?? '']
  if (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss')
    return { 2048: 'PS256', 3072: 'PS384', 4096: 'PS512' }[details.modulusLength ?? 0]
  return undefined
}

function signatureValid(envelope: NotationEnvelope, chain: ChainCertificate[]): boolean {
  const hash = `sha${envelope.alg.slice(2)}`
  const key = chain[0]!.node.publicKey
  try {
    return envelope.alg.startsWith('ES')
      ? // JWS and COSE both carry ECDSA signatures as r || s.
        verifySignature(
          hash,
          envelope.signedBytes,
          { key, dsaEncoding: 'ieee-p1363' },
          envelope.signature
        )
      : verifySignature(
          hash,
          envelope.signedBytes,
          {
            key,
            padding: constants.RSA_PKCS1_PSS_PADDING,
            saltLength: Number(envelope.alg.slice(2)) / 8
          },
          envelope.signature
        )
  } catch {
    return false
  }
}

/** The payload's targetArtifact against the image; undefined when it names this image. */
function payloadProblem(
  envelope: NotationEnvelope,
  subject: SignedSubject
): SignatureCheckProblem | undefined {
  let target: unknown
  try {
    target = (JSON.parse(envelope.payload.toString('utf8')) as { targetArtifact?: unknown })
      .targetArtifact
  } catch {
    return ['unknown-envelope', 'its payload is not JSON']
  }
  if (typeof target !== 'object' || target === null)
    return ['unknown-envelope', 'its payload has no targetArtifact']
  const { digest, mediaType, size } = target as Record<string, unknown>
  if (typeof digest !== 'string') return ['unknown-envelope', 'its targetArtifact has no digest']
  if (digest !== subject.digest)
    return [
      'other-digest',
      `it signs ${/^sha256:[0-9a-f]{64}$/.test(digest) ? digest : 'another digest'}, not ${subject.digest}`
    ]
  if (subject.mediaType !== undefined && mediaType !== subject.mediaType)
    return [
      'other-digest',
      `it names the media type ${String(mediaType).slice(0, 100)}, not ${subject.mediaType}`
    ]
  if (subject.size !== undefined && size !== subject.size)
    return ['other-digest', `it names the size ${String(size).slice(0, 20)}, not ${subject.size}`]
  return undefined
}

const textHeader = (envelope: NotationEnvelope, name: string): string => {
  const value = envelope.headers.get(name)
  return typeof value === 'string' ? value : ''
}

type SignatureCheckProblem = [Parameters<typeof notVerified>[1], string]

/** The critical headers, each one understood and present; the scheme and its time. */
function headerProblem(envelope: NotationEnvelope): SignatureCheckProblem | undefined {
  const { headers, critical } = envelope
  const plugin = headers.get(NOTARY_HEADERS.verificationPlugin)
  const known = new Set<string>([
    NOTARY_HEADERS.signingScheme,
    NOTARY_HEADERS.authenticSigningTime,
    NOTARY_HEADERS.expiry,
    NOTARY_HEADERS.verificationPlugin,
    NOTARY_HEADERS.verificationPluginMinVersion,
    ...(plugin === AWS_SIGNER_PLUGIN ? Object.values(AWS_SIGNER_ATTRIBUTES) : [])
  ])
  if (plugin !== undefined && plugin !== AWS_SIGNER_PLUGIN)
    return [
      'critical-header',
      `it needs the verification plugin ${typeof plugin === 'string' ? plugin.slice(0, 100) : 'of another kind'}, which this action does not implement`
    ]
  if (!critical.includes(NOTARY_HEADERS.signingScheme))
    return ['critical-header', 'its crit list does not hold io.cncf.notary.signingScheme']
  const unknown = critical.filter((name) => !known.has(name))
  if (unknown.length > 0)
    return [
      'critical-header',
      `it marks ${unknown
        .slice(0, 3)
        .map((name) => name.slice(0, 100))
        .join(', ')} critical, which this action does not understand`
    ]
  const absent = critical.filter((name) => !headers.has(name))
  if (absent.length > 0)
    return ['critical-header', `it marks ${absent.join(', ')} critical but does not carry it`]
  // Headers that are critical whenever present must be listed as such.
  const unlisted = [
    NOTARY_HEADERS.authenticSigningTime,
    NOTARY_HEADERS.expiry,
    NOTARY_HEADERS.verificationPlugin
  ].filter((name) => headers.has(name) && !critical.includes(name))
  if (unlisted.length > 0)
    return ['critical-header', `it carries ${unlisted.join(', ')} without marking it critical`]
  const scheme = headers.get(NOTARY_HEADERS.signingScheme)
  if (scheme === SCHEME_X509) {
    if (!(headers.get(NOTARY_HEADERS.signingTime) instanceof Date))
      return ['unknown-envelope', 'its signing scheme notary.x509 needs io.cncf.notary.signingTime']
    if (headers.has(NOTARY_HEADERS.authenticSigningTime))
      return ['unknown-envelope', 'it carries an authentic signing time under notary.x509']
  } else if (scheme === SCHEME_AUTHORITY) {
    if (!(headers.get(NOTARY_HEADERS.authenticSigningTime) instanceof Date))
      return [
        'unknown-envelope',
        'its signing scheme notary.x509.signingAuthority needs io.cncf.notary.authenticSigningTime'
      ]
  } else
    return [
      'critical-header',
      `its signing scheme ${String(scheme).slice(0, 60)} is not notary.x509 or notary.x509.signingAuthority`
    ]
  if (headers.has(NOTARY_HEADERS.expiry) && !(headers.get(NOTARY_HEADERS.expiry) instanceof Date))
    return ['unknown-envelope', 'its expiry is not a time']
  return undefined
}

/** `arn:…:/signing-profiles/<name>/<version>` belongs to a configured profile (or is one of them). */
export function matchProfile(
  profileVersionArn: string,
  profiles: readonly string[]
): string | undefined {
  const lower = profileVersionArn.toLowerCase()
  const withoutVersion = lower.slice(0, lower.lastIndexOf('/'))
  return profiles.find((profile) => {
    const wanted = profile.toLowerCase()
    // A profile ARN has three resource segments, a profile version ARN four (the plugin's rule).
    return wanted.split('/').length === 3 ? withoutVersion === wanted : lower === wanted
  })
}

/** Hex SHA-384 of each certificate's TBS part followed by its parent's; the root paired with itself. */
export function certificateHashes(chain: ChainCertificate[]): string[] {
  const hashes = chain.map((cert) =>
    createHash('sha384').update(cert.asn1.tbsCertificate.toDER()).digest('hex')
  )
  return hashes.map((hash, index) => hash + (hashes[index + 1] ?? hash))
}

const SIGNER_ARN = /^arn:aws[a-z-]*:signer:[a-z0-9-]{1,30}:\d{12}:\/[A-Za-z0-9/_-]{1,300}$/
const PROFILE_VERSION_ARN =
  /^arn:aws[a-z-]*:signer:([a-z]{2}(?:-[a-z]+)+-\d):\d{12}:\/signing-profiles\/[A-Za-z0-9_]{2,64}\/[A-Za-z0-9]{10}$/
const JOB_ARN =
  /^arn:aws[a-z-]*:signer:[a-z]{2}(?:-[a-z]+)+-\d:\d{12}:\/signing-jobs\/[A-Za-z0-9-]{1,128}$/

function envelopeOf(
  mediaType: string,
  bytes: Buffer,
  parsers: EnvelopeParsers
): NotationEnvelope | SignatureCheckProblem {
  try {
    if (mediaType === JWS_MEDIA_TYPE) return parseJwsEnvelope(bytes)
    if (mediaType === COSE_MEDIA_TYPE && parsers.cose) return parsers.cose(bytes)
  } catch (error) {
    if (error instanceof EnvelopeError)
      return [
        'unknown-envelope',
        `the ${mediaType} envelope is not a Notary Project one: ${error.message}`
      ]
    throw error
  }
  return [
    'unknown-envelope',
    `its envelope media type ${mediaType.slice(0, 100)} is not application/jose+json or application/cose`
  ]
}

/** One envelope checked; a verified AWS Signer signature still needs its revocation answered. */
export function verifyNotation(
  base: SignatureCheckBase,
  envelopeMediaType: string,
  bytes: Buffer,
  subject: SignedSubject,
  policy: NotationPolicy,
  now: Date,
  parsers: EnvelopeParsers = {}
): NotationResult {
  const fail = ([reason, detail]: SignatureCheckProblem): SignatureCheck =>
    notVerified(base, reason, detail)
  const envelope = envelopeOf(envelopeMediaType, bytes, parsers)
  if (Array.isArray(envelope)) return fail(envelope)
  if (envelope.contentType !== NOTARY_PAYLOAD_TYPE)
    return fail([
      'unknown-envelope',
      `its content type ${envelope.contentType.slice(0, 100)} is not ${NOTARY_PAYLOAD_TYPE}`
    ])
  const header = headerProblem(envelope)
  if (header) return fail(header)
  const chain = parseChain(envelope.certificates)
  if (!Array.isArray(chain)) return fail([chain.reason, chain.detail])
  const alg = expectedAlg(chain)
  if (!alg || alg !== envelope.alg)
    return fail([
      'bad-signature',
      `its alg ${envelope.alg.slice(0, 20)} is not the one its signing key gives (${alg ?? 'none Notation allows'})`
    ])
  if (!signatureValid(envelope, chain))
    return fail(['bad-signature', 'the signature does not verify with its signing certificate'])
  const payload = payloadProblem(envelope, subject)
  if (payload) return fail(payload)
  const chainProblem = checkChain(
    chain,
    policy.trustStore.map((entry) => entry.certificate)
  )
  if (chainProblem) return fail([chainProblem.reason, chainProblem.detail])

  const aws = envelope.headers.get(NOTARY_HEADERS.verificationPlugin) === AWS_SIGNER_PLUGIN
  const scheme = envelope.headers.get(NOTARY_HEADERS.signingScheme)
  let by: { subject: string } | { profile: string }
  let profileVersionArn = ''
  let jobArn = ''
  if (aws) {
    profileVersionArn = textHeader(envelope, AWS_SIGNER_ATTRIBUTES.profileVersion)
    jobArn = textHeader(envelope, AWS_SIGNER_ATTRIBUTES.job)
    if (scheme !== SCHEME_AUTHORITY)
      return fail([
        'critical-header',
        'an AWS Signer signature must use the signing scheme notary.x509.signingAuthority'
      ])
    if (!PROFILE_VERSION_ARN.test(profileVersionArn) || !JOB_ARN.test(jobArn))
      return fail([
        'unknown-envelope',
        'its AWS Signer signing profile version or signing job is not an ARN'
      ])
    if (policy.signerProfiles.length === 0)
      return fail([
        'critical-header',
        `it is an AWS Signer signature (profile version ${profileVersionArn}); set aws-signer-profile to verify it`
      ])
    const profile = matchProfile(profileVersionArn, policy.signerProfiles)
    if (!profile)
      return fail([
        'untrusted-identity',
        `it was signed with the profile version ${profileVersionArn}, which is none of aws-signer-profile`
      ])
    by = { profile }
  } else {
    if (policy.identities !== '*' && policy.identities.length === 0)
      return fail([
        'untrusted-identity',
        'it is a Notation signature not made by AWS Signer, and notation-trusted-identities is not set'
      ])
    const attributes = subjectAttributes(chain[0]!)
    if ('problem' in attributes)
      return fail(['untrusted-identity', `the signing certificate's ${attributes.problem}`])
    const name = chain[0]!.node.subject.replace(/\n/g, ', ')
    if (
      policy.identities !== '*' &&
      !policy.identities.some((identity) => isSubsetDn(identity, attributes.attributes))
    )
      return fail([
        'untrusted-identity',
        `the signing certificate's subject ${name} matches none of notation-trusted-identities`
      ])
    by = { subject: name }
  }

  const authentic = envelope.headers.get(NOTARY_HEADERS.authenticSigningTime) as Date | undefined
  const validity = authentic
    ? validityProblem(chain, authentic, 'the authentic signing time')
    : validityProblem(chain, now, 'now (no authentic signing time)')
  if (validity) return fail([validity.reason, validity.detail])
  const expiry = envelope.headers.get(NOTARY_HEADERS.expiry) as Date | undefined
  if (expiry && now >= expiry)
    return fail(['signature-expired', `the signature expired ${expiry.toISOString()}`])
  const signingTime = authentic ?? (envelope.headers.get(NOTARY_HEADERS.signingTime) as Date)
  const check = {
    ...base,
    verified: true as const,
    by,
    signingTime: signingTime.toISOString(),
    ...(authentic
      ? {}
      : { notes: ["the signing time is the signer's own claim (notary.x509), not authenticated"] })
  }
  if (!aws) {
    if (hasRevocationInfo(chain))
      return fail([
        'could-not-check',
        'a certificate names OCSP or CRL locations, and this action does not check revocation by OCSP or CRL'
      ])
    return check
  }
  return {
    check,
    revocation: {
      signatureTimestamp: authentic!,
      platformId: AWS_SIGNER_PLATFORM,
      profileVersionArn,
      jobArn,
      certificateHashes: certificateHashes(chain),
      region: PROFILE_VERSION_ARN.exec(profileVersionArn)![1]!
    }
  }
}

/** A verified AWS Signer signature, judged by GetRevocationStatus's answer. */
export function applyRevocation(
  check: SignatureCheck & { verified: true },
  answer: { revokedEntities: string[] } | { error: string }
): SignatureCheck {
  const base = { kind: check.kind, source: check.source }
  if ('error' in answer)
    return notVerified(
      base,
      'could-not-check',
      `signer:GetRevocationStatus failed (${answer.error}); the role needs signer:GetRevocationStatus`
    )
  if (answer.revokedEntities.length === 0) return check
  // Registry-side text: an ARN is named only when it looks like one; anything else is counted.
  const arns = answer.revokedEntities.filter((entity) => SIGNER_ARN.test(entity))
  const others = answer.revokedEntities.length - arns.length
  const parts = [
    ...(arns.length > 0 ? [arns.slice(0, 5).join(', ')] : []),
    ...(others > 0 ? [`${others} certificate(s)`] : [])
  ]
  return notVerified(base, 'revoked', `AWS Signer reports revoked: ${parts.join('; ')}`)
}
