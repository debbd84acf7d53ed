// `npm run bench` (= `tsx bench/bench.ts [--dist dist] [--runs 9] [--out bench/results.json]
// [--cases 1,2,3,4,5,6] [--compile-cache]`): how fast the bundle starts and how it scales, against
// the local ECR server on loopback, with `dist/index.js` run as the runner runs it (node 24, INPUT_*
// variables, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, a clean environment). Every figure is a
// median; each ratio's two sides are run alternately (ABAB…) so machine noise hits both. Prints a
// table and writes it, with the machine, as JSON. bench/README.md says what each figure means.
//
// The server runs in this process (startEcrServer): the images are set up with putImage, the calls
// it saw are read from `server.calls`, and latency is injected through `server.faults`. While a
// child runs, this process does nothing but wait for it, so the event loop is the server's alone;
// the CPU the server spends answering is the same for both sides of every ratio.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { cpus, platform, release, tmpdir, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { createStepDirectory, stepEnvironment } from '../harness/run-action.js'
import { parseOutputFile } from '../harness/workflow-commands.js'
import { startEcrServer, type EcrServer } from '../server/ecr-server.js'
import { manifestDigest } from '../server/store.js'
import { DEFAULT_CONCURRENCY } from '../src/ecr/calls.js'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
/** The runtime action.yml declares (node24), from the `node` dev dependency. */
const NODE = join(ROOT, 'node_modules', 'node', 'bin', 'node')
/** Debian's awscli (2.9), not whatever `aws` comes first on PATH. */
const AWS = '/usr/bin/aws'
/** GNU time: the peak RSS of the child it runs (getrusage of its children). */
const TIME = '/usr/bin/time'

const { values: args } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    runs: { type: 'string', default: '9' },
    out: { type: 'string', default: 'bench/results.json' },
    cases: { type: 'string', default: '1,2,3,4,5,6' },
    'compile-cache': { type: 'boolean', default: false },
    /** A node flag for the action's runs only (diagnosis: `--node-flag=--max-semi-space-size=1`). */
    'node-flag': { type: 'string', multiple: true, default: [] }
  }
})

/** ncc's flags in `npm run build`, so the SDK-only script is bundled as the action is. */
const NCC_FLAGS = ['--minify', '--target', 'es2022']

const DIST = resolve(ROOT, args.dist)
const ENTRY = join(DIST, 'index.js')
const RUNS = Number(args.runs)
const CASES = new Set(args.cases.split(',').map((value) => Number(value.trim())))
if (!Number.isInteger(RUNS) || RUNS < 7)
  throw new Error(`--runs must be an integer ≥ 7 (median of at least 7), got ${args.runs}`)
for (const [path, what] of [
  [NODE, 'node 24 (the `node` dev dependency: npm ci)'],
  [ENTRY, `the bundle (${args.dist}/index.js: npm run build)`],
  ...(CASES.has(2) ? [[AWS, "Debian's awscli (apt-get install awscli)"]] : []),
  ...(CASES.has(4) || CASES.has(6) ? [[TIME, 'GNU time (apt-get install time)']] : [])
] as const) {
  if (!existsSync(path)) throw new Error(`Missing ${path}: ${what}`)
}

/** The media types the action asks for by default, given to the CLI too so both ask the same. */
const ACCEPTED = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.v1+json'
]
const REGION = 'us-east-1'
const LATENCY_MS = 20
const ONE_REPOSITORY = 'bench/hundred'
const FANOUT_REPOSITORIES = Array.from({ length: 10 }, (_, index) => `bench/fanout-${index}`)
const SCALE_REPOSITORIES = Array.from({ length: 100 }, (_, index) => `bench/scale-${index}`)
/** Threads the split SDK-only run of case 6 deals its calls over: both cores of a 2-core runner. */
const SPLIT_THREADS = 2
const tags = (count: number) => Array.from({ length: count }, (_, index) => `v1.0.${index}`)

// ---------------------------------------------------------------------------------------------
// Images

const hex = (text: string) => manifestDigest(text).slice('sha256:'.length)

