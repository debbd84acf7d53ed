// Writes the committed signature fixtures under fixtures/signatures/: signed images for each
// signer and the bad cases, made by producers other than the action's verifiers, with keys and
// CAs generated here:
// - cosign `.sig` tags: simple-signing payloads signed with Node's crypto (ECDSA P-256, as
//   `cosign sign --key` signs), and one with the key a local KMS key stands for;
// - Sigstore bundles: @sigstore/sign against @sigstore/mock's Fulcio, Rekor and TSA served on
//   loopback, with the matching trusted_root.json; and one signed with a key (a key-signed bundle);
// - Notation: JWS envelopes made with jose's flattened JWS signer, COSE envelopes encoded with
//   cbor2, certificate chains made with @peculiar/x509 (a CA, and an AWS-Signer-shaped root,
//   intermediate and signing certificate with Signer's signing attributes).
// Staying valid: Notation certificates are valid from 2026 to 2056 (notary.x509 is checked at
// the verifier's "now"); the keyless bundles are checked at their own log and TSA time, so they
// never expire. The one expired certificate expired in 2021.
//
// Run with `npx tsx server/generate-signature-fixtures.ts [out-dir]`; the output is committed
// (digests are of these exact bytes). Keys are new on every run, so the bytes change; the shape
// (names, kinds, what verifies and what does not) does not: __tests__/server/signature-fixtures.test.ts.

// @peculiar/x509 (through tsyringe) needs the Reflect metadata API before it loads.
import 'reflect-metadata'
import {
  createHash,
  generateKeyPairSync,
  KeyObject,
  randomUUID,
  sign,
  webcrypto
} from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as x509 from '@peculiar/x509'
import { FlattenedSign, UnsecuredJWT } from 'jose'
import { encode, Tag } from 'cbor2'
import {
  fulcioHandler,
  initializeCA,
  initializeCTLog,
  initializeTLog,
  initializeTSA,
  rekorHandler,
  tsaHandler,
  type HandlerFn
} from '@sigstore/mock'
import {
  DSSEBundleBuilder,
  FulcioSigner,
  RekorWitness,
  TSAWitness,
  type Signer
} from '@sigstore/sign'
import { bundleToJSON } from '@sigstore/bundle'
import { HashAlgorithm, PublicKeyDetails, TrustedRoot } from '@sigstore/protobuf-specs'

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0])

type CryptoKeyPair = webcrypto.CryptoKeyPair
type EcKeyAlgorithm = webcrypto.EcKeyAlgorithm

export const SIGNATURES_DIR = fileURLToPath(new URL('../fixtures/signatures/', import.meta.url))

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json'
export const EMPTY_CONFIG = {
  mediaType: 'application/vnd.oci.empty.v1+json',
  digest: 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
  size: 2
}
export const BUNDLE_TYPE = 'application/vnd.dev.sigstore.bundle.v0.3+json'
const NOTARY_TYPE = 'application/vnd.cncf.notary.signature'
const SIGN_PREDICATE = 'https://sigstore.dev/cosign/sign/v1'
export const SIGNING_TIME = new Date('2026-12-01T12:00:00Z')
const LONG_AGO = new Date('2026-01-01T00:00:00Z')
const FAR_AHEAD = new Date('2056-01-01T00:00:00Z')

export const KEYLESS_IDENTITY =
  'https://github.com/octo-org/octo-repo/.github/workflows/release.yml@refs/heads/main'
export const KEYLESS_ISSUER = 'https://token.actions.githubusercontent.com'
export const NOTATION_SUBJECT = 'C=US, ST=WA, O=Acme, CN=release'
export const SIGNER_PROFILE =
  'arn:aws:signer:us-east-1:123456789012:/signing-profiles/release_signing'

export const sha256 = (bytes: Buffer | string): string =>
  'sha256:' + createHash('sha256').update(bytes).digest('hex')

/** A stored artifact: its manifest, and its blobs base64. */
export interface Artifact {
  manifest: string
  blobs: string[]
}

export interface SignedFixture {
  repositoryName: string
  tag: string
  manifest: string
  /** What a test should see: the kind and, when it verifies, true; else the reason. */
  expect: { kind: 'cosign' | 'sigstore-bundle' | 'notation' | 'none'; outcome: string }
  referrers: Artifact[]
  tagged: (Artifact & { tag: string })[]
}

