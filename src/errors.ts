// The message of anything thrown, for a sentence of ours: an Error's message, else its text.

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  // An Error of another realm (node's own, seen from a vm context) is not `instanceof Error`.
  const message = (error as { message?: unknown } | null)?.message
  return typeof message === 'string' ? message : String(error)
}

/** Anything thrown, as an Error: itself when it is one. */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error))
}
