import { describe, expect, it } from '@jest/globals'
import { describeCallError, repositoryArn } from '../../src/ecr/call-errors.js'

const target = { region: 'eu-west-1', repositoryName: 'team/api' }
const sdkError = (name: string, extra: object = {}): Error =>
  Object.assign(new Error(`${name} message`), { name, ...extra })

describe('describeCallError', () => {
  it('names the permission and the repository ARN on access denied', () => {
    const message = describeCallError(sdkError('AccessDeniedException'), {
      ...target,
      registryId: '210987654321'
    })
    expect(message).toContain(
      'ecr:BatchGetImage on arn:aws:ecr:eu-west-1:210987654321:repository/team/api'
    )
  })

  it('points to configure-aws-credentials when there are no credentials', () => {
    expect(describeCallError(sdkError('CredentialsProviderError'), target)).toMatch(
      /^No AWS credentials found: run aws-actions\/configure-aws-credentials/
    )
  })

  it('names throttling and the attempts used', () => {
    const message = describeCallError(
      sdkError('ThrottlingException', { $metadata: { attempts: 5 } }),
      target
    )
    expect(message).toContain('kept throttling BatchGetImage')
    expect(message).toContain('after 5 attempts')
    expect(message).toContain('raise max-attempts')
  })

  it('explains unreachable endpoints and server errors', () => {
    expect(
      describeCallError(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }), target)
    ).toContain('Could not reach the ECR endpoint of region eu-west-1')
    expect(
      describeCallError(
        sdkError('ServerException', { $metadata: { httpStatusCode: 500, attempts: 3 } }),
        target
      )
    ).toContain('ECR answered with a server error for')
    expect(
      describeCallError(sdkError('TimeoutError', { $metadata: { attempts: 2 } }), target)
    ).toContain('ECR did not answer in time for')
  })

  it('keeps the SDK message for anything else', () => {
    expect(describeCallError(sdkError('WeirdException'), target)).toBe(
      "BatchGetImage failed for repository 'team/api' in the caller's own registry (no registry-id given), region eu-west-1 (WeirdException: WeirdException message)."
    )
  })
})

describe('repositoryArn', () => {
  it.each([
    ['us-east-1', 'arn:aws:ecr:us-east-1'],
    ['cn-north-1', 'arn:aws-cn:ecr:cn-north-1'],
    ['us-gov-west-1', 'arn:aws-us-gov:ecr:us-gov-west-1']
  ])('%s', (region, prefix) => {
    expect(repositoryArn({ region, repositoryName: 'a/b', registryId: '123456789012' })).toBe(
      `${prefix}:123456789012:repository/a/b`
    )
  })
})
