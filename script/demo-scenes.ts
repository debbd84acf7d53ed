// The scenes of `npm run demo` and what each must show. Every scene states the exit code it is
// meant to end with (a gate that fails the step is expected to fail) and a few facts about its
// outputs, annotations, summary and files; script/demo.ts exits non-zero when one does not hold,
// so the demo cannot drift from what the action does. Expected values come from the fixtures.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ActionRun } from '../harness/run-action.js'
import { CONFIG_FIXTURES, SEEDED_APP } from '../server/config-fixtures.js'
import type { FaultPlan } from '../server/faults.js'
import { FIXTURES, SEED_REGISTRY_ID, SEEDED } from '../server/fixtures.js'
import { GATE_FIXTURES, SEEDED_GATES } from '../server/gate-fixtures.js'

/** What a scene's checks and extra lines see once its step has run. */
export interface SceneRun {
  run: ActionRun
  /** The step's GITHUB_WORKSPACE (and RUNNER_TEMP), holding the scene's files. */
  workspace: string
}

export interface Scene {
  title: string
  inputs: Record<string, string>
  /** Files written into the workspace before the run, by path relative to it. */
  files?: Record<string, string>
  /** Print the workspace files before the run (small ones). */
  showFiles?: boolean
  /** What the local registry does wrong on purpose during the run (cleared after it). */
  faults?: FaultPlan
  /** Outputs to print. */
  show: string[]
  /** Where the printed part of the job summary starts (the first line containing it). */
  summaryFrom?: string
  /** How many lines of the job summary to print. */
  summaryLines: number
  /** More lines to print after the outputs. */
  details?: (scene: SceneRun) => string[] | Promise<string[]>
  expected: {
    code: 0 | 1
    /** Exact values. */
    outputs?: Record<string, string>
    /** The error annotations about an id, as `title: message`, each starting with the text here. */
    errors?: string[]
    /** Text the job summary contains. */
    summary?: string[]
    /** Workspace files' exact contents after the run. */
    files?: Record<string, string>
    /** Anything else; returns what does not hold. */
    check?: (scene: SceneRun) => Promise<string[]>
  }
}

const HOST = `${SEED_REGISTRY_ID}.dkr.ecr.us-east-1.amazonaws.com`
const API_DIGEST = SEEDED.api.image.digest
const MULTI_DIGEST = SEEDED.multi.image.digest
const APP_LABELS = (
  JSON.parse(CONFIG_FIXTURES.arm64Config.text) as { config: { Labels: Record<string, string> } }
).config.Labels
const APP_REVISION = APP_LABELS['org.opencontainers.image.revision'] ?? ''

const RELEASE_LIST = [
  '# the release: one image per line',
  'team/api:v1.13.6',
  'team/web:v1',
  '',
  'team/multi:v2',
  ''
].join('\n')

const DEPLOYMENT = [
  'apiVersion: apps/v1',
  'kind: Deployment',
  'metadata:',
  '  name: shop',
  'spec:',
  '  template:',
  '    spec:',
  '      initContainers:',
  `        - name: migrate`,
  `          image: ${HOST}/team/api:v1.13.6 # same image, another entry point`,
  '      containers:',
  '        - name: web',
  `          image: "${HOST}/team/multi:v2"`,
  '        - name: proxy',
  '          image: ghcr.io/octo/sidecar:1.0',
  ''
].join('\n')

const PINNED_DEPLOYMENT = DEPLOYMENT.replace(
  `${HOST}/team/api:v1.13.6`,
  `${HOST}/team/api:v1.13.6@${API_DIGEST}`
).replace(`${HOST}/team/multi:v2`, `${HOST}/team/multi:v2@${MULTI_DIGEST}`)