export interface SignatureCatalog {
  signingTime: string
  images: Record<string, SignedFixture>
  kms: { keyId: string; arn: string; alias: string; publicKey: string }[]
  revokedProfileVersions: string[]
}

/** An image with its own digest: an OCI manifest over a config and a layer named after it. */
export function imageManifest(name: string): string {
  return JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: sha256(`signed config ${name}`),
      size: 1472
    },
    layers: [
      {
        mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip',
        digest: sha256(`signed layer ${name}`),
        size: 3_145_728
      }
    ]
  })
}

export function referrer(
  subject: string,
  subjectSize: number,
  artifactType: string,
  layer: { mediaType: string; blob: Buffer },
  annotations: Record<string, string> = {}
): Artifact {
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    artifactType,
    config: EMPTY_CONFIG,
    layers: [{ mediaType: layer.mediaType, digest: sha256(layer.blob), size: layer.blob.length }],
    subject: { mediaType: OCI_MANIFEST, digest: subject, size: subjectSize },
    ...(Object.keys(annotations).length > 0 ? { annotations } : {})
  })
  return { manifest, blobs: [layer.blob.toString('base64')] }
}

// ---------------------------------------------------------------- cosign `.sig` (simple signing)

function simpleSigningPayload(digest: string): Buffer {
  return Buffer.from(
    JSON.stringify({
      critical: {
        identity: { 'docker-reference': '123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app' },
        image: { 'docker-manifest-digest': digest },
        type: 'cosign container image signature'
      },
      optional: null
    })
  )
}

function sigTag(subject: string, payload: Buffer, signature: Buffer): Artifact & { tag: string } {
  const manifest = JSON.stringify({
    schemaVersion: 2,
    mediaType: OCI_MANIFEST,
    config: {
      mediaType: 'application/vnd.oci.image.config.v1+json',
      digest: sha256('{}'),
      size: 2
    },
    layers: [
      {
        mediaType: 'application/vnd.dev.cosign.simplesigning.v1+json',
        digest: sha256(payload),
        size: payload.length,
        annotations: { 'dev.cosignproject.cosign/signature': signature.toString('base64') }
      }
    ]
  })
  return { tag: `${subject.replace(':', '-')}.sig`, manifest, blobs: [payload.toString('base64')] }
}

const ecdsaSign = (key: KeyObject, data: Buffer): Buffer => sign('sha256', data, key)

// ---------------------------------------------------------------- Sigstore (mock Fulcio, Rekor, TSA)

export interface SigstoreStack {
  url: string
  trustedRoot: unknown
  close(): Promise<void>
}

export async function startSigstore(at: Date): Promise<SigstoreStack> {
  // Whole seconds: the TSA writes a GeneralizedTime's fraction without trailing zeros (`.05`),
  // which @sigstore/core reads only as three digits.
  const clock = new Date(Math.floor(at.getTime() / 1000) * 1000)
  const keys = () => generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const ctlog = await initializeCTLog(keys(), clock)
  const ca = await initializeCA(keys(), ctlog, clock)
  const tsa = await initializeTSA(keys(), clock)
  const handlers = new Map<string, HandlerFn>()
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const handler = handlers.get(new URL(request.url ?? '/', 'http://x').pathname)
      if (!handler || request.method !== 'POST') return void response.writeHead(404).end()
      handler(Buffer.concat(chunks).toString('utf8')).then(
        ({ statusCode, response: body, contentType }) => {
          response.writeHead(statusCode, { 'Content-Type': contentType ?? 'text/plain' })
          response.end(
            typeof body === 'string'
              ? body
              : Buffer.from(body.buffer, body.byteOffset, body.byteLength)
          )
        },
        () => response.writeHead(500).end()
      )
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const tlog = await initializeTLog(url, keys(), clock)
  for (const handler of [fulcioHandler(ca), rekorHandler(tlog), tsaHandler(tsa)])
    handlers.set(handler.path, handler.fn)
  const start = new Date(clock.getTime() - 24 * 3600_000)
  const logKey = (publicKey: Buffer) => ({
    rawBytes: publicKey,
    keyDetails: PublicKeyDetails.PKIX_ECDSA_P256_SHA_256,
    validFor: { start }
  })
  const trustedRoot = TrustedRoot.toJSON({
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [
      {
        baseUrl: url,
        hashAlgorithm: HashAlgorithm.SHA2_256,
        publicKey: logKey(tlog.publicKey),
        logId: { keyId: createHash('sha256').update(tlog.publicKey).digest() },
        checkpointKeyId: undefined,
        operator: ''
      }
    ],
    ctlogs: [
      {
        baseUrl: url,
        hashAlgorithm: HashAlgorithm.SHA2_256,
        publicKey: logKey(ctlog.publicKey),
        logId: {
          keyId: Buffer.from(ctlog.logID.buffer, ctlog.logID.byteOffset, ctlog.logID.byteLength)
        },
        checkpointKeyId: undefined,
        operator: ''
      }
    ],
    certificateAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'sigstore' },
        uri: url,
        certChain: {
          certificates: [
            {
              rawBytes: Buffer.from(
                ca.rootCertificate.buffer,
                ca.rootCertificate.byteOffset,
                ca.rootCertificate.byteLength
              )
            }
          ]
        },
        validFor: { start, end: undefined },
        operator: ''
      }
    ],
    timestampAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'tsa' },
        uri: url,
        certChain: {
          certificates: [tsa.intCertificate, tsa.rootCertificate].map((cert) => ({
            rawBytes: Buffer.from(cert.buffer, cert.byteOffset, cert.byteLength)
          }))
        },
        validFor: { start, end: undefined },
        operator: ''
      }
    ]
  })
  return { url, trustedRoot, close: () => new Promise((resolve) => server.close(() => resolve())) }
}

