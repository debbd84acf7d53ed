// The floors `npm run bench` measures the action against: the least a script that asks ECR about
// images with the AWS SDK can do. One ECRClient (default credential chain, region and
// AWS_ENDPOINT_URL_ECR from the environment, as the action's client), then either one
// BatchGetImage of one tag (FLOOR_REPOSITORY, FLOOR_TAG: case 1), or one BatchGetImage per
// repository of FLOOR_REPOSITORIES for every tag of FLOOR_TAGS, FLOOR_CONCURRENCY at a time, as
// the action fans out (case 6); the digests printed. bench.ts bundles it with the project's own
// ncc and flags, into a temporary folder, and checks every run's output.
import { BatchGetImageCommand, ECRClient } from '@aws-sdk/client-ecr'
import type { BatchGetImageCommandOutput } from '@aws-sdk/client-ecr'

const client = new ECRClient({})
const acceptedMediaTypes = (process.env.FLOOR_ACCEPTED ?? '').split(',')
const ask = (repositoryName: string | undefined, tags: string[]) =>
  client.send(
    new BatchGetImageCommand({
      repositoryName,
      imageIds: tags.map((imageTag) => ({ imageTag })),
      acceptedMediaTypes
    })
  )

const repositories = process.env.FLOOR_REPOSITORIES?.split(',')
const answers: BatchGetImageCommandOutput[] = []
if (repositories) {
  const tags = (process.env.FLOOR_TAGS ?? '').split(',')
  let next = 0
  const lanes = Array.from({ length: Number(process.env.FLOOR_CONCURRENCY) }, async () => {
    while (next < repositories.length) answers.push(await ask(repositories[next++], tags))
  })
  await Promise.all(lanes)
} else {
  answers.push(await ask(process.env.FLOOR_REPOSITORY, [process.env.FLOOR_TAG ?? '']))
}
console.log(
  JSON.stringify({
    digests: answers.flatMap((result) =>
      (result.images ?? []).map((image) => image.imageId?.imageDigest)
    ),
    failures: answers.flatMap((result) => result.failures ?? [])
  })
)