/** The lines a run changed in a workspace file, as `-`/`+` pairs with their line number. */
// Helm values as `helm create` writes them, and a tag CI fills in: pinned in the tag, left alone.
const HELM_VALUES = [
  'image:',
  `  repository: ${HOST}/team/api`,
  '  pullPolicy: IfNotPresent',
  '  tag: "v1.13.6"',
  'canary:',
  `  image: ${HOST}/team/api:release-\${GIT_SHA}`,
  ''
].join('\n')

async function changedLines(
  { workspace }: SceneRun,
  path: string,
  before: string
): Promise<string[]> {
  const after = (await readFile(join(workspace, path), 'utf8')).split('\n')
  const lines = [`${path} on disk after the step, the lines that changed:`]
  before.split('\n').forEach((line, index) => {
    if (after[index] === line) return
    lines.push(`  ${String(index + 1).padStart(3)} - ${line}`)
    lines.push(`      + ${after[index] ?? '(no line)'}`)
  })
  return lines
}

/** The `referrers` output in a line per image: the kinds each has, and where they were found. */
function referrerKinds({ run }: SceneRun): string[] {
  const byId = JSON.parse(run.outputs.referrers ?? '{}') as Record<
    string,
    { kind: string; artifactType: string | null; source: string }[]
  >
  return Object.entries(byId).map(([id, found]) => {
    const kinds = found.map(
      ({ kind, artifactType, source }) =>
        `${kind} (${source === 'tag' ? 'cosign tag' : (artifactType ?? 'no artifact type')})`
    )
    return `referrers of ${id}: ${kinds.join(', ') || 'none'}`
  })
}

async function readResultsFile({ run }: SceneRun): Promise<Record<string, unknown>> {
  const path = run.outputs['results-file'] ?? ''
  return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>
}

