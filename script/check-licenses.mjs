#!/usr/bin/env node
// Fails when dist/ bundles a dependency whose licence is outside the allow list.
//
// Usage: node script/check-licenses.mjs [path/to/licenses.txt]   (default: dist/licenses.txt)
//
// `ncc build --license licenses.txt` writes one entry per bundled package, sorted by name:
//
//   <package name>
//   <licence from its package.json, omitted when it declares none>
//   <licence text, which may contain blank lines>
//   <blank line>
//
// Exit 0: every package is allowed. Exit 1: a package is not (each one named with its licence),
// or the file is missing or unreadable as that format.
import { readFileSync } from 'node:fs'

/** Licences a bundled dependency may carry (SPDX ids, compared case-insensitively as SPDX says). */
const ALLOWED_LICENSES = ['MIT', 'ISC', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause', '0BSD']
const ALLOWED = new Set(ALLOWED_LICENSES.map((id) => id.toUpperCase()))

// An npm package name, optionally scoped: lower case, no spaces, no colons.
const PACKAGE_NAME = /^(@[a-z0-9~][a-z0-9._~-]*\/)?[a-z0-9~][a-z0-9._~-]*$/
// A line that can be an SPDX expression (`MIT`, `(MIT OR Apache-2.0)`, `Apache-2.0 WITH x`).
const EXPRESSION_LINE = /^[A-Za-z0-9.+\-() ]+$/

/**
 * Splits ncc's licenses.txt into its entries. A candidate header is a package-name line that
 * starts a paragraph; licence texts can have such lines too ("end" alone, say). ncc sorts the
 * entries by name, so the headers are the longest run of candidates in increasing order, which
 * leaves out a stray word unless it happens to fit the order (then it is reported, never hidden).
 * `license` is undefined when the entry declares none.
 * @param {string} text
 * @returns {{ name: string, license: string | undefined }[]}
 */
function parseLicensesFile(text) {
  const lines = text.replace(/\r\n/g, '\n').split('\n')
  const candidates = []
  lines.forEach((line, index) => {
    const startsParagraph = index === 0 || lines[index - 1]?.trim() === ''
    if (!startsParagraph || !PACKAGE_NAME.test(line)) return
    const next = lines[index + 1]?.trim() ?? ''
    candidates.push({ name: line, license: EXPRESSION_LINE.test(next) ? next : undefined })
  })
  return longestIncreasingRun(candidates)
}

/**
 * The longest subsequence of entries whose names strictly increase (first one on ties).
 * @template {{ name: string }} T
 * @param {T[]} entries
 * @returns {T[]}
 */
function longestIncreasingRun(entries) {
  // length[i]: longest run ending at entries[i]; previous[i]: the entry before it in that run.
  const length = entries.map(() => 1)
  const previous = entries.map(() => -1)
  entries.forEach((entry, i) => {
    for (let j = 0; j < i; j++) {
      if (entries[j].name < entry.name && length[j] + 1 > length[i]) {
        length[i] = length[j] + 1
        previous[i] = j
      }
    }
  })
  let last = length.indexOf(Math.max(0, ...length))
  const run = []
  for (; last >= 0; last = previous[last]) run.unshift(entries[last])
  return run
}

/**
 * Splits an SPDX expression into parentheses and words.
 * @param {string} expression
 * @returns {string[]}
 */
function tokenize(expression) {
  return expression.replace(/[()]/g, ' $& ').trim().split(/\s+/)
}

/**
 * Whether an SPDX licence expression is allowed: an id must be on the allow list, `A OR B` needs
 * one allowed branch, `A AND B` needs both, `A WITH exception` is judged by A (an exception only
 * adds permissions), `A+` by A. Anything that does not parse is not allowed.
 * @param {string} expression
 * @returns {boolean}
 */
function isExpressionAllowed(expression) {
  const tokens = tokenize(expression)
  let position = 0
  const peek = () => tokens[position]
  const take = () => tokens[position++]

  /** @returns {boolean} */
  const parseOr = () => {
    let allowed = parseAnd()
    while (peek() === 'OR') {
      take()
      allowed = parseAnd() || allowed
    }
    return allowed
  }
  /** @returns {boolean} */
  const parseAnd = () => {
    let allowed = parseTerm()
    while (peek() === 'AND') {
      take()
      allowed = parseTerm() && allowed
    }
    return allowed
  }
  /** @returns {boolean} */
  const parseTerm = () => {
    const token = take()
    if (token === '(') {
      const allowed = parseOr()
      if (take() !== ')') throw new SyntaxError(`unbalanced parentheses in "${expression}"`)
      return allowed
    }
    if (token === undefined || ['OR', 'AND', 'WITH', ')'].includes(token)) {
      throw new SyntaxError(`unexpected "${token ?? 'end'}" in "${expression}"`)
    }
    if (peek() === 'WITH') {
      take()
      if (take() === undefined) throw new SyntaxError(`WITH without exception in "${expression}"`)
    }
    return ALLOWED.has(token.replace(/\+$/, '').toUpperCase())
  }

  try {
    const allowed = parseOr()
    return position === tokens.length && allowed
  } catch {
    return false
  }
}

/**
 * Checks one licenses.txt and prints the verdict.
 * @param {string} path
 * @returns {number} the exit code
 */
function checkLicenses(path) {
  let text
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    console.error(
      `Cannot read ${path} (${error.code ?? error.message}); run \`npm run build\` first.`
    )
    return 1
  }
  const entries = parseLicensesFile(text)
  if (entries.length === 0 && text.trim() !== '') {
    console.error(`${path}: no package entries found; is it the file \`ncc --license\` writes?`)
    return 1
  }
  const rejected = entries.filter((entry) => !entry.license || !isExpressionAllowed(entry.license))
  if (rejected.length > 0) {
    console.error(
      `${path}: ${rejected.length} of ${entries.length} bundled packages have a licence outside ` +
        `the allow list (${ALLOWED_LICENSES.join(', ')}):`
    )
    for (const entry of rejected) {
      console.error(`  ${entry.name}: ${entry.license ?? '(no licence declared)'}`)
    }
    return 1
  }
  console.log(`${path}: all ${entries.length} bundled packages have allowed licences.`)
  return 0
}

process.exitCode = checkLicenses(process.argv[2] ?? 'dist/licenses.txt')
