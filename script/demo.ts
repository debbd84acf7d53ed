// `npm run demo`: the local ECR-compatible server with the committed fixtures, and the real bundle
// dist/index.js run as the GitHub runner runs it (INPUT_* variables, GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY files), for a found image, a multi-arch image and a missing one.
import { startEcrServer } from '../server/ecr-server.js'
import { runAction } from '../harness/run-action.js'
import type { ActionRun } from '../harness/run-action.js'

interface Scene {
  title: string
  inputs: Record<string, string>
  show: string[]
  /** How many lines of the job summary to print. */
  summaryLines: number
}

const scenes: Scene[] = [
  {
    title: 'Verify before deploy, pin the digest: team/api v1.13.6 and latest',
    inputs: { repository: 'team/api', 'image-ids': 'v1.13.6\nlatest' },
    show: ['digest', 'image-uri', 'digests', 'all-found'],
    summaryLines: 6
  },
  {
    title: 'A multi-arch image, pick the linux/arm64 child: team/multi v2',
    inputs: {
      repository: 'team/multi',
      'image-ids': 'v2',
      platform: 'linux/arm64',
      'resolve-platforms': 'true'
    },
    show: ['digest', 'media-type', 'platform-digest', 'platform-image-uri'],
    summaryLines: 30
  },
  {
    title: 'A missing image fails the job (if-missing: fail): team/api v1.13.6 and v9.9.9',
    inputs: { repository: 'team/api', 'image-ids': 'v1.13.6 v9.9.9' },
    show: ['found-count', 'missing-count', 'missing', 'all-found', 'failures'],
    summaryLines: 14
  }
]

const bold = (text: string): string => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text)

function printRun(scene: Scene, run: ActionRun): void {
  console.log(`\n${bold(`▶ ${scene.title}`)}`)
  for (const [name, value] of Object.entries(scene.inputs)) {
    console.log(`    with.${name}: ${value.replace(/\n/g, ' | ')}`)
  }
  console.log(`  exit code ${run.code} (${run.code === 0 ? 'step succeeded' : 'step failed'})`)
  const annotations = run.annotations.filter((annotation) => annotation.level !== 'debug')
  if (annotations.length > 0) console.log('  annotations:')
  for (const annotation of annotations) {
    const title = annotation.title ? `${annotation.title}: ` : ''
    console.log(
      `    ${annotation.level.padEnd(7)} ${title}${annotation.message.replace(/\n/g, '\n            ')}`
    )
  }
  console.log('  outputs:')
  for (const name of scene.show) console.log(`    ${name} = ${run.outputs[name] ?? '(not set)'}`)
  console.log('  job summary (GITHUB_STEP_SUMMARY):')
  const lines = run.summary.trimEnd().split('\n')
  for (const line of lines.slice(0, scene.summaryLines)) console.log(`    ${line}`)
  if (lines.length > scene.summaryLines)
    console.log(`    … ${lines.length - scene.summaryLines} more lines`)
}

const server = await startEcrServer()
console.log(
  `Local ECR-compatible server on ${server.url}, seeded with the fixtures in fixtures/manifests/.`
)
console.log(
  'Each scene runs dist/index.js as the runner would, with AWS_ENDPOINT_URL_ECR pointing at it.'
)
try {
  for (const scene of scenes)
    printRun(scene, await runAction({ inputs: scene.inputs, endpoint: server.url }))
  console.log(`\nThe server saw ${server.calls.length} BatchGetImage call(s).`)
} finally {
  await server.close()
}
