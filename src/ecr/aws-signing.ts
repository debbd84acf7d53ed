// The two AWS calls signature verification may make besides ECR's: KMS GetPublicKey (the public
// key behind a cosign-key `awskms:///…`) and Signer GetRevocationStatus (an AWS Signer signature's
// revocation). Each SDK client, like ECR's, takes the default credential chain, its retries and its
// endpoint settings (AWS_ENDPOINT_URL_KMS, AWS_ENDPOINT_URL_SIGNER). This module, and both SDK
// clients with it, is loaded only when a KMS key or an AWS Signer profile is configured.

import { GetPublicKeyCommand, type GetPublicKeyCommandOutput, KMSClient } from '@aws-sdk/client-kms'
import {
  GetRevocationStatusCommand,
  type GetRevocationStatusCommandOutput,
  SignerClient
} from '@aws-sdk/client-signer'
import { createPublicKey, type KeyObject } from 'node:crypto'
import { errorMessage } from '../errors.js'

export interface KmsClient {
  send(command: GetPublicKeyCommand): Promise<GetPublicKeyCommandOutput>
}

export interface SignerRevocationClient {
  send(command: GetRevocationStatusCommand): Promise<GetRevocationStatusCommandOutput>
}

/** What both clients are built with: the run's attempts, and its request handler (proxies, timeouts). */
export interface AwsClientOptions {
  maxAttempts: number
  requestHandler?: KMSClient['config']['requestHandler']
  userAgent?: string
  /**
   * AWS_ENDPOINT_URL_SIGNER (or AWS_ENDPOINT_URL) is set. Signer's data-plane calls go to
   * `data-<endpoint host>`; an endpoint given explicitly is taken as the host to call, unprefixed.
   */
  endpointOverride?: boolean
}

function factory<C>(create: (region: string) => C): (region: string) => C {
  const clients = new Map<string, C>()
  return (region) => {
    const client = clients.get(region) ?? create(region)
    clients.set(region, client)
    return client
  }
}

export function kmsClients(options: AwsClientOptions): (region: string) => KMSClient {
  return factory(
    (region) =>
      new KMSClient({
        region,
        maxAttempts: options.maxAttempts,
        retryMode: 'standard',
        ...(options.requestHandler ? { requestHandler: options.requestHandler } : {}),
        ...(options.userAgent ? { customUserAgent: options.userAgent } : {})
      })
  )
}

export function signerClients(options: AwsClientOptions): (region: string) => SignerClient {
  return factory(
    (region) =>
      new SignerClient({
        region,
        ...(options.endpointOverride ? { disableHostPrefix: true } : {}),
        maxAttempts: options.maxAttempts,
        retryMode: 'standard',
        ...(options.requestHandler ? { requestHandler: options.requestHandler } : {}),
        ...(options.userAgent ? { customUserAgent: options.userAgent } : {})
      })
  )
}

const KEY_USAGE_SIGN = 'SIGN_VERIFY'

/**
 * The public key of a KMS key, as `cosign verify --key awskms:///…` reads it; or why not. A key that
 * is not for signing is refused: its public key verifies nothing cosign signed.
 */
export async function kmsPublicKey(
  client: KmsClient,
  keyId: string
): Promise<{ key: KeyObject } | { error: string }> {
  let output: GetPublicKeyCommandOutput
  try {
    output = await client.send(new GetPublicKeyCommand({ KeyId: keyId }))
  } catch (error) {
    const name = (error as { name?: string }).name ?? 'Error'
    const hint =
      name === 'AccessDeniedException' ? '; the role needs kms:GetPublicKey on the key' : ''
    return {
      error: `kms:GetPublicKey failed for ${keyId} (${name}: ${errorMessage(error)})${hint}`
    }
  }
  if (output.KeyUsage !== undefined && output.KeyUsage !== KEY_USAGE_SIGN)
    return {
      error: `the KMS key ${keyId} is for ${String(output.KeyUsage).slice(0, 40)}, not SIGN_VERIFY`
    }
  if (!output.PublicKey) return { error: `kms:GetPublicKey returned no public key for ${keyId}` }
  try {
    return {
      key: createPublicKey({ key: Buffer.from(output.PublicKey), format: 'der', type: 'spki' })
    }
  } catch (error) {
    return {
      error: `the public key KMS returned for ${keyId} does not parse (${errorMessage(error)})`
    }
  }
}

export interface RevocationInput {
  signatureTimestamp: Date
  platformId: string
  profileVersionArn: string
  jobArn: string
  certificateHashes: string[]
}

/** signer:GetRevocationStatus: the entities revoked among those asked, or why the call failed. */
export async function revocationStatus(
  client: SignerRevocationClient,
  input: RevocationInput
): Promise<{ revokedEntities: string[] } | { error: string }> {
  try {
    const output = await client.send(new GetRevocationStatusCommand(input))
    const entities = Array.isArray(output.revokedEntities) ? output.revokedEntities : []
    return {
      revokedEntities: entities.filter((entity): entity is string => typeof entity === 'string')
    }
  } catch (error) {
    const name = (error as { name?: string }).name ?? 'Error'
    return { error: `${name}: ${errorMessage(error).slice(0, 300)}` }
  }
}