/** A Docker schema 2 manifest unique to repository:tag (~1 kB, three layers), as a build pushes. */
function imageManifest(repository: string, tag: string): string {
  const layer = (index: number, size: number) => ({
    mediaType: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
    size,
    digest: `sha256:${hex(`${repository}:${tag}:layer${index}`)}`
  })
  return JSON.stringify(
    {
      schemaVersion: 2,
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      config: {
        mediaType: 'application/vnd.docker.container.image.v1+json',
        size: 7023,
        digest: `sha256:${hex(`${repository}:${tag}:config`)}`
      },
      layers: [layer(0, 31_417_862), layer(1, 1_065_420), layer(2, 7_340_512)]
    },
    null,
    3
  )
}

function pushImages(server: EcrServer, repository: string, count: number): void {
  server.createRepository(repository)
  for (const tag of tags(count)) {
    server.putImage({ repositoryName: repository, manifest: imageManifest(repository, tag), tag })
  }
}

// ---------------------------------------------------------------------------------------------
// Running things

interface Sample {
  wallMs: number
  /** Peak RSS in KiB, when run under GNU time. */
  maxRssKiB?: number
  stdout: string
  /** GITHUB_OUTPUT as the runner would read it (action runs only). */
  outputs: Record<string, string>
  /** BatchGetImage calls the server saw during the run. */
  calls: number
}

interface Command {
  label: string
  argv: string[]
  /** INPUT_* for an action run; the step's files and a clean environment are added. */
  inputs?: Record<string, string>
  /** More environment variables (the SDK-only script's request). */
  env?: Record<string, string>
  /** Throws when the run did not do its job: a fast failure must never pass for a fast run. */
  check(sample: Sample, code: number, stderr: string): void
}

const server: EcrServer = await startEcrServer()
let compileCacheDir: string | undefined

/** The runner's environment for one step, as the tests' harness builds it, for the bench's server. */
function benchEnvironment(dir: string, command: Command) {
  return stepEnvironment(dir, {
    inputs: command.inputs ?? {},
    endpoint: server.url,
    env: {
      ...command.env,
      AWS_REGION: REGION,
      AWS_PAGER: '',
      // os.tmpdir() of the run: a compile cache the bundle might enable in the default place
      // starts empty every run, as on a fresh hosted runner (--compile-cache measures it warm).
      TMPDIR: dir,
      NODE_COMPILE_CACHE: compileCacheDir
    }
  })
}

async function runOnce(command: Command, withRss = false): Promise<Sample> {
  const dir = await createStepDirectory('bench-')
  try {
    const env = benchEnvironment(dir, command)
    const rssFile = join(dir, 'rss')
    const argv = withRss ? [TIME, '-f', '%M', '-o', rssFile, ...command.argv] : command.argv
    server.clearCalls()
    const { code, stdout, stderr, wallMs } = await timedSpawn(argv, env, dir)
    const sample: Sample = {
      wallMs,
      stdout,
      outputs: command.inputs ? parseOutputFile(await readFile(env.GITHUB_OUTPUT!, 'utf8')) : {},
      calls: server.calls.filter((call) => call.operation === 'BatchGetImage').length
    }
    if (withRss)
      sample.maxRssKiB = Number((await readFile(rssFile, 'utf8')).trim().split('\n').pop())
    command.check(sample, code, stderr)
    return sample
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Wall time from spawn to the child's exit, stdout and stderr read as the runner reads them. */
function timedSpawn(
  argv: string[],
  env: Record<string, string>,
  cwd: string
): Promise<{ code: number; stdout: string; stderr: string; wallMs: number }> {
  return new Promise((resolvePromise, reject) => {
    const [file, ...rest] = argv as [string, ...string[]]
    let stdout = ''
    let stderr = ''
    let wallMs = 0
    const start = performance.now()
    const child = spawn(file, rest, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] })
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.on('exit', () => (wallMs = performance.now() - start))
    child.on('error', reject)
    child.on('close', (code) => resolvePromise({ code: code ?? -1, stdout, stderr, wallMs }))
  })
}

function fail(command: Command, why: string, stderr: string, stdout = ''): never {
  throw new Error(
    `${command.label}: ${why}\nstderr:\n${stderr}\nstdout (start):\n${stdout.slice(0, 2000)}`
  )
}

