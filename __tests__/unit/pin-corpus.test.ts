// pin-files over a corpus written in the shapes real projects use (fixtures/pin-corpus: Kubernetes
// manifests, Helm values, charts and templates, kustomize, compose and .env, Dockerfiles,
// Terraform, ECS and CloudFormation, CI configs, scripts and docs), with ECR references in every
// position those formats allow. Per file: exactly which references are pinned (and how), which
// are skipped or build outputs (and why); then that writing changes only the pinned bytes, that
// every YAML and JSON file still reads the same but for them, and that a second look finds every
// one pinned.
import { describe, expect, it } from '@jest/globals'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { isDeepStrictEqual } from 'node:util'
import { parseAllDocuments } from 'yaml'
import { isYamlFile } from '../../src/inputs/pin-references.js'
import { type PinEntry, type PinStatus, planPins } from '../../src/reports/pin-files.js'
import { RESOLVED, readFiles, verdictFor } from '../helpers/pin-files.js'

const ROOT = fileURLToPath(new URL('../../fixtures/pin-corpus/', import.meta.url))
const H = '123456789012.dkr.ecr.us-east-1.amazonaws.com'
const H2 = '210987654321.dkr.ecr.eu-west-1.amazonaws.com'
/** What every tag resolves to (verdictFor), which some files are already pinned to. */
const D = RESOLVED.digest
/** A digest some files are pinned to that no tag resolves to any more. */
const MOVED = 'sha256:1f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0'
const SHA512 =
  'sha512:9b71d224bd62f3785d96d46ad3ea3d73319bfbc2890caadae2dff72519673ca72323c3d99ba5c11d7c7acc6e14b8c5da0c4663475c2e5c3adef46f73bcdec043'

type Row = [line: number, status: PinStatus, before: string, reason?: string]

const TEMPLATE = (opening: string) =>
  `the tag is template syntax (${opening}), so the reference it renders is not known`
const RUNS_INTO = (opening: string) =>
  `the tag runs into template syntax (${opening}), so the reference it renders is not known`
const FOLLOWED = (char: string, what = 'the tag') =>
  `${what} is followed by ${JSON.stringify(char)}, so where it ends is unclear`
const HOST_ALONE = 'a registry host alone names no image'
const REPOSITORY_ALONE =
  'a repository with no tag or digest names no image (its tag is set elsewhere)'
const IN_URL = 'it is part of a URL, not an image reference'
const FOLDED =
  'it stands at a line break inside a YAML string folded over lines, so the reference may go on across it'
const SHARED = 'its tag is shared (an anchor or a merge) with something a pin would change too'
const ACTION = (action: string, input: string) =>
  `docker/${action}'s ${input} names what the build produces`
const BUILD_TAG = 'a build names its result with it (-t, --tag)'

