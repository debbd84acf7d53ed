// The SDK's own retry strategy with no wait between attempts: retries are real calls to the local
// servers, never real sleeps. From the SDK's retry package (a dependency of @aws-sdk/client-ecr),
// so it is the strategy the clients run with; only the delay differs.
import { ConfiguredRetryStrategy } from '@smithy/core/retry'

export function noBackoff(maxAttempts: number): ConfiguredRetryStrategy {
  return new ConfiguredRetryStrategy(maxAttempts, 0)
}
