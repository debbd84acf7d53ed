// The inputs that are one plain value: booleans, choices, counts, URLs, the platform. Each parser
// takes the raw input ('' when unset) and the action.yml default, and names the input in problems.

import { errorMessage } from '../errors.js'
import { type Checked, fail, ok, quote } from './checked.js'
import { type Platform, parsePlatform } from '../platform.js'
import { parseProxyUrl } from '../net/proxy.js'

// Exactly what core.getBooleanInput accepts (the YAML 1.2 core schema's booleans).
const TRUE_VALUES = ['true', 'True', 'TRUE']
const FALSE_VALUES = ['false', 'False', 'FALSE']

export function parseBoolean(name: string, raw: string, fallback: boolean): Checked<boolean> {
  if (raw === '') return ok(fallback)
  if (TRUE_VALUES.includes(raw)) return ok(true)
  if (FALSE_VALUES.includes(raw)) return ok(false)
  return fail(
    `${name}: ${quote(raw)} is not a boolean; use true or false (also True, TRUE, False, FALSE).`
  )
}

/** One of `choices`, in any letter case. */
export function parseChoice<T extends string>(
  name: string,
  raw: string,
  choices: readonly T[],
  fallback: T
): Checked<T> {
  if (raw === '') return ok(fallback)
  const choice = choices.find((known) => known === raw.toLowerCase())
  return choice ? ok(choice) : fail(`${name}: ${quote(raw)} is not one of ${choices.join(', ')}.`)
}

/** A whole number from `min` to `max`. */
export function parseIntegerInRange(
  name: string,
  raw: string,
  range: { min: number; max: number; fallback: number }
): Checked<number> {
  if (raw === '') return ok(range.fallback)
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN
  if (value >= range.min && value <= range.max) return ok(value)
  return fail(`${name}: ${quote(raw)} is not a whole number from ${range.min} to ${range.max}.`)
}

/** An absolute http(s) URL, such as an ECR endpoint (`https://vpce-….ecr.us-east-1.vpce.amazonaws.com`). */
export function parseHttpUrl(name: string, raw: string): Checked<string | undefined> {
  if (raw === '') return ok(undefined)
  let url: URL | undefined
  try {
    url = new URL(raw)
  } catch {
    url = undefined
  }
  if (url && (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '')
    return ok(raw)
  return fail(
    `${name}: ${quote(raw)} is not an absolute http(s) URL, like https://api.ecr.us-east-1.amazonaws.com.`
  )
}

/** `os/architecture[/variant]`, as src/platform.ts reads it. */
export function parsePlatformInput(name: string, raw: string): Checked<Platform | undefined> {
  if (raw === '') return ok(undefined)
  const platform = parsePlatform(raw)
  if (platform) return ok(platform)
  return fail(
    `${name}: ${quote(raw)} is not a platform; write os/architecture[/variant], like linux/amd64 or linux/arm64/v8.`
  )
}

/** A proxy URL, read as the proxy module reads it; its message never shows credentials. */
export function parseProxyInput(name: string, raw: string): Checked<string | undefined> {
  if (raw === '') return ok(undefined)
  try {
    parseProxyUrl(raw)
    return ok(raw)
  } catch (error) {
    return fail(`${name}: ${errorMessage(error)}.`)
  }
}