function statement(digest: string): Buffer {
  return Buffer.from(
    JSON.stringify({
      _type: 'https://in-toto.io/Statement/v1',
      subject: [{ digest: { sha256: digest.slice(7) } }],
      predicateType: SIGN_PREDICATE,
      predicate: {}
    })
  )
}

async function keylessBundle(
  stack: SigstoreStack,
  digest: string,
  subject: string
): Promise<Buffer> {
  return signKeyless(stack, statement(digest), {
    iss: KEYLESS_ISSUER,
    sub: subject,
    repository: 'octo-org/octo-repo',
    ref: 'refs/heads/main',
    sha: '3f1c2b9a8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a'
  })
}

/**
 * An in-toto statement signed keylessly by @sigstore/sign against the mock Fulcio, Rekor and
 * TSA: the OIDC token's claims become the certificate's identity (`sub`) and extensions.
 */
export async function signKeyless(
  stack: SigstoreStack,
  payload: Buffer,
  claims: Record<string, string>
): Promise<Buffer> {
  const token = new UnsecuredJWT({ aud: 'sigstore', ...claims })
    .setIssuedAt()
    .setExpirationTime('10m')
    .encode()
  const builder = new DSSEBundleBuilder({
    signer: new FulcioSigner({
      fulcioBaseURL: stack.url,
      identityProvider: { getToken: () => Promise.resolve(token) }
    }),
    witnesses: [
      new RekorWitness({ rekorBaseURL: stack.url, entryType: 'intoto' }),
      new TSAWitness({ tsaBaseURL: stack.url })
    ]
  })
  const bundle = await builder.create({ data: payload, type: 'application/vnd.in-toto+json' })
  return Buffer.from(JSON.stringify(bundleToJSON(bundle)))
}

/** A bundle signed with a key (cosign sign --key, new bundle format), without a log entry. */
async function keyBundle(
  key: { privateKey: KeyObject; publicKey: KeyObject },
  digest: string
): Promise<Buffer> {
  const signer: Signer = {
    sign: (data) =>
      Promise.resolve({
        signature: ecdsaSign(key.privateKey, data),
        key: {
          $case: 'publicKey',
          publicKey: key.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
          hint: ''
        }
      })
  }
  const bundle = await new DSSEBundleBuilder({ signer, witnesses: [] }).create({
    data: statement(digest),
    type: 'application/vnd.in-toto+json'
  })
  return Buffer.from(JSON.stringify(bundleToJSON(bundle)))
}

// ---------------------------------------------------------------- Notation (X.509, JWS, COSE)

interface Issued {
  der: Buffer
  pem: string
  privateKey: KeyObject
  webKeys: CryptoKeyPair
  name: string
}

