// Jest globalSetup: the end-to-end tests run dist/index.js, so `npm test` must never run them
// against a bundle older than its sources. When any file under src/ (or package-lock.json) is
// newer than dist/index.js, or dist/index.js is missing, rebuild it first.
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = fileURLToPath(new URL('../', import.meta.url))
const BUNDLE = join(ROOT, 'dist', 'index.js')

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

export default function globalSetup() {
  const built = mtime(BUNDLE)
  const input = newestInput()
  if (built !== undefined && built >= input.mtimeMs) return
  const reason =
    built === undefined
      ? 'dist/index.js is missing'
      : `${input.path.slice(ROOT.length)} is newer than dist/index.js`
  process.stdout.write(`\n${reason}: rebuilding dist/ (npm run build) before the tests.\n`)
  const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, encoding: 'utf8' })
  if (build.status !== 0) {
    process.stderr.write(`${build.stdout ?? ''}${build.stderr ?? ''}`)
    throw new Error(
      `npm run build failed (exit ${build.status ?? build.signal}); the tests need dist/index.js`
    )
  }
}