const EXPECTED: Record<string, Row[]> = {
  'ci/.circleci/config.yml': [
    [6, 'unpinned', `${H}/ci/node:22`],
    [10, 'unpinned', `${H}/mirror/redis:7.2`],
    [23, 'unpinned', `${H}/ci/e2e:v2`]
  ],
  'ci/.github/workflows/deploy.yml': [
    [6, 'skipped', H, HOST_ALONE],
    [11, 'unpinned', `${H}/ci/runner:2024.06`],
    [17, 'unpinned', `${H}/mirror/postgres:16.3`],
    [21, 'unpinned', `${H}/ci/lint:v3`],
    [27, 'build-output', `${H}/shop/api`, ACTION('metadata-action', 'images')],
    [36, 'unpinned', `${H}/base/node:22-slim`],
    [38, 'build-output', `${H}/shop/api:latest`, ACTION('build-push-action', 'tags')],
    [39, 'build-output', `${H}/shop/api:\${{`, ACTION('build-push-action', 'tags')],
    [40, 'build-output', `${H}/shop/api:buildcache`, ACTION('build-push-action', 'cache-from')],
    [41, 'build-output', `${H}/shop/api:buildcache`, ACTION('build-push-action', 'cache-to')],
    [44, 'unpinned', `${H}/ci/smoke:v1`],
    [45, 'build-output', `${H}/shop/api:local`, BUILD_TAG],
    [46, 'unpinned', `${H}/shop/api:local`],
    [
      46,
      'build-output',
      `${H}/shop/api:smoke`,
      'docker tag gives it to an image: it names the result'
    ],
    [47, 'build-output', `${H}/shop/api:smoke`, 'docker push sends it: it names what is pushed'],
    [48, 'unpinned', `${H}/ci/smoke:v1`]
  ],
  'ci/.gitlab-ci.yml': [
    [2, 'skipped', H, HOST_ALONE],
    [6, 'unpinned', `${H}/ci/builder:3.4`],
    [13, 'unpinned', `${H}/ci/node:22`],
    [16, 'unpinned', `${H}/mirror/postgres:16.3`],
    [23, 'unpinned', `${H}/mirror/docker:27`],
    [24, 'unpinned', `${H}/mirror/docker:27-dind`]
  ],
  'ci/Jenkinsfile': [
    [4, 'unpinned', `${H}/ci/builder:3.4`],
    [5, 'skipped', `https://${H}`, IN_URL],
    [12, 'unpinned', `${H}/mirror/postgres:16.3`],
    [15, 'skipped', `${H}/ci/e2e:\${env.E2E_TAG}`, TEMPLATE('${')]
  ],
  'ci/buildkite/pipeline.yml': [
    [9, 'unpinned', `${H}/ci/builder:3.4`],
    [15, 'skipped', `${H}/ci/deployer:\${DEPLOYER_TAG:-1.2}`, TEMPLATE('${')]
  ],
  'ci/skaffold.yaml': [
    [5, 'skipped', `${H}/shop/api`, REPOSITORY_ALONE],
    [9, 'unpinned', `${H}/base/node:22-slim`]
  ],
  'compose/.env': [
    [2, 'unpinned', `${H}/shop/api:v1.13.6`],
    [3, 'unpinned', `${H}/shop/worker:v4`],
    [4, 'unpinned', `${H}/mirror/postgres:16.3`],
    [5, 'unpinned', `${H}/mirror/redis:7.2`],
    [6, 'skipped', H, HOST_ALONE]
  ],
  'compose/compose.prod.yaml': [
    [7, 'unpinned', `${H}/shop/web:2024.06.1`],
    [9, 'pinned', `${H}/shop/proxy:1.27@${D}`],
    [
      11,
      'skipped',
      `$\${MIGRATE_IMAGE:-${H}/shop/migrate:v2}`,
      'it is part of a longer word (after "$")'
    ]
  ],
  'compose/docker-compose.yml': [
    [9, 'unpinned', `${H}/shop/worker:v4`],
    [19, 'unpinned', `${H}/base/node:22-slim`],
    [21, 'build-output', `${H}/shop/api:ci`, 'service "api": a tag its build adds'],
    [22, 'build-output', `${H}/shop/api:\${GIT_SHA:-dev}`, 'service "api": a tag its build adds'],
    [
      24,
      'build-output',
      `${H}/shop/api:buildcache`,
      'service "api": a cache of its build (build.cache_from)'
    ],
    [
      25,
      'build-output',
      `${H}/shop/api:latest`,
      'service "api" builds it (build:), so its image: names what the build produces'
    ],
    [
      30,
      'build-output',
      `${H}/shop/web:dev`,
      'service "web" builds it (build:), so its image: names what the build produces'
    ],
    [38, 'unpinned', `${H}/mirror/postgres:16.3`]
  ],
  'docker/Dockerfile': [
    [2, 'unpinned', `${H}/base/node:22-slim`],
    [3, 'unpinned', `${H}/base/distroless:nonroot`],
    [11, 'unpinned', `${H}/base/node:22-slim`],
    [16, 'skipped', `${H}/tools/jq:\${TOOLS_TAG}`, TEMPLATE('${')],
    [19, 'unpinned', `${H}/tools/tini:0.19`],
    [22, 'unpinned', `${H}/tools/certs:2024`]
  ],
  'docker/Dockerfile.dev': [
    [1, 'by-digest', `${H}/base/node@${D}`],
    [
      2,
      'skipped',
      `${H}/base/python:3.12@${SHA512}`,
      "it already carries a sha512 digest, and pins are sha256 (ECR's)"
    ],
    [3, 'skipped', `${H}/base/go:1.22\\`, FOLLOWED('\\')],
    [5, 'skipped', `${H}/base/node:22-slim.`, FOLLOWED('.')]
  ],
  'ecs/cloudformation.yaml': [
    [13, 'skipped', `${H}/shop/api:\${ImageTag}`, TEMPLATE('${')],
    [17, 'unpinned', `${H}/shop/cron:1.4`],
    [19, 'skipped', `${H}/shop/worker`, REPOSITORY_ALONE]
  ],
  'ecs/task-definition.json': [
    [11, 'unpinned', `${H}/shop/api:v1.13.6`],
    [18, 'moved', `${H}/shop/envoy:v1.30.1@${MOVED}`],
    [23, 'by-digest', `${H}/mirror/xray@${D}`]
  ],
  'helm/api/Chart.yaml': [
    [10, 'unpinned', `${H}/team/api:v1.13.6`],
    [12, 'unpinned', `${H}/team/migrate:2024.06.1`],
    [16, 'skipped', `oci://${H}/charts`, IN_URL]
  ],
  'helm/api/templates/deployment.yaml': [
    [
      18,
      'skipped',
      `${H}/team/reloader:v0.9.0`,
      expect.stringMatching(
        /^the file is not YAML the action can read \(line \d+: .+\), so nothing in it is pinned$/
      ) as unknown as string
    ],
    [20, 'skipped', `${H}/team/tracer:{{`, TEMPLATE('{{')]
  ],
  'helm/api/values-prod.yaml': [
    [3, 'moved', `${H}/team/api:v1.13.6@${MOVED}`],
    [7, 'unpinned', `${H}/team/migrate:2024.06.1`],
    [
      11,
      'skipped',
      `${H}/team/worker:"{{ .Chart.AppVersion }}"`,
      'its tag is template syntax ({{), so the reference it renders is not known'
    ]
  ],
  'helm/api/values.yaml': [
    [11, 'unpinned', `${H}/team/api:v1.13.6`],
    [
      16,
      'skipped',
      `${H}/team/migrate`,
      "its tag is empty, so the chart's default (often its appVersion) decides what runs"
    ],
    [19, 'unpinned', `${H}/team/envoy:v1.30.1`],
    [21, 'unpinned', `${H}/team/logger:3.1.0`]
  ],
  'helm/bitnami/values.yaml': [
    [8, 'unpinned', `${H}/mirror/postgresql:16.4.0-debian-12-r0`],
    [17, 'moved', `${H}/mirror/postgres-exporter:0.15.0@${MOVED}`],
    [
      22,
      'skipped',
      `${H}/mirror/os-shell:12`,
      'its tag is read as the number 12, not as text, so what is rendered may differ (1.10 becomes 1.1); quote it'
    ],
    [28, 'by-digest', `${H}/mirror/backup@${D}`]
  ],
  'helm/umbrella/values.yaml': [
    [5, 'unpinned', `${H}/platform/gateway:v5`],
    [14, 'skipped', `${H}/platform/auth:2.7.1`, SHARED],
    [18, 'skipped', `${H}/platform/billing:2.7.1`, SHARED],
    [22, 'unpinned', `${H}/platform/gateway:v6`]
  ],
  'k8s/cronjob.yaml': [
    [14, 'unpinned', `${H}/team/report:2.4.0`],
    [19, 'skipped', `${H}/team/exporter:\${EXPORTER_TAG}`, TEMPLATE('${')],
    [28, 'unpinned', `${H2}/tools/debug:latest`],
    [31, 'unpinned', `${H2}/tools/busybox:1.36`]
  ],
  'k8s/daemonset-odd.yaml': [
    [6, 'skipped', `https://${H}/team/agent:v1`, IN_URL],
    [7, 'skipped', `registry.mirror.${H}/team/agent:v1`, 'it is part of a longer word (after ".")'],
    [13, 'skipped', `${H.toUpperCase()}/team/agent:v1`, 'the registry host is not in lower case'],
    [15, 'skipped', `${H}:443/team/proxy:v2`, FOLLOWED(':', 'the host')],
    [
      17,
      'skipped',
      `${H}/team/sidecar:v3@${SHA512}`,
      "it already carries a sha512 digest, and pins are sha256 (ECR's)"
    ],
    [
      19,
      'skipped',
      `${H}/team/shim:v4@${MOVED.toUpperCase().replace('SHA256', 'sha256')}`,
      'its sha256 digest is not written in lower case'
    ],
    [
      21,
      'skipped',
      `${H}/team/short@${MOVED.slice(0, -1)}`,
      'its sha256 digest has 63 hex digits, not 64'
    ]
  ],
  'k8s/deployment.yaml': [
    [2, 'unpinned', `${H}/team/api:v1.12.0`],
    [25, 'unpinned', `${H}/team/migrate:2024.06.1`],
    [29, 'unpinned', `${H}/team/api:v1.13.6`],
    [32, 'unpinned', `${H}/team/envoy:v1.30.1`],
    [36, 'unpinned', `${H}/team/job:nightly`],
    [40, 'pinned', `${H}/team/agent:v3@${D}`],
    [44, 'by-digest', `${H}/sec/scanner@${D}`]
  ],
  'k8s/job-args.yaml': [
    [11, 'unpinned', `${H}/ops/runner:5.1`],
    [17, 'unpinned', `${H}/team/api:v1.13.6`],
    [18, 'unpinned', `${H}/ops/once:v7`],
    [21, 'skipped', `${H}/team/a:v1`, FOLDED],
    [22, 'skipped', `${H}/team/b:v2`, FOLDED],
    [23, 'skipped', `${H}/team/c:v3`, FOLDED],
    [25, 'skipped', `--joined=${H}/team/d:v4\\`, FOLLOWED('\\')],
    [27, 'unpinned', `${H}/team/e:v5`]
  ],
  'k8s/list.yaml': [
    [11, 'unpinned', `${H}/team/one:v1`],
    [19, 'unpinned', '123456789012.dkr.ecr-fips.us-gov-west-1.amazonaws.com/team/two:v2'],
    [21, 'unpinned', '123456789012.dkr-ecr.us-east-1.on.aws/team/three:v3']
  ],
  'k8s/pod-flow.yaml': [
    [3, 'unpinned', `${H}/team/a:v1`],
    [4, 'unpinned', `${H}/team/b:v2`],
    [4, 'unpinned', `${H}/team/c:v3`],
    [5, 'skipped', `${H}/team/d:v4-{{`, RUNS_INTO('{{')]
  ],
  'k8s/statefulset.json': [
    [4, 'skipped', `https:\\/\\/${H}\\/v2\\/`, 'it is part of a longer word (after "/")'],
    [12, 'unpinned', `${H}/data/postgres:16.3`],
    [13, 'skipped', `${H}/data/seed:v2\\nexec`, FOLLOWED('\\')],
    [17, 'skipped', `${H}\\/data\\/backup:v5`, FOLLOWED('\\', 'the host')],
    [21, 'unpinned', `${H}/data/exporter:0.15.0`],
    [22, 'skipped', `${H}/data/exporter:0.15.0\\`, FOLLOWED('\\')]
  ],
  'kustomize/base/kustomization.yaml': [
    [12, 'unpinned', `${H}/shop/api:v1.13.6`],
    [15, 'unpinned', `${H}/shop/web:2024.06.1`]
  ],
  'kustomize/overlays/dev/kustomization.yaml': [
    [
      7,
      'skipped',
      `${H}/shop/api`,
      'there is no newTag, so the tag comes from the manifests kustomize edits'
    ],
    [
      8,
      'skipped',
      `${H}/shop/web`,
      'kustomize replaces it with newName "ghcr.io/shop/web", which is not an ECR repository'
    ],
    [13, 'by-digest', `${H}/shop/worker@${D}`],
    [
      16,
      'skipped',
      `${H}/shop/tools:\${TOOLS_TAG}`,
      'its newTag is template syntax (${), so the reference it renders is not known'
    ],
    [25, 'unpinned', `${H}/tools/debug:v2`]
  ],
  'kustomize/overlays/prod/kustomization.yaml': [
    [9, 'moved', `${H}/shop/api:v1.13.6@${MOVED}`],
    [10, 'unpinned', `${H}/shop/web:2024.06.1`],
    [13, 'unpinned', `${H}/shop/worker:v9`]
  ],
  'misc/Makefile': [
    [1, 'skipped', H, HOST_ALONE],
    [4, 'unpinned', `${H}/ci/lint:v3`],
    [5, 'skipped', `${H}/ci/builder:$(VERSION)`, TEMPLATE('$')],
    [12, 'build-output', `${H}/shop/api:dev`, BUILD_TAG]
  ],
  'misc/README.md': [
    [3, 'skipped', `${H}/shop/*`, FOLLOWED('/', 'the repository name')],
    [4, 'unpinned', `${H}/shop/api:v1.13.6`],
    [5, 'skipped', `${H}/shop/api:v1.12.0.`, FOLLOWED('.')],
    [7, 'skipped', `https://${H}/v2/_catalog.`, IN_URL],
    [11, 'skipped', `${H}/shop/web`, REPOSITORY_ALONE]
  ],
  'misc/deploy.sh': [
    [4, 'unpinned', `${H}/shop/api:v1.13.6`],
    [5, 'unpinned', `${H}/shop/migrate:2024.06.1`],
    [6, 'unpinned', `${H}/ci/tools:2.0`],
    [9, 'skipped', H, HOST_ALONE],
    [13, 'unpinned', `${H}/shop/api:v1.13.6`],
    [18, 'skipped', `${H}/shop/once:\${ONCE_TAG}`, TEMPLATE('${')]
  ],
  'terraform/ecs.tf': [
    [2, 'skipped', H, HOST_ALONE],
    [3, 'skipped', `${H}/shop/api`, REPOSITORY_ALONE],
    [16, 'skipped', `${H}/shop/api:\${var.api_tag}`, TEMPLATE('${')],
    [21, 'unpinned', `${H}/shop/envoy:v1.30.1`],
    [36, 'unpinned', `${H}/shop/worker:v4`],
    [41, 'skipped', `${H}/shop/sidecar:%{`, TEMPLATE('%{')]
  ],
  'terraform/variables.tf': [
    [3, 'skipped', `${H}/shop/api`, REPOSITORY_ALONE],
    [8, 'unpinned', `${H}/shop/batch:2.0.0`],
    [14, 'unpinned', `${H}/shop/cron:1.4`],
    [15, 'unpinned', '123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/shop/cron:1.4']
  ]
}

