// The provenance inputs (issue 25), read and checked before any call: `require-provenance`, the
// build every image must have come from (one `key=value` condition a line), and
// `provenance-source`, where its signed attestations are looked for. Pure: the trusted root
// (`sigstore-trusted-root`, shared with signature verification) is read by the caller.

import { type Checked, count, fail, ok, quote } from './checked.js'
import { parseChoice } from './scalars.js'

export const PROVENANCE_INPUTS = ['require-provenance', 'provenance-source'] as const
export type ProvenanceInputName = (typeof PROVENANCE_INPUTS)[number]
export type ProvenanceInputValues = Readonly<Record<ProvenanceInputName, string>>

/** Where attestations are looked for: ECR referrers, GitHub's attestations API, or both. */
export type ProvenanceSource = 'registry' | 'github' | 'any'
export const PROVENANCE_SOURCES: readonly ProvenanceSource[] = ['registry', 'github', 'any']

/** `.github/workflows/release.yml`, and the ref of the workflow file when one was given. */
export interface WorkflowCondition {
  path: string
  ref?: string
}

/** What the build must have been: the source repository always, the rest when given. */
export interface ProvenanceConditions {
  /** `owner/name`, as GitHub spells it (compared without regard to letter case, as GitHub does). */
  repository: string
  workflow?: WorkflowCondition
  /** The git ref the build ran on (`refs/heads/main`, `refs/tags/v1.2.3`). */
  ref?: string
  /** The 40-hex commit the build ran on. */
  commit?: string
}

export interface ProvenancePolicy {
  conditions: ProvenanceConditions
  source: ProvenanceSource
}

