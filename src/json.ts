// Guards for parsed JSON and YAML, which is untrusted: user files and registry answers alike.

/** A JSON object (a mapping): not null, not a list. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
