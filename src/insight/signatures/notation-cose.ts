// A Notary Project COSE envelope (`application/cose`: a COSE_Sign1_Tagged, RFC 9052) read into the
// shape notation.ts checks, decoded with cbor2 (no CBOR by hand). Loaded only when a COSE envelope
// is found. Times are CBOR tag 1 (epoch seconds), which cbor2 decodes to Dates.

import { decode, encode, Tag } from 'cbor2'
import {
  EnvelopeError,
  MAX_CHAIN,
  NOTARY_HEADERS,
  type NotationEnvelope
} from './notation-envelope.js'

/** COSE algorithm labels (IANA) → the JWS names Notation's algorithm table uses. */
const ALGORITHMS = new Map<number, string>([
  [-37, 'PS256'],
  [-38, 'PS384'],
  [-39, 'PS512'],
  [-7, 'ES256'],
  [-35, 'ES384'],
  [-36, 'ES512']
])
const LABEL_ALG = 1
const LABEL_CRIT = 2
const LABEL_CONTENT_TYPE = 3
const LABEL_X5CHAIN = 33
const COSE_SIGN1_TAG = 18
const TIME_HEADERS = new Set<string>([
  NOTARY_HEADERS.signingTime,
  NOTARY_HEADERS.authenticSigningTime,
  NOTARY_HEADERS.expiry
])

const isBytes = (value: unknown): value is Uint8Array => value instanceof Uint8Array

function decodeCbor(bytes: Uint8Array, what: string): unknown {
  try {
    // Maps stay Maps (integer labels), duplicate labels are refused.
    return decode(bytes, { preferMap: true, rejectDuplicateKeys: true })
  } catch (error) {
    throw new EnvelopeError(`its ${what} is not CBOR (${(error as Error).message})`)
  }
}

function certificatesOf(value: unknown): Buffer[] {
  // x5chain is one bstr for a lone certificate, else an array of them (RFC 9360).
  const list = isBytes(value) ? [value] : value
  if (!Array.isArray(list) || list.length === 0 || list.length > MAX_CHAIN || !list.every(isBytes))
    throw new EnvelopeError(`its x5chain is not 1 to ${MAX_CHAIN} DER certificates`)
  return list.map((der) => Buffer.from(der))
}

export function parseCoseEnvelope(bytes: Buffer): NotationEnvelope {
  const message = decodeCbor(bytes, 'envelope')
  if (!(message instanceof Tag) || Number(message.tag) !== COSE_SIGN1_TAG)
    throw new EnvelopeError('it is not a COSE_Sign1_Tagged message')
  const parts = message.contents
  if (!Array.isArray(parts) || parts.length !== 4)
    throw new EnvelopeError('it is not a four-part COSE_Sign1')
  const [protectedBytes, unprotected, payload, signature] = parts as unknown[]
  if (!isBytes(protectedBytes) || !isBytes(payload) || !isBytes(signature))
    throw new EnvelopeError(
      'its protected header, payload or signature is not a byte string (a detached payload is not supported)'
    )
  if (!(unprotected instanceof Map)) throw new EnvelopeError('its unprotected header is not a map')
  const header = decodeCbor(protectedBytes, 'protected header')
  if (!(header instanceof Map)) throw new EnvelopeError('its protected header is not a map')
  const protectedHeader = header as Map<unknown, unknown>
  const alg = ALGORITHMS.get(protectedHeader.get(LABEL_ALG) as number)
  if (!alg)
    throw new EnvelopeError(
      `its alg ${String(protectedHeader.get(LABEL_ALG))} is not one Notation allows`
    )
  const contentType = protectedHeader.get(LABEL_CONTENT_TYPE)
  if (typeof contentType !== 'string')
    throw new EnvelopeError('its protected header has no text content type')
  const crit = protectedHeader.get(LABEL_CRIT)
  if (
    !Array.isArray(crit) ||
    crit.some((name) => typeof name !== 'string' && typeof name !== 'number')
  )
    throw new EnvelopeError('its protected header has no crit list')
  const headers = new Map<string, unknown>()
  for (const [label, value] of protectedHeader) {
    if (
      label === LABEL_ALG ||
      label === LABEL_CRIT ||
      label === LABEL_CONTENT_TYPE ||
      label === LABEL_X5CHAIN
    )
      continue
    const name = String(label)
    if (TIME_HEADERS.has(name) && !(value instanceof Date && !Number.isNaN(value.getTime())))
      throw new EnvelopeError(`its ${name} is not a CBOR date (tag 1)`)
    headers.set(name, value)
  }
  // The chain may sit in either header (signature-envelope-cose.md).
  const chain: unknown =
    (unprotected as Map<unknown, unknown>).get(LABEL_X5CHAIN) ?? protectedHeader.get(LABEL_X5CHAIN)
  return {
    format: 'cose',
    alg,
    contentType,
    critical: (crit as (string | number)[]).map(String),
    headers,
    certificates: certificatesOf(chain),
    payload: Buffer.from(payload),
    signature: Buffer.from(signature),
    // Sig_structure = ['Signature1', body_protected, external_aad = h'', payload] (RFC 9052 §4.4).
    // Plain Uint8Arrays: cbor2 decodes a Buffer's byte strings as Buffers, which it would
    // encode as objects, not byte strings.
    signedBytes: Buffer.from(
      encode([
        'Signature1',
        new Uint8Array(protectedBytes),
        new Uint8Array(0),
        new Uint8Array(payload)
      ])
    )
  }
}
