// Turns what the SDK throws into a message that says what to do about it.

import type { RepositoryTarget } from '../types.js'

interface SdkErrorShape {
  name?: string
  message?: string
  code?: string
  $metadata?: { attempts?: number; httpStatusCode?: number; requestId?: string }
}

/** `team/api in registry 123456789012 (us-east-1)`, or the caller's own registry. */
export function describeTarget(target: RepositoryTarget): string {
  const registry = target.registryId
    ? `registry ${target.registryId}`
    : "the caller's own registry (no registry-id given)"
  return `repository '${target.repositoryName}' in ${registry}, region ${target.region}`
}

export function repositoryArn(target: RepositoryTarget): string {
  const partition = target.region.startsWith('cn-')
    ? 'aws-cn'
    : target.region.startsWith('us-gov-')
      ? 'aws-us-gov'
      : 'aws'
  return `arn:${partition}:ecr:${target.region}:${target.registryId ?? '<account-id>'}:repository/${target.repositoryName}`
}

export function describeCallError(error: Error, target: RepositoryTarget): string {
  const shape = error as SdkErrorShape
  const name = shape.name ?? 'Error'
  const reason = shape.message ? `${name}: ${shape.message}` : name
  const attempts = shape.$metadata?.attempts
  const tried = attempts ? ` after ${attempts} attempt${attempts === 1 ? '' : 's'}` : ''
  switch (name) {
    case 'MalformedResponseError':
      return `${shape.message ?? name} (${describeTarget(target)}); nothing in it was used.`
    case 'RepositoryNotFoundException':
      return (
        `Repository not found: ${describeTarget(target)}. Check the repository name, registry-id ` +
        `(another account's registry) and region (${reason}).`
      )
    case 'AccessDeniedException':
      return (
        `Access denied to ${describeTarget(target)}: the role needs ecr:BatchGetImage on ` +
        `${repositoryArn(target)} (pull-through cache repositories also need ` +
        `ecr:BatchImportUpstreamImage; another account's repository also needs a repository policy ` +
        `that allows it) (${reason}).`
      )
    case 'CredentialsProviderError':
      return (
        'No AWS credentials found: run aws-actions/configure-aws-credentials before this step ' +
        '(role-to-assume with `permissions: id-token: write`), or set AWS_ACCESS_KEY_ID and ' +
        `AWS_SECRET_ACCESS_KEY (${reason}).`
      )
    case 'ThrottlingException':
    case 'LimitExceededException':
      return (
        `ECR kept throttling BatchGetImage for ${describeTarget(target)}${tried}; ` +
        `raise max-attempts, run fewer jobs at once, or ask AWS for a higher BatchGetImage quota (${reason}).`
      )
    case 'InvalidParameterException':
      return `ECR rejected the request for ${describeTarget(target)} (${reason}).`
    case 'UnableToGetUpstreamImageException':
      return (
        `ECR could not pull the image from the upstream registry of the pull-through cache ` +
        `${describeTarget(target)} (${reason}).`
      )
    case 'UnrecognizedClientException':
    case 'InvalidSignatureException':
    case 'ExpiredTokenException':
      return `AWS did not accept the credentials (${reason}); refresh them with aws-actions/configure-aws-credentials.`
  }
  if (
    shape.code &&
    /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EPIPE)$/.test(shape.code)
  ) {
    return (
      `Could not reach the ECR endpoint of region ${target.region} for ${describeTarget(target)}` +
      `${tried} (${shape.code}: ${shape.message ?? ''}); check the network, proxy settings and endpoint.`
    )
  }
  if (name === 'TimeoutError') {
    return (
      `ECR did not answer in time for ${describeTarget(target)}${tried} (${reason}); raise ` +
      'request-timeout, or try again.'
    )
  }
  if ((shape.$metadata?.httpStatusCode ?? 0) >= 500) {
    return (
      `ECR answered with a server error for ${describeTarget(target)}${tried} (${reason}); it may ` +
      'be unavailable, try again.'
    )
  }
  return `BatchGetImage failed for ${describeTarget(target)}${tried} (${reason}).`
}