/** An action run that must succeed and find `expected` images in `calls` BatchGetImage calls. */
function actionRun(
  label: string,
  inputs: Record<string, string>,
  expected: number,
  calls: number
): Command {
  const command: Command = {
    label,
    argv: [NODE, ...args['node-flag'], ENTRY],
    inputs,
    check(sample, code, stderr) {
      if (code !== 0) fail(command, `exit code ${code}`, stderr, sample.stdout)
      if (sample.outputs['found-count'] !== String(expected)) {
        fail(
          command,
          `found-count ${sample.outputs['found-count']}, expected ${expected}`,
          stderr,
          sample.stdout
        )
      }
      if (sample.calls !== calls) fail(command, `${sample.calls} calls, expected ${calls}`, stderr)
    }
  }
  return command
}

const nodeBaseline: Command = {
  label: 'node -e 0',
  argv: [NODE, '-e', '0'],
  check: (sample, code, stderr) => {
    if (code !== 0) fail(nodeBaseline, `exit code ${code}`, stderr)
  }
}

function awsCliRun(repository: string, imageTags: string[]): Command {
  const command: Command = {
    label: `aws ecr batch-get-image (${imageTags.length} ids)`,
    argv: [
      AWS,
      'ecr',
      'batch-get-image',
      '--region',
      REGION,
      '--endpoint-url',
      '', // set when run: the server's URL
      '--repository-name',
      repository,
      '--accepted-media-types',
      ...ACCEPTED,
      '--output',
      'json',
      '--image-ids',
      ...imageTags.map((tag) => `imageTag=${tag}`)
    ],
    check(sample, code, stderr) {
      if (code !== 0) fail(command, `exit code ${code}`, stderr)
      const body = JSON.parse(sample.stdout) as { images: unknown[]; failures: unknown[] }
      if (body.images.length !== imageTags.length || body.failures.length !== 0) {
        fail(command, `${body.images.length} images, ${body.failures.length} failures`, stderr)
      }
      if (sample.calls !== 1) fail(command, `${sample.calls} calls, expected 1`, stderr)
    }
  }
  return command
}

/** Runs each command once unmeasured (page cache, the server's JIT), then `runs` rounds ABAB…. */
async function alternate(commands: Command[], runs: number, withRss = false): Promise<Sample[][]> {
  for (const command of commands) await runOnce(command, withRss)
  const samples: Sample[][] = commands.map(() => [])
  for (let round = 0; round < runs; round++) {
    for (const [index, command] of commands.entries()) {
      samples[index]!.push(await runOnce(command, withRss))
    }
    process.stderr.write('.')
  }
  return samples
}

// ---------------------------------------------------------------------------------------------
// Figures

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

const round = (value: number, digits: number) => Number(value.toFixed(digits))

interface Side {
  label: string
  medianMs: number
  samplesMs: number[]
}

interface Figure {
  id: number
  figure: string
  value: number
  unit: string
  target: string
  met: boolean | null
  /** The measurements behind a ratio, or the samples of a single figure. */
  detail: Record<string, unknown>
}

function side(label: string, samples: Sample[]): Side {
  const wall = samples.map((sample) => round(sample.wallMs, 1))
  return { label, medianMs: round(median(wall), 1), samplesMs: wall }
}

/**
 * A ratio of medians, with the two sides measured alternately. (The median of the per-round
 * ratios is in the detail too; with ABAB rounds the two agree within noise.)
 */
function ratio(a: Side, b: Side): { value: number; pairedMedian: number } {
  const paired = a.samplesMs.map((ms, index) => ms / (b.samplesMs[index] ?? NaN))
  return { value: round(a.medianMs / b.medianMs, 3), pairedMedian: round(median(paired), 3) }
}

const COLD_REPOSITORY = 'team/api'
const COLD_TAG = 'v1.13.6'

/**
 * bench/sdk-floor.ts bundled the usual way: ncc's CLI with the flags of `npm run build`, from the
 * same node_modules, into a temporary folder. The least the AWS SDK needs to ask for one image.
 */
