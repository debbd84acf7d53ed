// The floor `npm run bench` measures the action's cold start against: the least a script that
// asks ECR about one image with the AWS SDK can do. One ECRClient (default credential chain,
// region and AWS_ENDPOINT_URL_ECR from the environment, as the action's client), one
// BatchGetImage, the result printed. bench.ts bundles it with the project's own ncc and flags,
// into a temporary folder, and checks every run's output.
import { BatchGetImageCommand, ECRClient } from '@aws-sdk/client-ecr'

const client = new ECRClient({})
const result = await client.send(
  new BatchGetImageCommand({
    repositoryName: process.env.FLOOR_REPOSITORY,
    imageIds: [{ imageTag: process.env.FLOOR_TAG }],
    acceptedMediaTypes: (process.env.FLOOR_ACCEPTED ?? '').split(',')
  })
)
console.log(
  JSON.stringify({
    digests: (result.images ?? []).map((image) => image.imageId?.imageDigest),
    failures: result.failures ?? []
  })
)
