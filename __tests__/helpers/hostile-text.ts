// Registry text meant to break out of where the action puts it (Markdown, HTML, mentions, links,
// control and invisible characters, workflow commands), and the checks that it did not: the
// summary and the comment render it as inert text, and the log starts no command of its own.
import { expect } from '@jest/globals'
import type { ActionRun, RunActionOptions } from '../../harness/run-action.js'
import { pullRequestEvent } from './events.js'

/**
 * A run whose registry text reaches every report: the pull-request comment on (on the local GitHub
 * server) and step debug logging on, since the raw answers in the debug lines are registry text
 * too; one attempt.
 */
export function reportingEverywhere(
  githubUrl: string,
  inputs: Record<string, string>
): Pick<RunActionOptions, 'inputs' | 'event' | 'env'> {
  return {
    inputs: { ...inputs, comment: 'true', 'github-token': 'ghs_token', 'max-attempts': '1' },
    event: pullRequestEvent(12, 'opened'),
    env: {
      GITHUB_API_URL: githubUrl,
      GITHUB_WORKFLOW: 'CI',
      GITHUB_JOB: 'images',
      RUNNER_DEBUG: '1'
    }
  }
}

/** Markdown, HTML, mentions, links, control and invisible characters, and workflow commands. */
export const HOSTILE = [
  '**bold** _em_ `code` ~~gone~~ [click](https://evil.example/x) ![img](https://evil.example/i.png)',
  '<img src=x onerror=alert(1)> <script>alert(1)</script> <b>bold</b>',
  '@octocat @octo-org/admins #1 www.evil.example $x$',
  'bell\u0007 esc\u001b[31mred\u001b[0m zero\u200bwidth bidi\u202eexe.txt',
  '\n::error::injected from the registry',
  '\r\n::add-mask::not-a-secret',
  '\n  ::set-output name=digest::sha256:evil',
  '\r::stop-commands::token',
  '\n##[error]legacy command',
  '\n# heading\n- item\n| a | b |'
].join(' ')

// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const RAW_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e]/

/** Lines as the runner reads them: .NET's ReadLine ends a line at \n, \r\n or a lone \r. */
function runnerLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/)
}

/** Markdown where the registry's text renders as inert text. */
export function expectNeutralisedMarkdown(markdown: string, ownHeadings: string[]): void {
  for (const raw of [
    '<img',
    '<script',
    '<b>',
    '](https://',
    '![',
    '**bold**',
    '~~gone~~',
    '@octocat',
    '@octo-org/admins',
    '#1 ',
    'www.evil',
    '`code`'
  ]) {
    expect(markdown).not.toContain(raw)
  }
  expect(markdown).not.toMatch(RAW_CONTROLS)
  expect(markdown).toContain('@&#8203;octocat')
  expect(markdown).toContain('&lt;script&gt;alert\\(1\\)&lt;/script&gt;')
  expect(markdown).toContain('\\\\u001b\\[31mred')
  for (const line of markdown.split('\n')) {
    // Nothing the registry said starts a block: only the action's own headings and HTML.
    if (/^\s*#/.test(line)) expect(ownHeadings).toContain(line)
    expect(line).not.toMatch(/^\s*(?:[-+*] |::|##\[)/)
    if (/^\s*</.test(line)) {
      expect(line).toMatch(/^(?:<!-- ecr-batch-get-image: [^<>]* -->|<\/?details>|<summary>)/)
    }
  }
}

/** Every line of stdout and stderr that the runner would take as a command is one of the action's own. */
export function expectNoInjectedCommands(run: ActionRun, ownCommands: number): void {
  let commands = 0
  for (const line of [...runnerLines(run.stdout), ...runnerLines(run.stderr)]) {
    if (/^\s*::/.test(line)) {
      commands++
      expect(line).toMatch(/^::(?:error|warning|notice|debug)(?: title=[^:]*)?::/)
    } else {
      expect(line).not.toContain('##[')
    }
  }
  expect(commands).toBe(ownCommands)
}
