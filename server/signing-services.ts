// The two non-ECR AWS calls signature verification makes, answered by the local server so the
// real SDK clients work against it on loopback (AWS_ENDPOINT_URL_KMS, AWS_ENDPOINT_URL_SIGNER):
// - KMS GetPublicKey: AWS JSON 1.1, `X-Amz-Target: TrentService.GetPublicKey`, `{KeyId}` as a key
//   id, alias name, key ARN or alias ARN; the key's ARN, its DER public key (base64), KeySpec,
//   KeyUsage and SigningAlgorithms; NotFoundException, InvalidArnException, DisabledException as
//   the API reference documents them.
// - Signer GetRevocationStatus: REST JSON, `GET /revocations` with the query parameters
//   signatureTimestamp, platformId, profileVersionArn, jobArn and certificateHashes (repeated);
//   `{revokedEntities}`: those of the asked profile version and job that are revoked;
//   ValidationException (HTTP 400) for a missing or malformed parameter.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { randomUUID } from 'node:crypto'
import { EcrError } from './ecr-errors.js'
import type { SigningState } from './signature-fixtures.js'

export const KMS_TARGET_PREFIX = 'TrentService.'
export const REVOCATIONS_ROUTE = '/revocations'

/** `alias/x`, a key id, or an ARN of either, to the stored key. */
function findKey(state: SigningState, keyId: unknown) {
  if (typeof keyId !== 'string' || keyId.length < 1 || keyId.length > 2048)
    throw new EcrError(
      'ValidationException',
      "1 validation error detected: Value at 'keyId' failed to satisfy constraint: Member must have length between 1 and 2048"
    )
  if (
    keyId.startsWith('arn:') &&
    !/^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/.+$/.test(keyId)
  )
    throw new EcrError('InvalidArnException', `ARN ${keyId} is not a valid KMS ARN`)
  for (const key of state.kmsKeys.values()) {
    const alias = key.alias ? key.arn.replace(/:key\/.*$/, `:${key.alias}`) : undefined
    if ([key.keyId, key.arn, key.alias, alias].includes(keyId)) return key
  }
  throw new EcrError(
    'NotFoundException',
    keyId.startsWith('alias/') || keyId.includes(':alias/')
      ? `Alias ${keyId} is not found.`
      : `Key '${keyId}' does not exist`
  )
}

/** One KMS JSON 1.1 operation; only GetPublicKey is answered. */
export function kmsOperation(
  operation: string,
  body: Record<string, unknown>,
  state: SigningState
): unknown {
  if (operation !== 'GetPublicKey')
    throw new EcrError(
      'UnknownOperationException',
      `The operation '${operation}' is not supported by this server`
    )
  const key = findKey(state, body.KeyId)
  return {
    KeyId: key.arn,
    PublicKey: key.publicKey.toString('base64'),
    CustomerMasterKeySpec: 'ECC_NIST_P256',
    KeySpec: 'ECC_NIST_P256',
    KeyUsage: 'SIGN_VERIFY',
    SigningAlgorithms: ['ECDSA_SHA_256']
  }
}

const ARN = /^arn:aws[a-z-]*:signer:[a-z0-9-]+:\d{12}:\/[A-Za-z0-9/_-]+$/

function sendRest(
  response: ServerResponse,
  status: number,
  body: unknown,
  errorType?: string
): void {
  const text = JSON.stringify(body)
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
    ...(errorType ? { 'x-amzn-ErrorType': errorType } : {})
  })
  response.end(text)
}

/** GET /revocations, as Signer's data plane answers it. */
export function serveRevocationStatus(
  request: IncomingMessage,
  response: ServerResponse,
  state: SigningState
): void {
  const query = new URL(request.url ?? '/', 'http://localhost').searchParams
  const fail = (message: string) =>
    sendRest(response, 400, { message, code: 'ValidationException' }, 'ValidationException')
  if (request.method !== 'GET')
    return fail(`${request.method ?? ''} is not allowed on /revocations`)
  const timestamp = query.get('signatureTimestamp')
  const platformId = query.get('platformId')
  const profileVersionArn = query.get('profileVersionArn') ?? ''
  const jobArn = query.get('jobArn') ?? ''
  const hashes = query.getAll('certificateHashes')
  if (!timestamp || Number.isNaN(Date.parse(timestamp)))
    return fail('signatureTimestamp is required and must be a timestamp')
  if (!platformId) return fail('platformId is required')
  if (!ARN.test(profileVersionArn)) return fail('profileVersionArn is required and must be an ARN')
  if (!ARN.test(jobArn)) return fail('jobArn is required and must be an ARN')
  if (hashes.length === 0 || hashes.some((hash) => !/^[0-9a-f]{192}$/.test(hash)))
    return fail('certificateHashes must hold hex SHA-384 pairs (192 hex characters each)')
  const revokedEntities = [profileVersionArn, jobArn].filter((arn) => state.revoked.has(arn))
  sendRest(response, 200, { revokedEntities })
}
