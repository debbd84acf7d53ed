// Jest globalSetup: the end-to-end tests run dist/index.js, so `npm test` must never run them
// against a bundle older than its sources, and must not spend half a minute rebuilding one that
// is not. In a git checkout whose sources (src/, package-lock.json) and dist/ are as committed,
// the committed dist/ is current when the last commit that touched dist/ is no older than the
// last that touched the sources (every commit that changes src/ commits the rebuilt dist/; CI
// rebuilds and compares), or when a rebuild from these same commits already left dist/ as it was
// (a change that did not change the bundle: noted in node_modules/.cache). Otherwise, and outside
// git, dist/ is rebuilt when any source is newer than dist/index.js, or it is missing.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const BUNDLE = join(ROOT, 'dist', 'index.js')
const SOURCES = ['src', 'package-lock.json']
/** The commits of the sources and dist/ that a rebuild left unchanged. */
const STAMP = join(ROOT, 'node_modules', '.cache', 'ecr-batch-get-image', 'dist-verified')

function mtime(path) {
  try {
    return statSync(path).mtimeMs
  } catch {
    return undefined
  }
}

/** The newest modification time of the build's inputs, and which file it is. */
function newestInput() {
  let newest = {
    path: join(ROOT, 'package-lock.json'),
    mtimeMs: mtime(join(ROOT, 'package-lock.json')) ?? 0
  }
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name)
      if (entry.isDirectory()) walk(path)
      else {
        const mtimeMs = mtime(path) ?? 0
        if (mtimeMs > newest.mtimeMs) newest = { path, mtimeMs }
      }
    }
  }
  walk(join(ROOT, 'src'))
  return newest
}

/** `git <args>` in the project, its output trimmed; undefined when git fails or is absent. */
function git(...args) {
  const result = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' })
  return result.status === 0 ? result.stdout.trim() : undefined
}

/** Whether the sources and dist/ are exactly as committed (undefined outside a checkout). */
function committed() {
  const status = git('status', '--porcelain', '--', ...SOURCES, 'dist')
  return status === undefined ? undefined : status === ''
}

/** The objects of the sources and dist/ at HEAD: what a verified rebuild is noted against. */
function committedObjects() {
  return git('rev-parse', ...[...SOURCES, 'dist'].map((path) => `HEAD:${path}`))
}

function readStamp() {
  try {
    return readFileSync(STAMP, 'utf8')
  } catch {
    return undefined
  }
}

/** Why dist/ must be rebuilt first, or undefined when it is current. */
function staleReason() {
  if (committed() === true) {
    const sources = Number(git('log', '-1', '--format=%ct', '--', ...SOURCES) ?? 0)
    const dist = Number(git('log', '-1', '--format=%ct', '--', 'dist') ?? 0)
    if (dist >= sources || readStamp() === committedObjects()) return undefined
    return 'the last commit of src/ is newer than the last commit of dist/'
  }
  const built = mtime(BUNDLE)
  if (built === undefined) return 'dist/index.js is missing'
  const input = newestInput()
  if (built >= input.mtimeMs) return undefined
  return `${input.path.slice(ROOT.length)} is newer than dist/index.js`
}

export default function globalSetup() {
  const reason = staleReason()
  if (reason === undefined) return
  process.stdout.write(`\n${reason}: rebuilding dist/ (npm run build) before the tests.\n`)
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, encoding: 'utf8' })
  if (build.status !== 0) {
    process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}`)
    throw new Error(
      `npm run build failed (exit ${build.status ?? build.signal}); the tests need dist/index.js`
    )
  }
  // The rebuild changed nothing: these commits need no rebuild again.
  const objects = committed() === true ? committedObjects() : undefined
  if (objects !== undefined) {
    mkdirSync(dirname(STAMP), { recursive: true })
    writeFileSync(STAMP, objects)
  }
}
