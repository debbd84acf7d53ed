// Reads what an action leaves for the runner: the GITHUB_OUTPUT file and the workflow commands
// (`::error title=…::message`) on stdout, with @actions/core's escaping undone.

export type AnnotationLevel = 'error' | 'warning' | 'notice' | 'debug'

export interface Annotation {
  level: AnnotationLevel
  title?: string
  message: string
  /** Every property of the command (`title`, `file`, `line`, …), unescaped. */
  properties: Record<string, string>
}

const ESCAPES: Record<string, string> = {
  '%25': '%',
  '%0D': '\r',
  '%0A': '\n',
  '%3A': ':',
  '%2C': ','
}

/** One pass, so an escaped `%` (`%25`) is never decoded twice. */
function unescape(text: string, pattern: RegExp): string {
  return text.replace(pattern, (escape) => ESCAPES[escape.toUpperCase()] ?? escape)
}
const unescapeData = (text: string) => unescape(text, /%(25|0D|0A)/gi)
const unescapeProperty = (text: string) => unescape(text, /%(25|0D|0A|3A|2C)/gi)

const COMMAND = /^::(error|warning|notice|debug)(?: ([^:]*))?::(.*)$/

/** The annotation and debug commands on stdout, in order; other lines are ignored. */
export function parseAnnotations(stdout: string): Annotation[] {
  const annotations: Annotation[] = []
  for (const line of stdout.split(/\r?\n/)) {
    const match = COMMAND.exec(line)
    if (!match) continue
    const [, level, props = '', message = ''] = match
    const properties: Record<string, string> = {}
    for (const pair of props.split(',').filter(Boolean)) {
      const equals = pair.indexOf('=')
      if (equals > 0) properties[pair.slice(0, equals)] = unescapeProperty(pair.slice(equals + 1))
    }
    const annotation: Annotation = {
      level: level as AnnotationLevel,
      message: unescapeData(message),
      properties
    }
    if (properties.title !== undefined) annotation.title = properties.title
    annotations.push(annotation)
  }
  return annotations
}

/**
 * The GITHUB_OUTPUT file as the runner reads it: `name<<DELIMITER` blocks (what @actions/core
 * writes) and single-line `name=value` entries. A later value of a name replaces an earlier one.
 */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split(/\r?\n/)
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? ''
    const heredoc = /^([^=]+?)<<(.+)$/.exec(line)
    if (heredoc) {
      const [, name = '', delimiter] = heredoc
      const end = lines.indexOf(delimiter ?? '', i + 1)
      if (end < 0) throw new Error(`Output '${name}' has no closing delimiter '${delimiter}'`)
      outputs[name] = lines.slice(i + 1, end).join('\n')
      i = end
      continue
    }
    const equals = line.indexOf('=')
    if (equals > 0) outputs[line.slice(0, equals)] = line.slice(equals + 1)
  }
  return outputs
}