async function buildSdkFloor(): Promise<string> {
  const out = await mkdtemp(join(tmpdir(), 'bench-sdk-floor-'))
  const ncc = join(ROOT, 'node_modules', '.bin', 'ncc')
  const argv = [ncc, 'build', join(ROOT, 'bench', 'sdk-floor.ts'), '-o', out, ...NCC_FLAGS, '-q']
  const { code, stderr } = await timedSpawn(argv, { PATH: process.env.PATH ?? '' }, ROOT)
  if (code !== 0) throw new Error(`Building bench/sdk-floor.ts failed:\n${stderr}`)
  return out
}

/** The SDK-only script: it must print the one digest the action finds, and make one call. */
function sdkFloorRun(dir: string, expectedDigest: () => string | undefined): Command {
  const command: Command = {
    label: 'SDK only (1 ECRClient, 1 BatchGetImage)',
    argv: [NODE, join(dir, 'index.js')],
    env: {
      FLOOR_REPOSITORY: COLD_REPOSITORY,
      FLOOR_TAG: COLD_TAG,
      FLOOR_ACCEPTED: ACCEPTED.join(',')
    },
    check(sample, code, stderr) {
      if (code !== 0) fail(command, `exit code ${code}`, stderr, sample.stdout)
      const body = JSON.parse(sample.stdout) as { digests: string[]; failures: unknown[] }
      const expected = expectedDigest()
      if (body.digests.length !== 1 || body.failures.length !== 0 || body.digests[0] !== expected)
        fail(command, `digests ${body.digests.join(' ')}, expected ${expected}`, stderr)
      if (sample.calls !== 1) fail(command, `${sample.calls} calls, expected 1`, stderr)
    }
  }
  return command
}

interface ScaleFloorOptions {
  /** Threads the calls are dealt over, an ECRClient each (default 1). */
  threads?: number
  /** Where the script also writes every image as JSON, as the action's results file holds them. */
  resultsFile?: string
}

/**
 * The SDK-only script making the 100 calls of case 6, as many at once as the action makes: from
 * one thread, dealt over several (both cores at work), or writing the images to a file as well
 * (the one large thing the action must write at any size).
 */
function sdkScaleFloorRun(dir: string, options: ScaleFloorOptions = {}): Command {
  const { threads = 1, resultsFile } = options
  const clients = threads === 1 ? '1 ECRClient' : `${threads} threads, an ECRClient each`
  const writes = resultsFile ? ', the images written to a file' : ''
  const command: Command = {
    label: `SDK only (${clients}, ${SCALE_REPOSITORIES.length} BatchGetImage, ${DEFAULT_CONCURRENCY} at once${writes})`,
    argv: [NODE, join(dir, 'index.js')],
    env: {
      FLOOR_REPOSITORIES: SCALE_REPOSITORIES.join(','),
      FLOOR_TAGS: tags(100).join(','),
      FLOOR_CONCURRENCY: String(DEFAULT_CONCURRENCY),
      FLOOR_THREADS: String(threads),
      FLOOR_ACCEPTED: ACCEPTED.join(','),
      ...(resultsFile ? { FLOOR_RESULTS_FILE: resultsFile } : {})
    },
    check(sample, code, stderr) {
      if (code !== 0) fail(command, `exit code ${code}`, stderr, sample.stdout.slice(0, 2000))
      const body = JSON.parse(sample.stdout) as { digests: string[]; failures: unknown[] }
      const digests = new Set(body.digests.filter((digest) => /^sha256:[0-9a-f]{64}$/.test(digest)))
      if (digests.size !== 10_000 || body.failures.length !== 0)
        fail(command, `${digests.size} distinct digests, expected 10,000`, stderr)
      if (sample.calls !== SCALE_REPOSITORIES.length)
        fail(command, `${sample.calls} calls, expected ${SCALE_REPOSITORIES.length}`, stderr)
      if (!resultsFile) return
      const written = JSON.parse(readFileSync(resultsFile, 'utf8')) as { images: unknown[] }
      if (written.images.length !== 10_000)
        fail(command, `${written.images.length} images in ${resultsFile}, expected 10,000`, stderr)
    }
  }
  return command
}

