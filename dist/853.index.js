export const id = 853;
export const ids = [853];
export const modules = {

/***/ 3853:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  postComment: () => (/* binding */ postComment)
});

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(2413);
// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(4371);
// EXTERNAL MODULE: ./src/net/proxy.ts
var net_proxy = __webpack_require__(1987);
;// CONCATENATED MODULE: ./src/net/proxy-dispatcher.ts
// The undici dispatcher the GitHub client's fetch goes through (see ./proxy.ts for the rules):
// imported by ./github-client.ts only, so undici loads with the pull-request comment.


function basicProxyAuthorization(proxy) {
    if (!proxy.username && !proxy.password)
        return undefined;
    const pair = `${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`;
    return `Basic ${Buffer.from(pair).toString('base64')}`;
}
/**
 * An undici dispatcher that sends fetch calls to `target`'s origin through the proxy the rules
 * pick, or undefined for a direct connection. Plain http targets behind a plain http proxy use
 * absolute-form requests, everything else a CONNECT tunnel, as the ECR agents do.
 */
function proxyDispatcher(target, settings) {
    const url = typeof target === 'string' ? new URL(target) : target;
    const proxy = (0,net_proxy/* proxyFor */.iJ)(url, settings);
    if (!proxy)
        return undefined;
    const token = basicProxyAuthorization(proxy);
    const uri = new URL(proxy.href);
    uri.username = '';
    uri.password = '';
    return new undici/* ProxyAgent */.kT({
        uri: uri.href,
        proxyTunnel: url.protocol !== 'http:',
        ...(token ? { token } : {})
    });
}

;// CONCATENATED MODULE: ./src/net/github-client.ts
// The Octokit the pull-request comment is written with: the base URL, the proxy and a per-request
// timeout decided when it is built, not when @actions/github was imported. @actions/github reads
// GITHUB_API_URL and the proxy variables once, at import time, into `defaults.request.fetch`;
// passing our own `request` option replaces that object whole (Octokit merges options shallowly),
// so the proxy rules of ./proxy.ts, `http-proxy` input included, are the only ones in force.



const DEFAULT_GITHUB_API_URL = 'https://api.github.com';
const DEFAULT_GITHUB_TIMEOUT_MS = 10_000;
/** A GitHub call that got no answer in time; Octokit hands it on as the `cause` of its error. */
class GitHubTimeoutError extends Error {
    timeoutMs;
    name = 'GitHubTimeoutError';
    constructor(timeoutMs, options) {
        super(`GitHub API did not answer within ${timeoutMs / 1000} s`, options);
        this.timeoutMs = timeoutMs;
    }
}
/** Wraps `fetch` so that each request is abandoned after `timeoutMs` with a GitHubTimeoutError. */
function withTimeout(fetch, options) {
    const makeSignal = options.timeoutSignal ?? ((ms) => AbortSignal.timeout(ms));
    return async (input, init = {}) => {
        const timeout = makeSignal(options.timeoutMs);
        const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
        try {
            return await fetch(input, { ...init, signal });
        }
        catch (error) {
            if (timeout.aborted)
                throw new GitHubTimeoutError(options.timeoutMs, { cause: error });
            throw error;
        }
    };
}
/** An Octokit from `getOctokit` that talks to `apiUrl` through the proxy the rules pick. */
function createGitHubClient(options) {
    const baseUrl = (options.apiUrl || options.env.GITHUB_API_URL || DEFAULT_GITHUB_API_URL).replace(/\/+$/, '');
    const dispatcher = proxyDispatcher(baseUrl, options);
    const fetch = (input, init) => (0,undici/* fetch */.hd)(input, dispatcher ? { ...init, dispatcher } : init);
    return (0,github/* getOctokit */.Q)(options.token, {
        baseUrl,
        request: {
            fetch: withTimeout(fetch, {
                timeoutMs: options.timeoutMs ?? DEFAULT_GITHUB_TIMEOUT_MS,
                ...(options.timeoutSignal ? { timeoutSignal: options.timeoutSignal } : {})
            })
        }
    });
}

// EXTERNAL MODULE: ./src/clock.ts
var src_clock = __webpack_require__(9373);
;// CONCATENATED MODULE: ./src/reports/comment/upsert.ts
// The one pull-request comment each step keeps current. A hidden marker names the workflow, job
// and key it belongs to; a re-run finds the comment carrying its marker and edits it in place.
// Writing the comment is a courtesy: every way it can fail ends as a warning text, never as a
// failed job.



