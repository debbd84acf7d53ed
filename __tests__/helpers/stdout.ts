// This process's stdout, taken while a synchronous call writes to it: @actions/core's commands as
// an in-process run writes them, a script's messages in a tooling test.
/** What `write()` writes to this process's stdout, taken instead of written (it must not await). */
export function captureStdout(write: () => void): string {
  const stdout = process.stdout
  const original = Object.getOwnPropertyDescriptor(stdout, 'write')
  let text = ''
  const capture = (chunk: string | Uint8Array): boolean => {
    text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8')
    return true
  }
  Object.defineProperty(stdout, 'write', { value: capture, configurable: true, writable: true })
  try {
    write()
  } finally {
    // Back to the stream's own write (its prototype's, unless it had one of its own).
    if (original) Object.defineProperty(stdout, 'write', original)
    else Reflect.deleteProperty(stdout, 'write')
  }
  return text
}
