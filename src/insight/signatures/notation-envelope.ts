// Notary Project signature envelopes, read into one shape: the JWS JSON flattened serialization
// (`application/jose+json`, notaryproject/specifications signature-envelope-jws.md) here, COSE_Sign1
// (`application/cose`, signature-envelope-cose.md) in notation-cose.ts. Only reading: what each
// field means for trust is notation.ts's.

export const JWS_MEDIA_TYPE = 'application/jose+json'
export const COSE_MEDIA_TYPE = 'application/cose'
export const NOTARY_PAYLOAD_TYPE = 'application/vnd.cncf.notary.payload.v1+json'

/** The signed attributes Notation defines, by their JWS header names (COSE uses the same). */
export const NOTARY_HEADERS = {
  signingScheme: 'io.cncf.notary.signingScheme',
  signingTime: 'io.cncf.notary.signingTime',
  authenticSigningTime: 'io.cncf.notary.authenticSigningTime',
  expiry: 'io.cncf.notary.expiry',
  verificationPlugin: 'io.cncf.notary.verificationPlugin',
  verificationPluginMinVersion: 'io.cncf.notary.verificationPluginMinVersion'
} as const

/** At most this many certificates in a chain: leaf, intermediates, root. */
export const MAX_CHAIN = 10

/** An envelope's parts, whatever its format. */
export interface NotationEnvelope {
  format: 'jws' | 'cose'
  /** The JWS name of the algorithm (`ES384`, `PS256`, …), COSE's mapped to it. */
  alg: string
  contentType: string
  /** The names in `crit` (a COSE integer label shows as its number). */
  critical: string[]
  /** Protected headers by name, times as Dates. */
  headers: ReadonlyMap<string, unknown>
  /** DER certificates, leaf first. */
  certificates: Buffer[]
  payload: Buffer
  signature: Buffer
  /** What the signature is over: JWS's signing input, COSE's Sig_structure. */
  signedBytes: Buffer
}

export class EnvelopeError extends Error {
  override name = 'EnvelopeError'
}

const BASE64URL = /^[A-Za-z0-9_-]*$/
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/
const JWS_FIELDS = new Set(['payload', 'protected', 'header', 'signature'])
const TIME_HEADERS = [
  NOTARY_HEADERS.signingTime,
  NOTARY_HEADERS.authenticSigningTime,
  NOTARY_HEADERS.expiry
]
/** RFC 3339 date-time, as the JWS envelope writes times. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i

function base64url(value: unknown, field: string): Buffer {
  if (typeof value !== 'string' || !BASE64URL.test(value))
    throw new EnvelopeError(`its ${field} is not base64url`)
  return Buffer.from(value, 'base64url')
}

function jsonObject(bytes: Buffer, what: string): Record<string, unknown> {
  let parsed: unknown
  try {
    parsed = JSON.parse(bytes.toString('utf8'))
  } catch {
    throw new EnvelopeError(`its ${what} is not JSON`)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new EnvelopeError(`its ${what} is not a JSON object`)
  return parsed as Record<string, unknown>
}

/** A time header as JWS writes it (RFC 3339), as a Date. */
function jwsTime(value: unknown, name: string): Date {
  if (typeof value !== 'string' || !RFC3339.test(value))
    throw new EnvelopeError(`its ${name} is not an RFC 3339 time`)
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) throw new EnvelopeError(`its ${name} is not a valid time`)
  return date
}

/** A JWS JSON flattened serialization, as Notation writes one. */
export function parseJwsEnvelope(bytes: Buffer): NotationEnvelope {
  const envelope = jsonObject(bytes, 'envelope')
  const extra = Object.keys(envelope).filter((key) => !JWS_FIELDS.has(key))
  if (extra.length > 0)
    throw new EnvelopeError(
      `it has fields a flattened JWS does not (${extra.slice(0, 3).join(', ')})`
    )
  const protectedText = envelope.protected
  const payloadText = envelope.payload
  const protectedBytes = base64url(protectedText, 'protected header')
  const payload = base64url(payloadText, 'payload')
  const signature = base64url(envelope.signature, 'signature')
  const header = jsonObject(protectedBytes, 'protected header')
  const { alg, cty, crit } = header
  if (typeof alg !== 'string') throw new EnvelopeError('its protected header has no alg')
  if (typeof cty !== 'string') throw new EnvelopeError('its protected header has no cty')
  if (!Array.isArray(crit) || crit.some((name) => typeof name !== 'string'))
    throw new EnvelopeError('its protected header has no crit list of names')
  const headers = new Map<string, unknown>()
  for (const [name, value] of Object.entries(header)) {
    if (name === 'alg' || name === 'cty' || name === 'crit') continue
    headers.set(
      name,
      TIME_HEADERS.includes(name as (typeof TIME_HEADERS)[number]) ? jwsTime(value, name) : value
    )
  }
  const unprotected = envelope.header
  if (typeof unprotected !== 'object' || unprotected === null || Array.isArray(unprotected))
    throw new EnvelopeError('it has no unprotected header')
  const x5c = (unprotected as Record<string, unknown>).x5c
  if (!Array.isArray(x5c) || x5c.length === 0 || x5c.length > MAX_CHAIN)
    throw new EnvelopeError(`its x5c is not a list of 1 to ${MAX_CHAIN} certificates`)
  const certificates = x5c.map((entry) => {
    if (typeof entry !== 'string' || !BASE64.test(entry))
      throw new EnvelopeError('an x5c entry is not base64')
    return Buffer.from(entry, 'base64')
  })
  return {
    format: 'jws',
    alg,
    contentType: cty,
    critical: crit as string[],
    headers,
    certificates,
    payload,
    signature,
    // The JWS Signing Input: ASCII(BASE64URL(protected) '.' BASE64URL(payload)), as sent.
    signedBytes: Buffer.from(`${protectedText as string}.${payloadText as string}`, 'ascii')
  }
}