const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);
function field(value, key) {
    return typeof value === 'object' && value !== null
        ? value[key]
        : undefined;
}
/** The pull request of a pull_request / pull_request_target event; null for any other event. */
function pullRequestFromEvent(eventName, payload) {
    if (!PULL_REQUEST_EVENTS.has(eventName))
        return null;
    const number = field(field(payload, 'pull_request'), 'number');
    const repository = field(payload, 'repository');
    const owner = field(field(repository, 'owner'), 'login');
    const repo = field(repository, 'name');
    if (typeof number !== 'number' || typeof owner !== 'string' || typeof repo !== 'string') {
        return null;
    }
    return { owner, repo, number };
}
/** The info line the caller logs when there is no pull request to comment on. */
function noPullRequestMessage(eventName) {
    return `not a pull request event (${eventName}): no comment`;
}
// Percent-encoding `>` makes `-->` (and `--!>`) impossible inside a value, so no name can end the
// HTML comment early; `;` and `=` are encoded so no value can imitate another field.
function escapeMarkerValue(value) {
    return value.replace(/[%<>;=\r\n]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
/** `<!-- ecr-batch-get-image: workflow=…; job=…; key=… -->`, hidden when GitHub renders it. */
function commentMarker(parts) {
    const fields = [
        `workflow=${escapeMarkerValue(parts.workflow)}`,
        `job=${escapeMarkerValue(parts.job)}`
    ];
    if (parts.key)
        fields.push(`key=${escapeMarkerValue(parts.key)}`);
    return `<!-- ecr-batch-get-image: ${fields.join('; ')} -->`;
}
function statusOf(error) {
    const status = field(error, 'status');
    return typeof status === 'number' ? status : undefined;
}
function causes(error) {
    const chain = [];
    for (let e = error; e !== undefined && chain.length < 10; e = field(e, 'cause'))
        chain.push(e);
    return chain;
}
function isTimeout(error) {
    return causes(error).find((e) => e instanceof GitHubTimeoutError);
}
// GitHub's own `message` when it answered; Octokit's error message adds the documentation URL.
function messageOf(error) {
    const apiMessage = field(field(field(error, 'response'), 'data'), 'message');
    const text = typeof apiMessage === 'string'
        ? apiMessage
        : error instanceof Error
            ? error.message
            : String(error);
    return (0,net_proxy/* redactProxyUrl */.r$)(text);
}
// undici reports a proxy that refused a CONNECT as "Proxy response (407) !== 200 …", and a 407
// to an absolute-form request as "Proxy Authentication Required (407)"; Octokit wraps both.
const PROXY_REFUSAL = /Proxy (?:response|Authentication Required) \((\d{3})\)/;
function proxyStatus(error) {
    for (const e of causes(error)) {
        const match = PROXY_REFUSAL.exec(messageOf(e));
        if (match)
            return Number(match[1]);
    }
    return undefined;
}
/**
 * Whether trying again may help: the API answered 5xx, did not answer in time, or the connection
 * failed (Octokit reports that as status 500 without a response). A refusing proxy will not change
 * its mind.
 */
function isRetryableGitHubError(error) {
    if (proxyStatus(error) !== undefined)
        return false;
    if (isTimeout(error))
        return true;
    const status = statusOf(error);
    return status !== undefined && status >= 500;
}
async function withRetries(operation, options) {
    const attempts = Math.max(1, options.attempts ?? 3);
    const clock = options.clock ?? src_clock/* systemClock */.m;
    const initialMs = options.baseDelayMs ?? 1000;
    // Doubling, no jitter: one job's own retries, not many jobs polling one service.
    const backoff = { initialMs, factor: 2, capMs: initialMs * 2 ** attempts, jitter: 0 };
    for (let attempt = 1;; attempt++) {
        try {
            return await operation();
        }
        catch (error) {
            if (attempt >= attempts || !isRetryableGitHubError(error))
                throw error;
            await clock.sleep((0,src_clock/* backoffDelay */.E)(attempt - 1, backoff, Math.random));
        }
    }
}
async function findMarkedComment(octokit, target) {
    const pages = octokit.paginate.iterator(octokit.rest.issues.listComments, {
        owner: target.owner,
        repo: target.repo,
        issue_number: target.number,
        per_page: 100
    });
    // Stop at the first page that has it: a long thread need not be read to the end.
    for await (const page of pages) {
        const found = page.data.find((comment) => comment.body?.includes(target.marker));
        if (found)
            return found;
    }
    return undefined;
}
async function upsertOnce(octokit, target) {
    const { owner, repo, body } = target;
    const existing = await findMarkedComment(octokit, target);
    if (existing) {
        const { data } = await octokit.rest.issues.updateComment({
            owner,
            repo,
            comment_id: existing.id,
            body
        });
        return { action: 'updated', id: data.id, url: data.html_url };
    }
    const { data } = await octokit.rest.issues.createComment({
        owner,
        repo,
        issue_number: target.number,
        body
    });
    return { action: 'created', id: data.id, url: data.html_url };
}
/**
 * Edits the pull request's comment carrying `marker` (whoever wrote it: the marker is exact), or
 * creates one. `body` is posted as given when it carries the marker; otherwise the marker is put
 * in front, or the next run could not find the comment. On a 5xx or a timeout the whole
 * find-then-write is repeated, so a write that did land before the error is found, not doubled.
 */
async function upsertComment(octokit, target, retry = {}) {
    const body = target.body.includes(target.marker)
        ? target.body
        : `${target.marker}\n${target.body}`;
    return withRetries(() => upsertOnce(octokit, { ...target, body }), retry);
}
const CANNOT_COMMENT = 'Could not write the pull request comment';
/** The warning to log when the comment could not be written, for every way that can happen. */
function describeCommentError(error) {
    const message = messageOf(error);
    const proxy = proxyStatus(error);
    if (proxy === 407) {
        return `${CANNOT_COMMENT}: the proxy wants credentials or refused them (407); give them in the proxy URL (http://user:password@host:port).`;
    }
    if (proxy !== undefined)
        return `${CANNOT_COMMENT}: the proxy refused the connection (${proxy}).`;
    const timeout = isTimeout(error);
    if (timeout) {
        return `${CANNOT_COMMENT}: GitHub API unavailable: no answer within ${timeout.timeoutMs / 1000} s, after retries.`;
    }
    const status = statusOf(error);
    switch (true) {
        case status === 401:
            return `${CANNOT_COMMENT}: GitHub rejected the token (401 ${message}); check the github-token input.`;
        case status === 403 && /rate limit/i.test(message):
            return `${CANNOT_COMMENT}: GitHub API rate limit exceeded (403 ${message}).`;
        case status === 403:
            return `${CANNOT_COMMENT}: the token may not comment (403 ${message}). The job needs \`permissions: pull-requests: write\` (on pull_request from a fork the token is read-only: use pull_request_target or skip the comment).`;
        case status === 404:
            return `${CANNOT_COMMENT}: pull request or repository not found, or the token cannot see it (404 ${message}).`;
        case status !== undefined && status >= 500:
            return `${CANNOT_COMMENT}: GitHub API unavailable (${field(error, 'response') ? `HTTP ${status}: ` : ''}${message}), after retries.`;
        default:
            return `${CANNOT_COMMENT}: ${status !== undefined ? `HTTP ${status}: ` : ''}${message}`;
    }
}

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/reports/render.ts
var render = __webpack_require__(3479);
;// CONCATENATED MODULE: ./src/reports/comment/post.ts
// The sticky pull-request comment. publish.ts imports this module only when `comment: true`, so
// Octokit and its HTTP stack are loaded only then, as one chunk.




async function postComment(context, report) {
    const { core, env, inputs } = context;
    const eventName = env.GITHUB_EVENT_NAME ?? '';
    const pullRequest = pullRequestFromEvent(eventName, readEvent(context));
    if (!pullRequest) {
        core.info(noPullRequestMessage(eventName || 'unknown'));
        return;
    }
    const marker = commentMarker({
        workflow: env.GITHUB_WORKFLOW ?? '',
        job: env.GITHUB_JOB ?? '',
        ...(inputs.commentKey ? { key: inputs.commentKey } : {})
    });
    const body = `${marker}\n${(0,render/* renderMarkdown */.Gc)(report, { limit: render/* COMMENT_LIMIT */.W$ - marker.length - 1 })}`;
    try {
        const octokit = createGitHubClient({
            token: inputs.githubToken,
            env,
            ...(inputs.httpProxy ? { httpProxy: inputs.httpProxy } : {})
        });
        const result = await upsertComment(octokit, { ...pullRequest, marker, body });
        core.info(`Pull request comment ${result.action}: ${result.url}`);
    }
    catch (error) {
        core.warning(describeCommentError(error));
    }
}
function readEvent(context) {
    const path = context.env.GITHUB_EVENT_PATH;
    if (!path)
        return undefined;
    try {
        return JSON.parse(context.readFile(path));
    }
    catch (error) {
        context.core.warning(`Could not read the event payload ${path}: ${(0,errors/* errorMessage */.g)(error)}`);
        return undefined;
    }
}


/***/ })

};
