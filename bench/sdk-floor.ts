// The floors `npm run bench` measures the action against: the least a script that asks ECR about
// images with the AWS SDK can do. One ECRClient (default credential chain, region and
// AWS_ENDPOINT_URL_ECR from the environment, as the action's client), then either one
// BatchGetImage of one tag (FLOOR_REPOSITORY, FLOOR_TAG: case 1), or one BatchGetImage per
// repository of FLOOR_REPOSITORIES for every tag of FLOOR_TAGS, FLOOR_CONCURRENCY at a time, as
// the action fans out (case 6); the digests printed. With FLOOR_THREADS above 1 (case 6), the
// repositories are dealt over that many threads (this one and worker threads running this same
// file), each with its own ECRClient and its share of FLOOR_CONCURRENCY, each keeping its
// answers; the workers hand back only their digests and failures, the least a split can cost.
// With FLOOR_RESULTS_FILE (case 6, one thread), the images of every answer are also written to
// that file as JSON, as the action writes them to its results file.
// bench.ts bundles it with the project's own ncc and flags, into a temporary folder, and checks
// every run's output.
import { BatchGetImageCommand, ECRClient } from '@aws-sdk/client-ecr'
import type { BatchGetImageCommandOutput, ImageFailure } from '@aws-sdk/client-ecr'
import { writeFileSync } from 'node:fs'
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'

interface Found {
  digests: (string | undefined)[]
  failures: ImageFailure[]
}

const acceptedMediaTypes = (process.env.FLOOR_ACCEPTED ?? '').split(',')
const threads = Number(process.env.FLOOR_THREADS ?? 1)

function asker(): (
  repositoryName: string | undefined,
  tags: string[]
) => Promise<BatchGetImageCommandOutput> {
  const client = new ECRClient({})
  return (repositoryName, tags) =>
    client.send(
      new BatchGetImageCommand({
        repositoryName,
        imageIds: tags.map((imageTag) => ({ imageTag })),
        acceptedMediaTypes
      })
    )
}

function found(answers: BatchGetImageCommandOutput[]): Found {
  return {
    digests: answers.flatMap((result) =>
      (result.images ?? []).map((image) => image.imageId?.imageDigest)
    ),
    failures: answers.flatMap((result) => result.failures ?? [])
  }
}

/** This thread's share of the repositories (every `threads`-th from `thread`), its answers kept. */
async function askShare(thread: number, answers: BatchGetImageCommandOutput[]): Promise<void> {
  const ask = asker()
  const repositories = (process.env.FLOOR_REPOSITORIES ?? '')
    .split(',')
    .filter((_, index) => index % threads === thread)
  const tags = (process.env.FLOOR_TAGS ?? '').split(',')
  let next = 0
  const inFlight = Math.ceil(Number(process.env.FLOOR_CONCURRENCY) / threads)
  const lanes = Array.from({ length: inFlight }, async () => {
    while (next < repositories.length) answers.push(await ask(repositories[next++], tags))
  })
  await Promise.all(lanes)
}

function worker(thread: number): Promise<Found> {
  return new Promise((resolve, reject) => {
    const started = new Worker(new URL(import.meta.url), { workerData: thread })
    started.once('message', resolve)
    started.once('error', reject)
  })
}

const answers: BatchGetImageCommandOutput[] = []
if (!isMainThread) {
  await askShare(workerData as number, answers)
  parentPort?.postMessage(found(answers))
} else if (process.env.FLOOR_REPOSITORIES) {
  const others = Array.from({ length: threads - 1 }, (_, index) => worker(index + 1))
  await askShare(0, answers)
  const all = [found(answers), ...(await Promise.all(others))]
  // What the action must write whatever the outputs' size: every image, in a results file.
  if (process.env.FLOOR_RESULTS_FILE) {
    const images = answers.flatMap((answer) => answer.images ?? [])
    writeFileSync(process.env.FLOOR_RESULTS_FILE, JSON.stringify({ images }))
  }
  console.log(
    JSON.stringify({
      digests: all.flatMap((share) => share.digests),
      failures: all.flatMap((share) => share.failures)
    })
  )
} else {
  answers.push(await asker()(process.env.FLOOR_REPOSITORY, [process.env.FLOOR_TAG ?? '']))
  console.log(JSON.stringify(found(answers)))
}
