// Webhook event payloads for runs that need one (GITHUB_EVENT_PATH), shaped as GitHub sends them.

export const OWNER = 'octo-org'
export const REPO = 'octo-repo'

/** A pull_request event payload: the fields the action and its readers rely on, and their neighbours. */
export function pullRequestEvent(number: number, action = 'synchronize') {
  const repository = {
    id: 1296269,
    name: REPO,
    full_name: `${OWNER}/${REPO}`,
    private: false,
    owner: { login: OWNER, id: 9919, type: 'Organization' },
    html_url: `https://github.com/${OWNER}/${REPO}`,
    default_branch: 'main'
  }
  return {
    name: 'pull_request',
    payload: {
      action,
      number,
      pull_request: {
        id: 1_000_000 + number,
        number,
        state: 'open',
        title: 'Deploy the new api image',
        html_url: `https://github.com/${OWNER}/${REPO}/pull/${number}`,
        user: { login: 'octocat', id: 1, type: 'User' },
        head: {
          label: `${OWNER}:feature/images`,
          ref: 'feature/images',
          sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
          repo: repository
        },
        base: {
          label: `${OWNER}:main`,
          ref: 'main',
          sha: '9049f1265b7d61be4a8904a9a27120d2064dab3b',
          repo: repository
        },
        draft: false,
        merged: false
      },
      repository,
      sender: { login: 'octocat', id: 1, type: 'User' }
    }
  }
}