/** GitHub's rules: an owner of 1 to 39 letters, digits and inner hyphens; a name of 1 to 100. */
export const REPOSITORY_PATTERN =
  /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}\/(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/
/** A workflow file: only `.github/workflows/` holds them (no subfolders), `.yml` or `.yaml`. */
const WORKFLOW_PATH = /^\.github\/workflows\/[A-Za-z0-9._-]+\.ya?ml$/
/** A full git ref as GitHub's OIDC token names it; no `..`, no spaces, nothing git refuses. */
const GIT_REF = /^refs\/(?:heads|tags|pull|remotes)\/(?!.*\.\.)(?!.*\/\/)[\x21-\x7e]{1,250}$/
const GIT_REF_FORBIDDEN = /[~^:?*[\\]|@\{|\.lock$|\/$|\.$/
const COMMIT = /^[0-9a-f]{40}$/
const KEYS = ['repository', 'workflow', 'ref', 'commit'] as const
type Key = (typeof KEYS)[number]
/** Conditions are a handful; past this it is not a list a person wrote. */
const MAX_LINES = 50

const isGitRef = (ref: string): boolean => GIT_REF.test(ref) && !GIT_REF_FORBIDDEN.test(ref)

function checkValue(key: Key, value: string, line: string): string | undefined {
  const where = `require-provenance: ${quote(line.slice(0, 200))}:`
  switch (key) {
    case 'repository':
      return REPOSITORY_PATTERN.test(value)
        ? undefined
        : `${where} the repository is owner/name, like acme/shop (typically \${{ github.repository }}).`
    case 'workflow': {
      const at = value.indexOf('@')
      const path = at < 0 ? value : value.slice(0, at)
      const ref = at < 0 ? undefined : value.slice(at + 1)
      if (!WORKFLOW_PATH.test(path))
        return `${where} the workflow is the file's path in the repository, like .github/workflows/release.yml, optionally with @<ref> (@refs/heads/main).`
      if (ref !== undefined && !isGitRef(ref) && !COMMIT.test(ref))
        return `${where} the workflow's ref ${quote(ref.slice(0, 100))} is neither a full git ref (refs/heads/main, refs/tags/v1) nor a 40-hex commit.`
      return undefined
    }
    case 'ref':
      return isGitRef(value)
        ? undefined
        : `${where} the ref is a full git ref, like refs/heads/main or refs/tags/v1.2.3 (typically \${{ github.ref }}).`
    case 'commit':
      return COMMIT.test(value)
        ? undefined
        : `${where} the commit is 40 lowercase hexadecimal characters (typically \${{ github.sha }}).`
  }
}

/** The conditions of `require-provenance`: one `key=value` a line, `repository` required. */
export function parseRequireProvenance(text: string): Checked<ProvenanceConditions | undefined> {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
  if (lines.length === 0) return ok(undefined)
  if (lines.length > MAX_LINES)
    return fail(`require-provenance: ${count(lines.length, 'line')}; at most ${MAX_LINES}.`)
  const problems: string[] = []
  const values = new Map<Key, string>()
  for (const line of lines) {
    const equals = line.indexOf('=')
    const key = (equals < 0 ? line : line.slice(0, equals)).trim()
    const value = equals < 0 ? '' : line.slice(equals + 1).trim()
    if (!(KEYS as readonly string[]).includes(key)) {
      problems.push(
        `require-provenance: ${quote(line.slice(0, 200))} is not a condition; write one key=value a line, the keys being ${KEYS.join(', ')}.`
      )
      continue
    }
    if (values.has(key as Key)) {
      problems.push(
        `require-provenance: ${key} is given twice (${quote(line.slice(0, 200))}); give each condition once.`
      )
      continue
    }
    const problem = checkValue(key as Key, value, line)
    if (problem) problems.push(problem)
    values.set(key as Key, value)
  }
  if (!values.has('repository'))
    problems.push(
      'require-provenance: no repository=owner/name line; the source repository is required (typically repository=${{ github.repository }}).'
    )
  if (problems.length > 0) return fail(...problems)
  const workflow = values.get('workflow')
  const at = workflow?.indexOf('@') ?? -1
  const ref = values.get('ref')
  const commit = values.get('commit')
  return ok({
    repository: values.get('repository')!,
    ...(workflow === undefined
      ? {}
      : {
          workflow:
            at < 0
              ? { path: workflow }
              : { path: workflow.slice(0, at), ref: workflow.slice(at + 1) }
        }),
    ...(ref === undefined ? {} : { ref }),
    ...(commit === undefined ? {} : { commit })
  })
}

/** Whether either provenance input is set: the gate is on, and its modules are needed. */
export function provenanceInputsSet(values: ProvenanceInputValues): boolean {
  return PROVENANCE_INPUTS.some((name) => values[name].trim() !== '')
}

/**
 * The provenance policy when `require-provenance` is set, else undefined; or every problem.
 * `githubToken` is the `github-token` input: the GitHub source needs one.
 */
export function parseProvenanceInputs(
  values: ProvenanceInputValues,
  githubToken: string
): Checked<ProvenancePolicy | undefined> {
  const conditions = parseRequireProvenance(values['require-provenance'])
  const source = parseChoice(
    'provenance-source',
    values['provenance-source'],
    PROVENANCE_SOURCES,
    'registry'
  )
  const problems = [
    ...(conditions.ok ? [] : conditions.problems),
    ...(source.ok ? [] : source.problems)
  ]
  const set = conditions.ok && conditions.value !== undefined
  if (!set && values['provenance-source'] !== '')
    problems.push(
      'provenance-source: set, but require-provenance is not; say which repository (and workflow, ref, commit) the images must be built from.'
    )
  if (set && source.ok && source.value !== 'registry' && githubToken === '')
    problems.push(
      `github-token: empty, but provenance-source is ${source.value}; GitHub's attestations API needs a token that can read the repository (attestations: read), the default \${{ github.token }} does.`
    )
  if (problems.length > 0) return fail(...problems)
  return set && source.ok
    ? ok({ conditions: conditions.value!, source: source.value })
    : ok(undefined)
}