/** Every file of the corpus, relative to it with `/`, dotfiles included. */
function corpus(): Record<string, string> {
  const files: Record<string, string> = {}
  for (const entry of readdirSync(ROOT, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const path = relative(ROOT, join(entry.parentPath, entry.name)).split(sep).join('/')
    files[path] = readFileSync(join(ROOT, path), 'utf8')
  }
  return files
}

const row = (entry: PinEntry): Row =>
  entry.reason === undefined
    ? [entry.line, entry.status, entry.before]
    : [entry.line, entry.status, entry.before, entry.reason]

async function planned(files: Record<string, string>) {
  const source = await readFiles(files)
  return planPins(
    source.files,
    source.lookups.map((lookup) => verdictFor(lookup)),
    false
  )
}

/** A text with the digests a pin writes or replaces taken out: what must stay byte for byte. */
function withoutPins(text: string): string {
  return text
    .replaceAll(MOVED, D)
    .replace(new RegExp(`(?:\\r?\\n *digest: |, digest: )${D}`, 'g'), '')
    .replaceAll(`@${D}`, '')
    .replaceAll(D, '')
}

/** What a YAML or JSON file says, every string with its pinned digests taken out. */
function meaning(path: string, text: string): unknown {
  const strip = (value: unknown): unknown => {
    if (typeof value === 'string') return withoutPins(value)
    if (Array.isArray(value)) return value.map(strip)
    if (value instanceof Map) {
      const entries = [...value].filter(([key]) => key !== 'digest')
      return new Map(entries.map(([key, item]) => [strip(key), strip(item)]))
    }
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, strip(item)]))
    }
    return value
  }
  if (path.endsWith('.json')) return strip(JSON.parse(text))
  return parseAllDocuments(text).map((document) => {
    expect(document.errors).toEqual([])
    return strip(document.toJS({ mapAsMap: true }))
  })
}