async function coldStart(): Promise<Figure[]> {
  const action = actionRun(
    'action, 1 image',
    { repository: COLD_REPOSITORY, 'image-ids': COLD_TAG },
    1,
    1
  )
  const floorDir = await buildSdkFloor()
  try {
    let actionDigest: string | undefined
    const check = action.check.bind(action)
    action.check = (sample, code, stderr) => {
      check(sample, code, stderr)
      actionDigest = sample.outputs.digest
    }
    const floor = sdkFloorRun(floorDir, () => actionDigest)
    const [a, b, c] = await alternate([action, floor, nodeBaseline], RUNS)
    const actionSide: NamedSide = ['action', side(action.label, a!)]
    const floorSide = side(floor.label, b!)
    const nodeSide = side(nodeBaseline.label, c!)
    return [
      ratioFigure(
        1,
        'Cold start, 1 image: action ÷ SDK-only script',
        actionSide,
        ['sdkOnly', floorSide],
        {
          atMost: 1.0
        }
      ),
      ratioFigure(
        1,
        'Cold start, 1 image: action ÷ node -e 0',
        actionSide,
        ['baseline', nodeSide],
        {
          detail: { sdkOnlyOverNode: ratio(floorSide, nodeSide).value }
        }
      )
    ]
  } finally {
    await rm(floorDir, { recursive: true, force: true })
  }
}

function hundredIdsAction(label: string): Command {
  return actionRun(label, { repository: ONE_REPOSITORY, 'image-ids': tags(100).join('\n') }, 100, 1)
}

async function versusAwsCli(): Promise<Figure> {
  const action = hundredIdsAction('action, 100 ids')
  const cli = awsCliRun(ONE_REPOSITORY, tags(100))
  cli.argv[cli.argv.indexOf('--endpoint-url') + 1] = server.url
  const [a, b] = await alternate([action, cli], RUNS)
  return ratioFigure(
    2,
    '100 ids, 1 repository: action ÷ aws ecr batch-get-image',
    ['action', side(action.label, a!)],
    ['awsCli', side(cli.label, b!)],
    { atMost: 0.2 }
  )
}

function fanoutAction(): Command {
  const images = FANOUT_REPOSITORIES.flatMap((repository) =>
    tags(100).map((tag) => `${repository}:${tag}`)
  )
  return actionRun(
    'action, 1,000 ids over 10 repositories',
    { images: images.join('\n'), 'registry-id': '123456789012', region: REGION },
    1000,
    10
  )
}

/** The BatchGetImage calls of each run: exactly `expected` in every one. */
function callsFigure(id: number, what: string, samples: Sample[], expected: number): Figure {
  const calls = samples.map((sample) => sample.calls)
  return {
    id,
    figure: `${what}, ${LATENCY_MS} ms latency: BatchGetImage calls`,
    value: median(calls),
    unit: 'calls',
    target: `= ${expected}`,
    met: calls.every((count) => count === expected),
    detail: { callsPerRun: calls }
  }
}

/** The median peak RSS of runs made under GNU time; a target in MiB, or reported only. */
function rssFigure(id: number, figure: string, samples: Sample[], targetMiB?: number): Figure {
  const kib = samples.map((sample) => sample.maxRssKiB ?? NaN)
  const mib = round(median(kib) / 1024, 1)
  return {
    id,
    figure,
    value: mib,
    unit: 'MiB',
    target: targetMiB === undefined ? '(reported)' : `≤ ${targetMiB}`,
    met: targetMiB === undefined ? null : mib <= targetMiB,
    detail: { samplesKiB: kib }
  }
}

type NamedSide = [name: string, side: Side]

/**
 * `a`'s median over `b`'s, each side in the detail under its name: against a target of at most
 * `atMost`, or reported only; `detail` adds to it (other ratios, the latency).
 */
function ratioFigure(
  id: number,
  figure: string,
  [aName, a]: NamedSide,
  [bName, b]: NamedSide,
  options: { atMost?: number; detail?: Record<string, unknown> } = {}
): Figure {
  const { atMost, detail } = options
  const { value, pairedMedian } = ratio(a, b)
  return {
    id,
    figure,
    value,
    unit: '×',
    target: atMost === undefined ? '(reported)' : `≤ ${atMost.toFixed(1)}`,
    met: atMost === undefined ? null : value <= atMost,
    detail: { [aName]: a, [bName]: b, ...detail, pairedMedian }
  }
}