export const scenes: Scene[] = [
  {
    title: 'Verify before deploy, pin the digest: team/api v1.13.6 and latest',
    inputs: { repository: 'team/api', 'image-ids': 'v1.13.6\nlatest' },
    show: ['digest', 'image-uri', 'digests', 'all-found'],
    summaryLines: 6,
    expected: {
      code: 0,
      outputs: { digest: API_DIGEST, 'all-found': 'true' },
      summary: ['| team/api | latest | ✅ found |']
    }
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
    summaryFrom: '| Platform | Digest |',
    summaryLines: 4,
    expected: {
      code: 0,
      outputs: { digest: MULTI_DIGEST, 'platform-digest': FIXTURES.dockerListArm64.digest }
    }
  },
  {
    title: 'A missing image fails the job (if-missing: fail): team/api v1.13.6 and v9.9.9',
    inputs: { repository: 'team/api', 'image-ids': 'v1.13.6 v9.9.9' },
    show: ['found-count', 'missing-count', 'missing', 'all-found', 'failures'],
    summaryLines: 14,
    expected: {
      code: 1,
      outputs: { missing: '["v9.9.9"]', 'all-found': 'false' },
      errors: ['team/api v9.9.9: ImageNotFound']
    }
  },
  {
    title: 'A list from a file (images: @release.txt), the complete result in results-file',
    inputs: { images: '@release.txt' },
    files: { 'release.txt': RELEASE_LIST },
    showFiles: true,
    show: ['found-count', 'digests', 'results-file'],
    summaryLines: 0,
    details: async (scene) => {
      const results = await readResultsFile(scene)
      return [`results-file holds every output in full: ${Object.keys(results).join(', ')}`]
    },
    expected: {
      code: 0,
      outputs: {
        'found-count': '3',
        digests: JSON.stringify({
          'team/api:v1.13.6': API_DIGEST,
          'team/web:v1': SEEDED.web.image.digest,
          'team/multi:v2': MULTI_DIGEST
        })
      },
      check: async (scene) => {
        const results = await readResultsFile(scene)
        const problems: string[] = []
        if (JSON.stringify(results.digests) !== scene.run.outputs.digests)
          problems.push('results-file: digests differ from the digests output')
        if (!Array.isArray(results.images) || results.images.length !== 3)
          problems.push('results-file: images does not hold the 3 images')
        return problems
      }
    }
  },
  {
    title:
      'Read the image config: team/app v4-arm64 is linux/arm64 and of the required revision; v4 is amd64 only',
    inputs: {
      repository: SEEDED_APP.repositoryName,
      'image-ids': `${SEEDED_APP.tags.arm64} ${SEEDED_APP.tags.amd64}`,
      platform: 'linux/arm64',
      'require-labels': `org.opencontainers.image.revision=${APP_REVISION}`
    },
    show: ['platform-digests', 'labels'],
    summaryFrom: '| Repository |',
    summaryLines: 4,
    expected: {
      code: 1,
      outputs: {
        'platform-digest': CONFIG_FIXTURES.arm64Image.digest,
        'platform-digests': JSON.stringify({
          [SEEDED_APP.tags.arm64]: CONFIG_FIXTURES.arm64Image.digest
        })
      },
      errors: [`team/app v4: no linux/arm64 in team/app v4; it has linux/amd64`],
      summary: ['| team/app | v4-arm64 | ✅ found |', '| Revision | [`']
    }
  },
  {
    title:
      'Supply chain gate (require-referrers: signature sbom): team/signed passes, team/cosign-tagged has no SBOM',
    inputs: {
      images: 'team/signed:v1\nteam/cosign-tagged:v1',
      'require-referrers': 'signature sbom'
    },
    show: ['found-count', 'missing', 'referrers'],
    details: referrerKinds,
    summaryFrom: '| Repository |',
    summaryLines: 4,
    expected: {
      code: 1,
      outputs: { missing: '["team/cosign-tagged:v1"]' },
      errors: ['team/cosign-tagged:v1: missing sbom'],
      summary: ['✅ signed · ✅ SBOM · ✅ 1 attestation', '✅ signed · ➖ no SBOM']
    }
  },
  {
    title: 'Pin a Kubernetes manifest to digests (pin-files: k8s/*.yaml)',
    inputs: { 'pin-files': 'k8s/*.yaml' },
    files: { 'k8s/deployment.yaml': DEPLOYMENT },
    show: ['pinned-files', 'found-count'],
    summaryFrom: '### Pinned references',
    summaryLines: 3,
    details: (scene) => changedLines(scene, 'k8s/deployment.yaml', DEPLOYMENT),
    expected: {
      code: 0,
      outputs: { 'pinned-files': '["k8s/deployment.yaml"]' },
      files: { 'k8s/deployment.yaml': PINNED_DEPLOYMENT },
      summary: ['2 ECR reference(s) in 1 file(s): 2 pinned.']
    }
  },
  {
    title: 'Pin Helm values; leave a tag CI fills in alone (pin-files: chart/values.yaml)',
    inputs: { 'pin-files': 'chart/values.yaml' },
    files: { 'chart/values.yaml': HELM_VALUES },
    show: ['pinned-files', 'pins'],
    summaryFrom: '### Pinned references',
    summaryLines: 8,
    details: (scene) => changedLines(scene, 'chart/values.yaml', HELM_VALUES),
    expected: {
      code: 0,
      outputs: {
        'pinned-files': '["chart/values.yaml"]',
        pins: JSON.stringify({
          [`${HOST}/team/api:v1.13.6`]: `${HOST}/team/api:v1.13.6@${API_DIGEST}`
        })
      },
      files: {
        'chart/values.yaml': HELM_VALUES.replace('tag: "v1.13.6"', `tag: "v1.13.6@${API_DIGEST}"`)
      },
      summary: ['2 ECR reference(s) in 1 file(s): 1 pinned, 1 ⚠️ skipped.']
    }
  },
  {
    title: 'What the PR ships against prod: team/shop pr-123 and pr-100, max-size-increase 2%',
    inputs: {
      repository: 'team/shop',
      'image-ids': 'pr-123 pr-100',
      'compare-to': 'prod',
      'max-size-increase': '2%'
    },
    show: ['changed', 'changes'],
    summaryFrom: '### Changes against',
    summaryLines: 7,
    expected: {
      code: 1,
      outputs: { changed: 'true' },
      errors: [
        'team/shop pr-123: 34.6 MB → 36.1 MB (+1.52 MB, +4.4 %) against prod, more than max-size-increase 2%'
      ],
      summary: [
        '| team/shop pr-123 | 🔺 changed | 34.6 MB → 36.1 MB | +1.52 MB, +4.4 % |',
        '**Unchanged (1):** team/shop pr-100.'
      ]
    }
  },
  {
    title:
      'A registry that trickles its answer a byte every 200 ms: request-timeout 1s ends the ' +
      'attempt at 1 s, and the retry answers',
    inputs: {
      repository: 'team/api',
      'image-ids': 'v1.13.6',
      'request-timeout': '1s',
      'max-attempts': '2'
    },
    faults: { trickle: { operation: 'BatchGetImage', count: 1, intervalMs: 200 } },
    show: ['digest', 'all-found'],
    summaryLines: 0,
    expected: { code: 0, outputs: { digest: API_DIGEST, 'all-found': 'true' } }
  },
  {
    title:
      'A gate that cannot measure fails the id: team/gates missing-child names a linux/arm64 image the repository does not have',
    inputs: {
      repository: SEEDED_GATES.repositoryName,
      'image-ids': SEEDED_GATES.tags.missingChild,
      'compare-to': SEEDED_GATES.tags.multi,
      'max-size-increase': '10%'
    },
    show: ['changes'],
    summaryFrom: '| Repository | Image | Code |',
    summaryLines: 3,
    expected: {
      code: 1,
      errors: [
        `team/gates missing-child: linux/arm64/v8: size not compared with multi, so ` +
          `max-size-increase 10% cannot be checked: the image's linux/arm64/v8 manifest ` +
          `${GATE_FIXTURES.unpushedArm64.digest}: not in the repository (ImageNotFound`
      ],
      summary: ['| team/gates | missing-child | `SizeNotComparable` |']
    }
  }
]