describe('the pin-files corpus', () => {
  const files = corpus()

  it('holds the files the expectations name, and no other', () => {
    expect(Object.keys(files).sort()).toEqual(Object.keys(EXPECTED).sort())
  })

  it.each(Object.keys(EXPECTED).sort())('%s', async (path) => {
    const { entries } = await planned({ [path]: files[path] ?? '' })
    expect(entries.map(row)).toEqual(EXPECTED[path])
  })

  it('writes only the pinned bytes, and every file still says the same but for its pins', async () => {
    const plan = await planned(files)
    const changed = new Map(plan.changes.map((change) => [change.file.path, change.text]))
    const pinning = Object.entries(EXPECTED).filter(([, rows]) =>
      rows.some(([, status]) => status === 'unpinned' || status === 'moved')
    )
    expect([...changed.keys()].sort()).toEqual(pinning.map(([path]) => path).sort())
    for (const [path, text] of changed) {
      const before = files[path] ?? ''
      expect([path, withoutPins(text)]).toEqual([path, withoutPins(before)])
      // Each pin adds one digest, or replaces a moved one: none spliced anywhere else.
      const rows = EXPECTED[path] ?? []
      const pins = (status: PinStatus) => rows.filter((row) => row[1] === status).length
      const count = (of: string, digest: string) => of.split(digest).length - 1
      expect([path, count(text, D), count(text, MOVED)]).toEqual([
        path,
        count(before, D) + pins('unpinned') + pins('moved'),
        count(before, MOVED) - pins('moved')
      ])
      if (path.endsWith('.json') || isYamlFile(path)) {
        expect([path, isDeepStrictEqual(meaning(path, text), meaning(path, before))]).toEqual([
          path,
          true
        ])
      }
    }
  })

  it('finds every reference pinned once written, and the rest left alone as before', async () => {
    const plan = await planned(files)
    const written = { ...files }
    for (const change of plan.changes) written[change.file.path] = change.text
    const again = await planned(written)
    expect(again.changes).toEqual([])
    const statuses = (entries: PinEntry[]) =>
      entries.map((entry) => `${entry.file} ${entry.status} ${entry.reason ?? ''}`).sort()
    expect(statuses(again.entries)).toEqual(
      statuses(
        plan.entries.map((entry) =>
          entry.status === 'unpinned' || entry.status === 'moved'
            ? { ...entry, status: 'pinned' as const }
            : entry
        )
      )
    )
  })
})