async function fanout(): Promise<Figure[]> {
  const action = fanoutAction()
  const one = hundredIdsAction('action, 100 ids, 1 repository')
  server.faults.setLatency(LATENCY_MS)
  try {
    const [a, b] = await alternate([action, one], RUNS)
    return [
      callsFigure(3, '1,000 ids / 10 repositories', a!, 10),
      ratioFigure(
        3,
        `1,000 ids / 10 repositories, ${LATENCY_MS} ms latency: wall ÷ one 100-id run`,
        ['fanout', side(action.label, a!)],
        ['oneCall', side(one.label, b!)],
        { atMost: 2.0, detail: { latencyMs: LATENCY_MS } }
      )
    ]
  } finally {
    server.faults.clear()
  }
}

async function peakRss(): Promise<Figure> {
  const action = fanoutAction()
  server.faults.setLatency(LATENCY_MS)
  try {
    const [samples] = await alternate([action], RUNS, true)
    return rssFigure(4, 'Peak RSS, case 3 (GNU time %M)', samples!, 100)
  } finally {
    server.faults.clear()
  }
}

/** 10,000 ids over 100 repositories, from a file (`images: @path`): too long for an input. */
async function scale(): Promise<Figure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-scale-'))
  const file = join(dir, 'release.txt')
  const images = SCALE_REPOSITORIES.flatMap((repository) =>
    tags(100).map((tag) => `${repository}:${tag}`)
  )
  await writeFile(file, `# 10,000 images, one reference per line\n${images.join('\n')}\n`)
  const action = actionRun(
    'action, 10,000 ids over 100 repositories (@file)',
    { images: `@${file}`, 'registry-id': '123456789012', region: REGION },
    10_000,
    100
  )
  // An `@path` file is read only inside the workspace: the list's directory is the step's.
  action.env = { GITHUB_WORKSPACE: dir }
  const one = hundredIdsAction('action, 100 ids, 1 repository')
  const floorDir = await buildSdkFloor()
  const floor = sdkScaleFloorRun(floorDir)
  const writing = sdkScaleFloorRun(floorDir, { resultsFile: join(dir, 'sdk-only-images.json') })
  const split = sdkScaleFloorRun(floorDir, { threads: SPLIT_THREADS })
  server.faults.setLatency(LATENCY_MS)
  try {
    const [a, b, c, d, e] = await alternate([action, one, floor, split, writing], RUNS, true)
    const actionSide = side(action.label, a!)
    const oneCall: NamedSide = ['oneCall', side(one.label, b!)]
    const floorSide = side(floor.label, c!)
    const splitSide = side(split.label, d!)
    const writingSide = side(writing.label, e!)
    return [
      callsFigure(6, '10,000 ids / 100 repositories', a!, 100),
      ratioFigure(
        6,
        `10,000 ids / 100 repositories, ${LATENCY_MS} ms latency: wall ÷ one 100-id run`,
        ['scale', actionSide],
        oneCall,
        { atMost: 3.0, detail: { latencyMs: LATENCY_MS } }
      ),
      ratioFigure(
        6,
        `… the SDK-only script making the same ${SCALE_REPOSITORIES.length} calls ÷ one 100-id run`,
        ['sdkOnly', floorSide],
        oneCall,
        { detail: { actionOverSdkOnly: ratio(actionSide, floorSide).value } }
      ),
      ratioFigure(
        6,
        `… the same calls dealt over ${SPLIT_THREADS} threads of the SDK-only script ÷ one 100-id run`,
        ['sdkOnlySplit', splitSide],
        oneCall,
        { detail: { splitOverOneThread: ratio(splitSide, floorSide).value } }
      ),
      ratioFigure(
        6,
        '… the SDK-only script writing the 10,000 images to a file too ÷ one 100-id run',
        ['sdkOnlyWriting', writingSide],
        oneCall,
        { detail: { writingOverSdkOnly: ratio(writingSide, floorSide).value } }
      ),
      rssFigure(6, 'Peak RSS, 10,000 ids (GNU time %M)', a!, 150),
      rssFigure(6, '… peak RSS of the SDK-only script holding the same 10,000 answers', c!)
    ]
  } finally {
    server.faults.clear()
    await rm(dir, { recursive: true, force: true })
    await rm(floorDir, { recursive: true, force: true })
  }
}

