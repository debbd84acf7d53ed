// The message of anything thrown, for a sentence of ours: an Error's message, else its text.

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Anything thrown, as an Error: itself when it is one. */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error))
}
