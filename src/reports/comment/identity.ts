// Whose token the comment is written with, asked of GitHub, so that only a comment the token's own
// account wrote is taken for the action's. The default GITHUB_TOKEN is a GitHub App installation
// token: `GET /user` answers it 403 "Resource not accessible by integration", while the GraphQL
// `viewer` answers every kind of token (installation tokens as `<app>[bot]`, personal access
// tokens and user tokens as the user). So `viewer` is asked first, `GET /user` only when GraphQL
// cannot answer (a server without it, a query it refused).

import type { GitHubClient } from '../../net/github-client.js'
import { briefFailure, CommentError, field, isRetryableGitHubError } from './errors.js'

/** The account a token acts as: its login and its numeric id (REST `id`, GraphQL `databaseId`). */
export interface TokenIdentity {
  login: string
  id: number
}

const VIEWER_QUERY = 'query { viewer { login databaseId } }'

/**
 * A login as GitHub spells them: letters, digits and hyphens (GitHub.com), underscores (managed
 * users' `_shortcode`, GitHub Enterprise Server), dots (some GHES logins), `[bot]` for apps.
 */
const LOGIN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}(?:\[bot\])?$/

/** A login GitHub sent, if it is one; anything else is not a login to compare or show. */
export function checkLogin(value: unknown): string | undefined {
  return typeof value === 'string' && LOGIN.test(value) ? value : undefined
}

function checkId(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined
}

function identityOf(account: unknown, idField: string): TokenIdentity | undefined {
  const login = checkLogin(field(account, 'login'))
  const id = checkId(field(account, idField))
  return login && id ? { login, id } : undefined
}

/** Whether `user` (a comment's author as the REST API lists it) is the token's own account. */
export function isSameAccount(user: unknown, identity: TokenIdentity): boolean {
  const id = checkId(field(user, 'id'))
  const login = checkLogin(field(user, 'login'))
  // Logins are unique and case-insensitive at any one time, ids for good; either names it.
  return id === identity.id || login?.toLowerCase() === identity.login.toLowerCase()
}

async function viewer(octokit: GitHubClient): Promise<TokenIdentity> {
  const data = await octokit.graphql<unknown>(VIEWER_QUERY)
  const identity = identityOf(field(data, 'viewer'), 'databaseId')
  if (!identity) throw new CommentError('GraphQL answered no viewer login and databaseId')
  return identity
}

async function authenticatedUser(octokit: GitHubClient): Promise<TokenIdentity> {
  const { data } = await octokit.request('GET /user')
  const identity = identityOf(data, 'id')
  if (!identity) throw new CommentError('GET /user answered no login and id')
  return identity
}

/**
 * The token's own account. A failure worth retrying (5xx, a timeout) is thrown as it is; when
 * neither question gets an answer, a CommentError says what each one answered.
 */
export async function tokenIdentity(octokit: GitHubClient): Promise<TokenIdentity> {
  let viewerFailure: unknown
  try {
    return await viewer(octokit)
  } catch (error) {
    if (isRetryableGitHubError(error)) throw error
    viewerFailure = error
  }
  try {
    return await authenticatedUser(octokit)
  } catch (error) {
    if (isRetryableGitHubError(error)) throw error
    throw new CommentError(
      `GitHub did not say whose token github-token is (GraphQL viewer: ` +
        `${briefFailure(viewerFailure)}; GET /user: ${briefFailure(error)}), so a comment carrying this step's marker could not be told ` +
        "from another account's and none was written"
    )
  }
}
