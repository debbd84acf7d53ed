// The reference client: Debian's awscli (`/usr/bin/aws`; another `aws`, e.g. from pyenv, may come
// first on PATH), run against a local server with dummy credentials and none of the developer's
// configuration. AWS_CLI names another binary.
import { execFile } from 'node:child_process'

export const AWS_CLI = process.env.AWS_CLI || '/usr/bin/aws'

export interface AwsCliRun {
  code: number
  stdout: string
  stderr: string
}

/** `aws <args> --endpoint-url <endpoint> --region us-east-1 --output json`; never rejects. */
export function runAwsCli(
  endpoint: string,
  args: string[],
  timeoutMs = 25_000
): Promise<AwsCliRun> {
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? '/',
    AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: ''
  }
  const fullArgs = [
    ...args,
    '--endpoint-url',
    endpoint,
    '--region',
    'us-east-1',
    '--output',
    'json'
  ]
  return new Promise((resolve) => {
    execFile(AWS_CLI, fullArgs, { env, timeout: timeoutMs }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
      resolve({ code, stdout, stderr })
    })
  })
}

/** Like runAwsCli, but the JSON it printed, or an error with what it said. */
export async function awsCliJson<T>(endpoint: string, args: string[]): Promise<T> {
  const run = await runAwsCli(endpoint, args)
  if (run.code !== 0) {
    throw new Error(`${AWS_CLI} ${args.join(' ')} exited ${run.code}:\n${run.stderr}`)
  }
  return JSON.parse(run.stdout) as T
}
