// `npm run demo`: the local ECR-compatible server with the committed fixtures, and the real bundle
// dist/index.js run as the GitHub runner runs it (INPUT_* variables, GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY files, a workspace of its own), one scene per feature (script/demo-scenes.ts).
// Each scene is checked against what it is meant to show; the demo exits 1 when one is not.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { startEcrServer, type EcrServer } from '../server/ecr-server.js'
import { runAction } from '../harness/run-action.js'
import { checkScene, scenes, type Scene, type SceneRun } from './demo-scenes.js'

const bold = (text: string): string => (process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text)

/** Long outputs (JSON of every image) are cut for the screen; the step's values are whole. */
const MAX_SHOWN = 160
const clip = (value: string): string =>
  value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}… (${value.length} characters)` : value

/** `BatchGetImage ×2, ListImageReferrers ×1`: what the step asked the server. */
function callCounts(server: EcrServer): string {
  const counts = new Map<string, number>()
  for (const { operation } of server.calls) counts.set(operation, (counts.get(operation) ?? 0) + 1)
  return [...counts].map(([operation, count]) => `${operation} ×${count}`).join(', ') || 'none'
}

function printInputs(scene: Scene): void {
  console.log(`\n${bold(`▶ ${scene.title}`)}`)
  for (const [name, value] of Object.entries(scene.inputs))
    console.log(`    with.${name}: ${value.replace(/\n/g, ' | ')}`)
  if (scene.faults) console.log(`  the registry misbehaves: ${JSON.stringify(scene.faults)}`)
  if (!scene.showFiles) return
  for (const [path, text] of Object.entries(scene.files ?? {})) {
    console.log(`  workspace file ${path}:`)
    for (const line of text.trimEnd().split('\n')) console.log(`    │ ${line}`)
  }
}

async function printRun(scene: Scene, sceneRun: SceneRun, server: EcrServer): Promise<void> {
  const { run } = sceneRun
  console.log(`  exit code ${run.code} (${run.code === 0 ? 'step succeeded' : 'step failed'})`)
  console.log(`  ECR calls: ${callCounts(server)}`)
  const annotations = run.annotations.filter((annotation) => annotation.level !== 'debug')
  if (annotations.length > 0) console.log('  annotations:')
  for (const annotation of annotations) {
    const title = annotation.title ? `${annotation.title}: ` : ''
    console.log(
      `    ${annotation.level.padEnd(7)} ${title}${annotation.message.replace(/\n/g, '\n            ')}`
    )
  }
  console.log('  outputs:')
  for (const name of scene.show)
    console.log(`    ${name} = ${clip(run.outputs[name] ?? '(not set)')}`)
  for (const line of (await scene.details?.(sceneRun)) ?? []) console.log(`  ${line}`)
  if (scene.summaryLines === 0) return
  const lines = run.summary.trimEnd().split('\n')
  const start = scene.summaryFrom
    ? Math.max(
        0,
        lines.findIndex((line) => line.includes(scene.summaryFrom ?? ''))
      )
    : 0
  const shown = lines.slice(start, start + scene.summaryLines)
  console.log(`  job summary (GITHUB_STEP_SUMMARY)${start > 0 ? `, from line ${start + 1}` : ''}:`)
  for (const line of shown) console.log(`    ${line}`)
  const rest = lines.length - start - shown.length
  if (rest > 0) console.log(`    … ${rest} more lines`)
}

/** Runs one scene in a workspace of its own; returns what did not behave as intended. */
async function playScene(scene: Scene, server: EcrServer): Promise<string[]> {
  printInputs(scene)
  const workspace = await mkdtemp(join(tmpdir(), 'ecr-demo-'))
  try {
    for (const [path, text] of Object.entries(scene.files ?? {})) {
      await mkdir(dirname(join(workspace, path)), { recursive: true })
      await writeFile(join(workspace, path), text)
    }
    server.clearCalls()
    server.faults.clear().apply(scene.faults ?? {})
    const run = await runAction({
      inputs: scene.inputs,
      endpoint: server.url,
      env: { GITHUB_WORKSPACE: workspace, RUNNER_TEMP: workspace }
    }).finally(() => server.faults.clear())
    const sceneRun = { run, workspace }
    await printRun(scene, sceneRun, server)
    const problems = await checkScene(scene, sceneRun)
    if (problems.length === 0)
      console.log(`  ✔ as intended (${scene.expected.code === 0 ? 'succeeds' : 'fails the step'})`)
    else for (const problem of problems) console.log(`  ✘ not as intended: ${problem}`)
    return problems
  } finally {
    await rm(workspace, { recursive: true, force: true })
  }
}

const server = await startEcrServer()
console.log(`Local ECR-compatible server on ${server.url}, seeded with the fixtures in fixtures/.`)
console.log(
  'Each scene runs dist/index.js as the runner would, with AWS_ENDPOINT_URL_ECR pointing at it.'
)
try {
  const failed: string[] = []
  for (const scene of scenes)
    if ((await playScene(scene, server)).length > 0) failed.push(scene.title)
  if (failed.length === 0) console.log(`\nAll ${scenes.length} scenes behaved as intended.`)
  else {
    console.log(`\n${failed.length} of ${scenes.length} scene(s) did not behave as intended:`)
    for (const title of failed) console.log(`  - ${title}`)
    process.exitCode = 1
  }
} finally {
  await server.close()
}