const EC = (curve: 'P-256' | 'P-384') => ({
  name: 'ECDSA',
  namedCurve: curve,
  hash: curve === 'P-256' ? 'SHA-256' : 'SHA-384'
})

async function certificate(options: {
  name: string
  curve: 'P-256' | 'P-384'
  issuer?: Issued
  ca: boolean
  notBefore?: Date
  notAfter?: Date
}): Promise<Issued> {
  const keys = await webcrypto.subtle.generateKey(EC(options.curve), true, ['sign', 'verify'])
  const usage = options.ca
    ? x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign
    : x509.KeyUsageFlags.digitalSignature
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(options.ca, undefined, options.ca),
    new x509.KeyUsagesExtension(usage, true),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey)
  ]
  if (!options.ca) extensions.push(new x509.ExtendedKeyUsageExtension(['1.3.6.1.5.5.7.3.3']))
  const validity = {
    notBefore: options.notBefore ?? LONG_AGO,
    notAfter: options.notAfter ?? FAR_AHEAD
  }
  const serialNumber = randomUUID().replace(/-/g, '').slice(0, 16)
  const signingAlgorithm = EC(
    options.issuer
      ? ((options.issuer.webKeys.privateKey.algorithm as EcKeyAlgorithm).namedCurve as 'P-256')
      : options.curve
  )
  const cert = options.issuer
    ? await x509.X509CertificateGenerator.create({
        serialNumber,
        subject: options.name,
        issuer: options.issuer.name,
        publicKey: keys.publicKey,
        signingKey: options.issuer.webKeys.privateKey,
        signingAlgorithm,
        extensions: [
          ...extensions,
          await x509.AuthorityKeyIdentifierExtension.create(options.issuer.webKeys.publicKey)
        ],
        ...validity
      })
    : await x509.X509CertificateGenerator.createSelfSigned({
        serialNumber,
        name: options.name,
        keys,
        signingAlgorithm,
        extensions,
        ...validity
      })
  const der = Buffer.from(cert.rawData)
  return {
    der,
    pem: cert.toString('pem'),
    privateKey: KeyObject.from(keys.privateKey),
    webKeys: keys,
    name: options.name
  }
}

const notaryPayload = (digest: string, size: number): Buffer =>
  Buffer.from(JSON.stringify({ targetArtifact: { mediaType: OCI_MANIFEST, digest, size } }))

interface NotationHeaders {
  scheme: 'notary.x509' | 'notary.x509.signingAuthority'
  time: Date
  expiry?: Date
  extra?: Record<string, string>
  extraCritical?: string[]
}

async function jwsEnvelope(
  payload: Buffer,
  chain: Issued[],
  headers: NotationHeaders
): Promise<Buffer> {
  const timeHeader =
    headers.scheme === 'notary.x509'
      ? 'io.cncf.notary.signingTime'
      : 'io.cncf.notary.authenticSigningTime'
  const critical = [
    'io.cncf.notary.signingScheme',
    ...(headers.scheme === 'notary.x509' ? [] : [timeHeader]),
    ...(headers.expiry ? ['io.cncf.notary.expiry'] : []),
    ...(headers.extraCritical ?? [])
  ]
  const curve = (chain[0]!.webKeys.privateKey.algorithm as EcKeyAlgorithm).namedCurve
  const alg = curve === 'P-384' ? 'ES384' : 'ES256'
  const rfc3339 = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z')
  const jws = await new FlattenedSign(payload)
    .setProtectedHeader({
      alg,
      cty: 'application/vnd.cncf.notary.payload.v1+json',
      crit: critical,
      'io.cncf.notary.signingScheme': headers.scheme,
      [timeHeader]: rfc3339(headers.time),
      ...(headers.expiry ? { 'io.cncf.notary.expiry': rfc3339(headers.expiry) } : {}),
      ...headers.extra
    })
    .setUnprotectedHeader({
      x5c: chain.map((cert) => cert.der.toString('base64')),
      'io.cncf.notary.signingAgent': 'fixture-generator/1.0'
    })
    .sign(chain[0]!.privateKey, { crit: Object.fromEntries(critical.map((name) => [name, true])) })
  return Buffer.from(JSON.stringify(jws))
}