async function bundleSize(): Promise<Figure> {
  const files: Record<string, number> = {}
  for (const name of (await readdir(DIST)).sort()) {
    const info = await stat(join(DIST, name))
    if (info.isFile()) files[name] = info.size
  }
  const total = Object.values(files).reduce((sum, size) => sum + size, 0)
  return {
    id: 5,
    figure: `Bundle: ${args.dist}/ (all files)`,
    value: total,
    unit: 'bytes',
    target: '(reported)',
    met: null,
    detail: { files }
  }
}

function table(figures: Figure[]): string {
  const rows = [
    ['#', 'figure', 'value', 'target', 'met?'],
    ...figures.map((figure) => [
      String(figure.id),
      figure.figure,
      `${figure.unit === 'bytes' ? figure.value.toLocaleString('en-US') : figure.value} ${figure.unit}`,
      figure.target,
      figure.met === null ? '–' : figure.met ? 'yes' : 'NO'
    ])
  ]
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)))
  return rows
    .map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join('  '))
    .join('\n')
}

async function version(argv: string[]): Promise<string> {
  const { stdout, stderr } = await timedSpawn(argv, { PATH: process.env.PATH ?? '' }, ROOT)
  return (stdout || stderr).trim().split('\n')[0] ?? ''
}

// ---------------------------------------------------------------------------------------------

try {
  if (CASES.has(2) || CASES.has(3) || CASES.has(6)) pushImages(server, ONE_REPOSITORY, 100)
  if (CASES.has(6)) for (const repository of SCALE_REPOSITORIES) pushImages(server, repository, 100)
  if (CASES.has(3) || CASES.has(4)) {
    for (const repository of FANOUT_REPOSITORIES) pushImages(server, repository, 100)
  }
  if (args['compile-cache']) compileCacheDir = await mkdtemp(join(tmpdir(), 'bench-compile-cache-'))

  const figures: Figure[] = []
  if (CASES.has(1)) figures.push(...(await coldStart()))
  if (CASES.has(2)) figures.push(await versusAwsCli())
  if (CASES.has(3)) figures.push(...(await fanout()))
  if (CASES.has(4)) figures.push(await peakRss())
  if (CASES.has(5)) figures.push(await bundleSize())
  if (CASES.has(6)) figures.push(...(await scale()))
  process.stderr.write('\n')

  const cpu = cpus()
  const result = {
    date: new Date().toISOString(),
    machine: {
      cpu: cpu[0]?.model ?? 'unknown',
      cores: cpu.length,
      memoryBytes: totalmem(),
      os: `${platform()} ${release()}`,
      nodeForAction: await version([NODE, '--version']),
      nodeForBench: process.version,
      ...(CASES.has(2) ? { awsCli: await version([AWS, '--version']) } : {})
    },
    dist: args.dist,
    runsPerFigure: RUNS,
    nodeFlags: args['node-flag'],
    compileCache: args['compile-cache']
      ? 'NODE_COMPILE_CACHE set to a directory the unmeasured first run filled (warm cache)'
      : 'off',
    figures
  }
  console.log(table(figures))
  console.log(
    `\n${result.machine.cpu}, ${result.machine.cores} cores, ` +
      `${(result.machine.memoryBytes / 2 ** 30).toFixed(1)} GiB, ${result.machine.os}, ` +
      `action on node ${result.machine.nodeForAction}, median of ${RUNS} runs`
  )
  await writeFile(resolve(ROOT, args.out), `${JSON.stringify(result, null, 2)}\n`)
  console.log(`Written to ${args.out}`)
} finally {
  await server.close()
  if (compileCacheDir) await rm(compileCacheDir, { recursive: true, force: true })
}
