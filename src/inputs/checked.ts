// The small vocabulary every input parser speaks: a value, or the problems that stop it. Parsers
// collect problems instead of throwing, so one run can tell the user everything that is wrong.

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: string[] }

export function ok<T>(value: T): Checked<T> {
  return { ok: true, value }
}

export function fail(...problems: string[]): { ok: false; problems: string[] } {
  return { ok: false, problems }
}

/**
 * A list of problems gathered in a loop: never spread into a call (`failWith(problems)`), whose
 * arguments live on the stack; some 125,000 of them exceed it.
 */
export function failWith(problems: string[]): { ok: false; problems: string[] } {
  return { ok: false, problems }
}

/** The value if it is one, else undefined with its problems appended to `problems`. */
export function take<T>(checked: Checked<T>, problems: string[]): T | undefined {
  if (checked.ok) return checked.value
  for (const problem of checked.problems) problems.push(problem)
  return undefined
}

/** Every check's value, or every check's problems: one bad item does not hide the next. */
export function allOf<T>(checks: Checked<T>[]): Checked<T[]> {
  const problems: string[] = []
  const values: T[] = []
  for (const check of checks) {
    if (check.ok) values.push(check.value)
    else take(check, problems)
  }
  return problems.length > 0 ? failWith(problems) : ok(values)
}

/** A value quoted the way messages quote what the user wrote: JSON string syntax, so blanks show. */
export function quote(value: string): string {
  return JSON.stringify(value)
}

/** `1 character`, `3 characters`. */
export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

/** `the number 3`, `a list`, `null`: how a message names a value of the wrong type. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'string') return `the string ${quote(value)}`
  if (typeof value === 'object') return 'a mapping'
  switch (typeof value) {
    case 'number':
    case 'boolean':
    case 'bigint':
      return `the ${typeof value} ${String(value)}`
    default:
      return `a ${typeof value}`
  }
}

/** Splits a list input on whitespace (and commas, when `commas`), dropping the empty pieces. */
export function splitList(text: string, commas = false): string[] {
  return text.split(commas ? /[\s,]+/ : /\s+/).filter((piece) => piece !== '')
}

/** Keeps the first item of each key, in order: the same id written twice is asked once. */
export function uniqueByKey<T extends { key: string }>(items: T[]): T[] {
  const seen = new Set<string>()
  return items.filter((item) => !seen.has(item.key) && seen.add(item.key))
}

/** Each entry checked, the first of each key kept; or every problem. */
export function allUnique<T extends { key: string }>(checks: Checked<T>[]): Checked<T[]> {
  const all = allOf(checks)
  return all.ok ? ok(uniqueByKey(all.value)) : all
}