/** The error annotations about an id (the step's closing line has no title), as `title: message`. */
function idErrors(run: ActionRun): string[] {
  return run.annotations
    .filter((annotation) => annotation.level === 'error' && annotation.title !== undefined)
    .map((annotation) => `${annotation.title}: ${annotation.message}`)
}

/** What in `scene.expected` the run does not show; empty when the scene behaved as intended. */
export async function checkScene(scene: Scene, sceneRun: SceneRun): Promise<string[]> {
  const { run, workspace } = sceneRun
  const { expected } = scene
  const problems: string[] = []
  if (run.code !== expected.code) problems.push(`exit code ${run.code}, expected ${expected.code}`)
  if (run.stderr.trim() !== '') problems.push(`stderr: ${run.stderr.trim()}`)
  for (const [name, value] of Object.entries(expected.outputs ?? {})) {
    if (run.outputs[name] !== value)
      problems.push(`output ${name} is ${run.outputs[name] ?? '(not set)'}, expected ${value}`)
  }
  const errors = idErrors(run)
  const wanted = expected.errors ?? []
  if (errors.length !== wanted.length || wanted.some((text, i) => !errors[i]?.startsWith(text)))
    problems.push(`errors ${JSON.stringify(errors)}, expected ${JSON.stringify(wanted)}`)
  if (expected.code === 0 && run.annotations.some((annotation) => annotation.level === 'error'))
    problems.push('an error annotation in a step meant to succeed')
  for (const text of expected.summary ?? [])
    if (!run.summary.includes(text)) problems.push(`the job summary lacks ${JSON.stringify(text)}`)
  for (const [path, text] of Object.entries(expected.files ?? {})) {
    const actual = await readFile(join(workspace, path), 'utf8').catch(() => undefined)
    if (actual !== text) problems.push(`${path} does not hold the expected text after the step`)
  }
  if (expected.check) problems.push(...(await expected.check(sceneRun)))
  return problems
}
