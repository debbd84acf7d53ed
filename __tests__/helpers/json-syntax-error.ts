// The message JSON.parse gives for `text` on this Node version, so tests of messages that quote
// it stay exact without hard-coding the engine's wording.
export function jsonSyntaxError(text: string): string {
  try {
    JSON.parse(text)
  } catch (error) {
    return (error as Error).message
  }
  throw new Error(`expected invalid JSON: ${text}`)
}