function coseEnvelope(payload: Buffer, chain: Issued[], time: Date): Buffer {
  const protectedHeader = encode(
    new Map<number | string, unknown>([
      [1, -7],
      [2, ['io.cncf.notary.signingScheme']],
      [3, 'application/vnd.cncf.notary.payload.v1+json'],
      ['io.cncf.notary.signingScheme', 'notary.x509'],
      ['io.cncf.notary.signingTime', new Tag(1, Math.floor(time.getTime() / 1000))]
    ])
  )
  const toBeSigned = encode([
    'Signature1',
    protectedHeader,
    new Uint8Array(0),
    new Uint8Array(payload)
  ])
  const signature = sign('sha256', toBeSigned, {
    key: chain[0]!.privateKey,
    dsaEncoding: 'ieee-p1363'
  })
  return Buffer.from(
    encode(
      new Tag(18, [
        protectedHeader,
        new Map([[33, chain.map((cert) => new Uint8Array(cert.der))]]),
        new Uint8Array(payload),
        new Uint8Array(signature)
      ])
    )
  )
}

// ---------------------------------------------------------------- the catalog

export async function generateSignatureFixtures(out: string): Promise<SignatureCatalog> {
  mkdirSync(out, { recursive: true })
  const images: Record<string, SignedFixture> = {}
  const add =
    (
      name: string,
      expect: SignedFixture['expect'],
      sign: (
        digest: string,
        size: number
      ) => Promise<{ referrers?: Artifact[]; tagged?: (Artifact & { tag: string })[] }>
    ) =>
    async () => {
      const manifest = imageManifest(name)
      const digest = sha256(manifest)
      const made = await sign(digest, Buffer.byteLength(manifest))
      images[name] = {
        repositoryName: `team/${name}`,
        tag: 'v1',
        manifest,
        expect,
        referrers: made.referrers ?? [],
        tagged: made.tagged ?? []
      }
    }
  const cosignKey = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const otherKey = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const kmsKey = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const kmsId = randomUUID()
  const pem = (key: KeyObject) => key.export({ type: 'spki', format: 'pem' }).toString()

  // Keyless: the mock's clock a minute ahead of its roots' creation, so the roots cover it.
  const stack = await startSigstore(new Date(Date.now() + 60_000))
  const notationCa = await certificate({
    name: 'CN=Acme Notation Root, O=Acme, ST=WA, C=US',
    curve: 'P-256',
    ca: true
  })
  const release = await certificate({
    name: `CN=release, O=Acme, ST=WA, C=US`,
    curve: 'P-256',
    issuer: notationCa,
    ca: false
  })
  const intruder = await certificate({
    name: 'CN=intruder, O=Acme, ST=WA, C=US',
    curve: 'P-256',
    issuer: notationCa,
    ca: false
  })
  const expired = await certificate({
    name: 'CN=release, O=Acme, ST=WA, C=US',
    curve: 'P-256',
    issuer: notationCa,
    ca: false,
    notBefore: new Date('2020-01-01T00:00:00Z'),
    notAfter: new Date('2021-01-01T00:00:00Z')
  })
  const signerRoot = await certificate({
    name: 'CN=AWS Signer Fixture Root, O=Amazon Web Services, ST=WA, C=US',
    curve: 'P-384',
    ca: true
  })
  const signerIntermediate = await certificate({
    name: 'CN=AWS Signer Fixture Intermediate, O=Amazon Web Services, ST=WA, C=US',
    curve: 'P-384',
    issuer: signerRoot,
    ca: true
  })
  const signerLeaf = await certificate({
    name: 'CN=AWS Signer, O=Amazon Web Services, ST=WA, C=US',
    curve: 'P-384',
    issuer: signerIntermediate,
    ca: false
  })
  const signerChain = [signerLeaf, signerIntermediate, signerRoot]
  const profileVersion = `${SIGNER_PROFILE}/a1B2c3D4e5`
  const revokedVersion = `${SIGNER_PROFILE}/Z9y8X7w6V5`
  const awsHeaders = (version: string): NotationHeaders => ({
    scheme: 'notary.x509.signingAuthority',
    time: SIGNING_TIME,
    expiry: FAR_AHEAD,
    extra: {
      'io.cncf.notary.verificationPlugin': 'com.amazonaws.signer.notation.plugin',
      'com.amazonaws.signer.signingProfileVersion': version,
      'com.amazonaws.signer.signingJob': `arn:aws:signer:us-east-1:123456789012:/signing-jobs/${randomUUID()}`
    },
    extraCritical: [
      'io.cncf.notary.verificationPlugin',
      'com.amazonaws.signer.signingProfileVersion',
      'com.amazonaws.signer.signingJob'
    ]
  })
  const notationReferrer = (
    digest: string,
    size: number,
    envelope: Buffer,
    mediaType = 'application/jose+json'
  ) => referrer(digest, size, NOTARY_TYPE, { mediaType, blob: envelope })
  const bundleReferrer = (digest: string, size: number, bundle: Buffer) =>
    referrer(
      digest,
      size,
      BUNDLE_TYPE,
      { mediaType: BUNDLE_TYPE, blob: bundle },
      {
        'dev.sigstore.bundle.content': 'dsse-envelope',
        'dev.sigstore.bundle.predicateType': SIGN_PREDICATE
      }
    )
  const otherDigest = sha256('another image')
  try {
    const steps = [
      add('signed-cosign-key', { kind: 'cosign', outcome: 'verified' }, (digest) => {
        const payload = simpleSigningPayload(digest)
        return Promise.resolve({
          tagged: [sigTag(digest, payload, ecdsaSign(cosignKey.privateKey, payload))]
        })
      }),
      add('signed-cosign-kms', { kind: 'cosign', outcome: 'verified' }, (digest) => {
        const payload = simpleSigningPayload(digest)
        return Promise.resolve({
          tagged: [sigTag(digest, payload, ecdsaSign(kmsKey.privateKey, payload))]
        })
      }),
      add(
        'signed-bundle-key',
        { kind: 'sigstore-bundle', outcome: 'verified' },
        async (digest, size) => ({
          referrers: [bundleReferrer(digest, size, await keyBundle(cosignKey, digest))]
        })
      ),
      add(
        'signed-keyless',
        { kind: 'sigstore-bundle', outcome: 'verified' },
        async (digest, size) => ({
          referrers: [
            bundleReferrer(digest, size, await keylessBundle(stack, digest, KEYLESS_IDENTITY))
          ]
        })
      ),
      add('signed-notation', { kind: 'notation', outcome: 'verified' }, async (digest, size) => ({
        referrers: [
          notationReferrer(
            digest,
            size,
            await jwsEnvelope(notaryPayload(digest, size), [release, notationCa], {
              scheme: 'notary.x509',
              time: SIGNING_TIME
            })
          )
        ]
      })),
      add('signed-notation-cose', { kind: 'notation', outcome: 'verified' }, (digest, size) =>
        Promise.resolve({
          referrers: [
            notationReferrer(
              digest,
              size,
              coseEnvelope(notaryPayload(digest, size), [release, notationCa], SIGNING_TIME),
              'application/cose'
            )
          ]
        })
      ),
      add('signed-aws-signer', { kind: 'notation', outcome: 'verified' }, async (digest, size) => ({
        referrers: [
          notationReferrer(
            digest,
            size,
            await jwsEnvelope(notaryPayload(digest, size), signerChain, awsHeaders(profileVersion))
          )
        ]
      })),
      add('unsigned', { kind: 'none', outcome: 'no-signature' }, () => Promise.resolve({})),
      add('bad-wrong-key', { kind: 'cosign', outcome: 'wrong-key' }, (digest) => {
        const payload = simpleSigningPayload(digest)
        return Promise.resolve({
          tagged: [sigTag(digest, payload, ecdsaSign(otherKey.privateKey, payload))]
        })
      }),
      add('bad-tampered', { kind: 'cosign', outcome: 'wrong-key' }, (digest) => {
        const signed = simpleSigningPayload(digest)
        const tampered = Buffer.from(
          signed.toString('utf8').replace('"optional":null', '"optional":{"approved":true}')
        )
        return Promise.resolve({
          tagged: [sigTag(digest, tampered, ecdsaSign(cosignKey.privateKey, signed))]
        })
      }),
      add('bad-other-digest', { kind: 'cosign', outcome: 'other-digest' }, (digest) => {
        const payload = simpleSigningPayload(otherDigest)
        return Promise.resolve({
          tagged: [sigTag(digest, payload, ecdsaSign(cosignKey.privateKey, payload))]
        })
      }),
      add(
        'bad-keyless-identity',
        { kind: 'sigstore-bundle', outcome: 'untrusted-identity' },
        async (digest, size) => ({
          referrers: [
            bundleReferrer(
              digest,
              size,
              await keylessBundle(
                stack,
                digest,
                'https://github.com/someone-else/fork/.github/workflows/release.yml@refs/heads/main'
              )
            )
          ]
        })
      ),
      add(
        'bad-keyless-other-digest',
        { kind: 'sigstore-bundle', outcome: 'other-digest' },
        async (digest, size) => ({
          referrers: [
            bundleReferrer(digest, size, await keylessBundle(stack, otherDigest, KEYLESS_IDENTITY))
          ]
        })
      ),
      add(
        'bad-notation-identity',
        { kind: 'notation', outcome: 'untrusted-identity' },
        async (digest, size) => ({
          referrers: [
            notationReferrer(
              digest,
              size,
              await jwsEnvelope(notaryPayload(digest, size), [intruder, notationCa], {
                scheme: 'notary.x509',
                time: SIGNING_TIME
              })
            )
          ]
        })
      ),
      add(
        'bad-notation-expired',
        { kind: 'notation', outcome: 'certificate-expired' },
        async (digest, size) => ({
          referrers: [
            notationReferrer(
              digest,
              size,
              await jwsEnvelope(notaryPayload(digest, size), [expired, notationCa], {
                scheme: 'notary.x509',
                time: new Date('2020-06-01T00:00:00Z')
              })
            )
          ]
        })
      ),
      add(
        'bad-notation-other-digest',
        { kind: 'notation', outcome: 'other-digest' },
        async (digest, size) => ({
          referrers: [
            notationReferrer(
              digest,
              size,
              await jwsEnvelope(notaryPayload(otherDigest, size), [release, notationCa], {
                scheme: 'notary.x509',
                time: SIGNING_TIME
              })
            )
          ]
        })
      ),
      add(
        'bad-notation-tampered',
        { kind: 'notation', outcome: 'bad-signature' },
        async (digest, size) => {
          const envelope = JSON.parse(
            (
              await jwsEnvelope(notaryPayload(otherDigest, size), [release, notationCa], {
                scheme: 'notary.x509',
                time: SIGNING_TIME
              })
            ).toString()
          ) as { payload: string }
          envelope.payload = notaryPayload(digest, size).toString('base64url')
          return {
            referrers: [notationReferrer(digest, size, Buffer.from(JSON.stringify(envelope)))]
          }
        }
      ),
      add(
        'bad-aws-signer-revoked',
        { kind: 'notation', outcome: 'revoked' },
        async (digest, size) => ({
          referrers: [
            notationReferrer(
              digest,
              size,
              await jwsEnvelope(
                notaryPayload(digest, size),
                signerChain,
                awsHeaders(revokedVersion)
              )
            )
          ]
        })
      )
    ]
    for (const step of steps) await step()
  } finally {
    await stack.close()
  }
  const catalog: SignatureCatalog = {
    signingTime: SIGNING_TIME.toISOString(),
    images,
    kms: [
      {
        keyId: kmsId,
        arn: `arn:aws:kms:us-east-1:123456789012:key/${kmsId}`,
        alias: 'alias/cosign',
        publicKey: kmsKey.publicKey.export({ type: 'spki', format: 'der' }).toString('base64')
      }
    ],
    revokedProfileVersions: [revokedVersion]
  }
  writeFileSync(join(out, 'catalog.json'), JSON.stringify(catalog, null, 1) + '\n')
  writeFileSync(join(out, 'cosign.pub'), pem(cosignKey.publicKey))
  writeFileSync(join(out, 'other.pub'), pem(otherKey.publicKey))
  writeFileSync(join(out, 'trusted_root.json'), JSON.stringify(stack.trustedRoot, null, 1) + '\n')
  writeFileSync(join(out, 'notation-ca.pem'), notationCa.pem + '\n')
  writeFileSync(join(out, 'aws-signer-root.pem'), signerRoot.pem + '\n')
  return catalog
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = process.argv[2] ?? SIGNATURES_DIR
  const catalog = await generateSignatureFixtures(out)
  console.log(`wrote ${Object.keys(catalog.images).length} signed images to ${out}`)
}
