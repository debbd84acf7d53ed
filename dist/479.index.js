export const id = 479;
export const ids = [479];
export const modules = {

/***/ 4479:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  postComment: () => (/* binding */ postComment)
});

// UNUSED EXPORTS: commentLink

// EXTERNAL MODULE: ./src/clock.ts
var src_clock = __webpack_require__(9373);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(2413);
// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(4371);
// EXTERNAL MODULE: ./src/net/deadline.ts
var deadline = __webpack_require__(7879);
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
// deadline decided when it is built, not when @actions/github was imported. @actions/github reads
// GITHUB_API_URL and the proxy variables once, at import time, into `defaults.request.fetch`;
// passing our own `request` option replaces that object whole (Octokit merges options shallowly),
// so the proxy rules of ./proxy.ts, `http-proxy` input included, are the only ones in force.




const DEFAULT_GITHUB_API_URL = 'https://api.github.com';
/** The deadline of each GitHub call when none is given (the action gives its `request-timeout`). */
const DEFAULT_GITHUB_TIMEOUT_MS = 30_000;
/**
 * The longest GitHub answer read. The largest the action asks for is a page of 100 comments of at
 * most 65,536 characters each: under 40 MB even with every character JSON-escaped.
 */
const MAX_GITHUB_ANSWER_BYTES = 64 * 1024 * 1024;
/** A GitHub call past its deadline; Octokit hands it on as the `cause` of its error. */
class GitHubTimeoutError extends Error {
    request;
    timeoutMs;
    name = 'GitHubTimeoutError';
    constructor(request, timeoutMs, options) {
        super((0,deadline/* deadlineMessage */.M5)(request, timeoutMs), options);
        this.request = request;
        this.timeoutMs = timeoutMs;
    }
}
/** `GET /repos/o/r/issues/1/comments`: the method and path of a call, for an error to name. */
function describeRequest(input, init) {
    const href = typeof input === 'string' ? input : 'url' in input ? input.url : input.href;
    let path = href;
    try {
        path = new URL(href).pathname;
    }
    catch {
        // Not a URL: named as given.
    }
    return `${init.method ?? 'GET'} ${path}`;
}
/** Statuses whose answer has no body by definition (a Response refuses one). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);
/**
 * Wraps `fetch` so that each request ends at its deadline, counted to the last byte of the answer:
 * the body is read here, capped, and handed to Octokit whole. Octokit reads a JSON body inside a
 * try that swallows errors (a body cut off by a timeout would reach us as an empty answer), so the
 * deadline must have run out before Octokit reads, or not at all.
 */
function withTimeout(fetch, options) {
    const makeSignal = options.timeoutSignal ?? ((ms) => AbortSignal.timeout(ms));
    const maxBytes = options.maxAnswerBytes ?? MAX_GITHUB_ANSWER_BYTES;
    return async (input, init = {}) => {
        const timeout = makeSignal(options.timeoutMs);
        const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
        const request = describeRequest(input, init);
        try {
            const response = await fetch(input, { ...init, signal });
            const body = response.body
                ? await (0,deadline/* readCapped */.EF)(response.body, maxBytes, () => new deadline/* AnswerTooLargeError */.Oc(`the answer to ${request}`, maxBytes))
                : null;
            const whole = new undici.Response(NULL_BODY_STATUSES.has(response.status) ? null : body, {
                status: response.status,
                statusText: response.statusText,
                headers: response.headers
            });
            // Octokit reports the URL it was answered from; a Response built here has none of its own.
            Object.defineProperty(whole, 'url', { value: response.url });
            return whole;
        }
        catch (error) {
            if (timeout.aborted)
                throw new GitHubTimeoutError(request, options.timeoutMs, { cause: error });
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

// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
// EXTERNAL MODULE: ./src/reports/escape.ts
var reports_escape = __webpack_require__(6548);
;// CONCATENATED MODULE: ./src/reports/comment/errors.ts
// How a GitHub call of the comment failed, and the one warning each way of failing becomes. Every
// text GitHub sent (its error message, a login) is neutralised and clipped before it is shown.




/** What the comment could not do for a reason of its own (not an HTTP failure); never retried. */
class CommentError extends Error {
    name = 'CommentError';
}
function field(value, key) {
    return typeof value === 'object' && value !== null
        ? value[key]
        : undefined;
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
/** The longest piece of GitHub's text a warning quotes. */
const MAX_QUOTED = 300;
/** GitHub's text for a sentence of ours: one line, no workflow command, no proxy password. */
function quoteGitHub(text, max = MAX_QUOTED) {
    return (0,reports_escape/* sanitizeForLog */.F0)((0,src_text/* clip */.$Q)((0,net_proxy/* redactProxyUrl */.r$)(text), max));
}
// GitHub's own `message` when it answered; Octokit's error message adds the documentation URL.
function messageOf(error) {
    const apiMessage = field(field(field(error, 'response'), 'data'), 'message');
    const text = typeof apiMessage === 'string'
        ? apiMessage
        : error instanceof Error
            ? error.message
            : String(error);
    return quoteGitHub(text);
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
 * its mind, and neither will a comment list or an identity that cannot be read.
 */
function isRetryableGitHubError(error) {
    if (error instanceof CommentError)
        return false;
    if (proxyStatus(error) !== undefined)
        return false;
    if (isTimeout(error))
        return true;
    const status = statusOf(error);
    return status !== undefined && status >= 500;
}
const CANNOT_COMMENT = 'Could not write the pull request comment';
/** `HTTP 403: Resource not accessible by integration`: a failure said in a few words. */
function briefFailure(error) {
    if (error instanceof CommentError)
        return error.message;
    const status = statusOf(error);
    return `${status !== undefined ? `HTTP ${status}: ` : ''}${messageOf(error)}`;
}
/** The warning to log when the comment could not be written, for every way that can happen. */
function describeCommentError(error) {
    if (error instanceof CommentError)
        return `${CANNOT_COMMENT}: ${error.message}`;
    const message = messageOf(error);
    const proxy = proxyStatus(error);
    if (proxy === 407) {
        return `${CANNOT_COMMENT}: the proxy wants credentials or refused them (407); give them in the proxy URL (http://user:password@host:port).`;
    }
    if (proxy !== undefined)
        return `${CANNOT_COMMENT}: the proxy refused the connection (${proxy}).`;
    const timeout = isTimeout(error);
    if (timeout) {
        return `${CANNOT_COMMENT}: GitHub API unavailable: ${quoteGitHub(timeout.message, 400)}.`;
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
            return `${CANNOT_COMMENT}: ${briefFailure(error)}`;
    }
}

;// CONCATENATED MODULE: ./src/reports/comment/comment-list.ts
// The comments of a pull request, page by page, as GitHub lists them: 100 a page, the next page
// where the `Link: rel="next"` header points. The list is GitHub's answer, so it is bounded: at
// most MAX_COMMENT_PAGES pages, each next page on the API's own host and route and never one
// already read, and each entry read only for the fields the comment needs.

const COMMENTS_PER_PAGE = 100;
/** 5,000 comments: far past any pull request people read, and still a bounded walk. */
const MAX_COMMENT_PAGES = 50;
const LIST_ROUTE = 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments';
/** The URL `rel="next"` points at, as Octokit's own pagination reads it. */
function nextLink(link) {
    if (typeof link !== 'string')
        return undefined;
    return /<([^<>]+)>;\s*rel="next"/.exec(link)?.[1];
}
function listedComment(entry) {
    const id = field(entry, 'id');
    const body = field(entry, 'body');
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id <= 0)
        return undefined;
    if (typeof body !== 'string')
        return undefined;
    return { id, body, user: field(entry, 'user') };
}
/** A next page the list may go on to: the same origin and path, a URL not read before. */
function checkNext(next, first, seen) {
    let url;
    try {
        url = new URL(next, first);
    }
    catch {
        throw new CommentError('GitHub sent a next page of the comment list that is not a URL');
    }
    if (url.origin !== first.origin || url.pathname !== first.pathname) {
        throw new CommentError('GitHub sent a next page of the comment list at another address than the list; it was ' +
            'not followed, and the comment was not written');
    }
    if (seen.has(url.href)) {
        throw new CommentError('GitHub sent a next page of the comment list that was already read; the comment was not ' +
            'written, so as not to add a second one');
    }
    return url.href;
}
/**
 * The pull request's comments, one page at a time. Past MAX_COMMENT_PAGES pages, or on a page
 * that is not a list, it throws a CommentError: a list not read to its end could hide the
 * action's own comment, and writing a new one on every run would be worse than none.
 */
async function* commentPages(octokit, pullRequest) {
    const parameters = {
        owner: pullRequest.owner,
        repo: pullRequest.repo,
        issue_number: pullRequest.number,
        per_page: COMMENTS_PER_PAGE
    };
    const first = new URL(octokit.request.endpoint(LIST_ROUTE, parameters).url);
    const seen = new Set([first.href]);
    let response = await octokit.request(LIST_ROUTE, parameters);
    for (let page = 1;; page++) {
        const { data } = response;
        if (!Array.isArray(data)) {
            throw new CommentError(`page ${page} of the pull request's comments is not a list`);
        }
        yield data.map(listedComment).filter((comment) => comment !== undefined);
        const next = nextLink(response.headers.link);
        if (next === undefined)
            return;
        if (page >= MAX_COMMENT_PAGES) {
            throw new CommentError(`the pull request's comment list goes on past ${MAX_COMMENT_PAGES} pages ` +
                `(${(MAX_COMMENT_PAGES * COMMENTS_PER_PAGE).toLocaleString('en-US')} comments) and was not read ` +
                'further; the comment was not written, so as not to add a second one');
        }
        const url = checkNext(next, first, seen);
        seen.add(url);
        response = await octokit.request({ method: 'GET', url });
    }
}

;// CONCATENATED MODULE: ./src/reports/comment/identity.ts
// Whose token the comment is written with, asked of GitHub, so that only a comment the token's own
// account wrote is taken for the action's. The default GITHUB_TOKEN is a GitHub App installation
// token: `GET /user` answers it 403 "Resource not accessible by integration", while the GraphQL
// `viewer` answers every kind of token (installation tokens as `<app>[bot]`, personal access
// tokens and user tokens as the user). So `viewer` is asked first, `GET /user` only when GraphQL
// cannot answer (a server without it, a query it refused).

const VIEWER_QUERY = 'query { viewer { login databaseId } }';
/**
 * A login as GitHub spells them: letters, digits and hyphens (GitHub.com), underscores (managed
 * users' `_shortcode`, GitHub Enterprise Server), dots (some GHES logins), `[bot]` for apps.
 */
const LOGIN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}(?:\[bot\])?$/;
/** A login GitHub sent, if it is one; anything else is not a login to compare or show. */
function checkLogin(value) {
    return typeof value === 'string' && LOGIN.test(value) ? value : undefined;
}
function checkId(value) {
    return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined;
}
function identityOf(account, idField) {
    const login = checkLogin(field(account, 'login'));
    const id = checkId(field(account, idField));
    return login && id ? { login, id } : undefined;
}
/** Whether `user` (a comment's author as the REST API lists it) is the token's own account. */
function isSameAccount(user, identity) {
    const id = checkId(field(user, 'id'));
    const login = checkLogin(field(user, 'login'));
    // Logins are unique and case-insensitive at any one time, ids for good; either names it.
    return id === identity.id || login?.toLowerCase() === identity.login.toLowerCase();
}
async function viewer(octokit) {
    const data = await octokit.graphql(VIEWER_QUERY);
    const identity = identityOf(field(data, 'viewer'), 'databaseId');
    if (!identity)
        throw new CommentError('GraphQL answered no viewer login and databaseId');
    return identity;
}
async function authenticatedUser(octokit) {
    const { data } = await octokit.request('GET /user');
    const identity = identityOf(data, 'id');
    if (!identity)
        throw new CommentError('GET /user answered no login and id');
    return identity;
}
/**
 * The token's own account. A failure worth retrying (5xx, a timeout) is thrown as it is; when
 * neither question gets an answer, a CommentError says what each one answered.
 */
async function tokenIdentity(octokit) {
    let viewerFailure;
    try {
        return await viewer(octokit);
    }
    catch (error) {
        if (isRetryableGitHubError(error))
            throw error;
        viewerFailure = error;
    }
    try {
        return await authenticatedUser(octokit);
    }
    catch (error) {
        if (isRetryableGitHubError(error))
            throw error;
        throw new CommentError(`GitHub did not say whose token github-token is (GraphQL viewer: ` +
            `${briefFailure(viewerFailure)}; GET /user: ${briefFailure(error)}), so a comment carrying this step's marker could not be told ` +
            "from another account's and none was written");
    }
}

;// CONCATENATED MODULE: ./src/reports/comment/upsert.ts
// The one pull-request comment each step keeps current. A hidden marker names the workflow, job
// and key it belongs to; a re-run finds the comment carrying its marker, written by the token's
// own account, and edits it in place. Anyone can write a comment carrying the marker: one by
// another account is never edited. Writing the comment is a courtesy: every way it can fail ends
// as a warning text, never as a failed job.




const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);
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
/**
 * Walks the comments to the first one carrying the marker that the token's own account wrote.
 * Whose the token is gets asked only once a marked comment turns up: a first run asks nothing.
 */
async function findOwnComment(octokit, target, identity) {
    const found = { foreign: [] };
    for await (const page of commentPages(octokit, target)) {
        for (const comment of page) {
            if (!comment.body.includes(target.marker))
                continue;
            found.author = await identity();
            if (isSameAccount(comment.user, found.author))
                return { ...found, mine: comment };
            const login = checkLogin(field(comment.user, 'login'));
            found.foreign.push({ id: comment.id, ...(login ? { login } : {}) });
        }
    }
    return found;
}
async function upsertOnce(octokit, target, identity) {
    const { owner, repo, body } = target;
    const { mine, foreign, author } = await findOwnComment(octokit, target, identity);
    const said = { foreign, ...(author ? { author } : {}) };
    if (mine) {
        const { data } = await octokit.rest.issues.updateComment({
            owner,
            repo,
            comment_id: mine.id,
            body
        });
        return { action: 'updated', url: field(data, 'html_url'), ...said };
    }
    const { data } = await octokit.rest.issues.createComment({
        owner,
        repo,
        issue_number: target.number,
        body
    });
    return { action: 'created', url: field(data, 'html_url'), ...said };
}
/**
 * Edits the pull request's comment carrying `marker` that the token's own account wrote, or
 * creates one; a comment carrying the marker by anyone else is left as it is (and listed in the
 * result). `body` is posted as given when it carries the marker; otherwise the marker is put in
 * front, or the next run could not find the comment. On a 5xx or a timeout the whole
 * find-then-write is repeated, so a write that did land before the error is found, not doubled.
 */
async function upsertComment(octokit, target, retry = {}) {
    const body = target.body.includes(target.marker)
        ? target.body
        : `${target.marker}\n${target.body}`;
    // Asked once per run, however many attempts the find-then-write takes.
    let identity;
    const ask = () => (identity ??= tokenIdentity(octokit).catch((error) => {
        identity = undefined;
        throw error;
    }));
    return withRetries(() => upsertOnce(octokit, { ...target, body }, ask), retry);
}
/** Foreign comments named in a warning, at most; the rest are counted. */
const FOREIGN_SHOWN = 5;
/** The warning about comments carrying the marker that another account wrote; none when none. */
function foreignCommentsWarning(result) {
    const { foreign, author } = result;
    if (foreign.length === 0)
        return undefined;
    const named = foreign
        .slice(0, FOREIGN_SHOWN)
        .map((comment) => `${comment.id} by ${comment.login ?? 'an unnamed account'}`);
    const more = foreign.length > FOREIGN_SHOWN ? ` and ${foreign.length - FOREIGN_SHOWN} more` : '';
    return (`${foreign.length} comment(s) on the pull request carry this step's marker but were written ` +
        `by another account than the token's own${author ? ` (${author.login})` : ''}: comment ` +
        `${named.join(', ')}${more}. Left as written; the action ${result.action} its own comment.`);
}

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/reports/render.ts
var render = __webpack_require__(3479);
;// CONCATENATED MODULE: ./src/reports/comment/post.ts
// The sticky pull-request comment. publish.ts imports this module only when `comment: true`, so
// Octokit and its HTTP stack are loaded only then, as one chunk.






/** Attempts of the comment's find-then-write, at most: fewer when `max-attempts` says so. */
const MAX_COMMENT_ATTEMPTS = 3;
const DEFAULT_SERVER_URL = 'https://github.com';
/** Printable ASCII without spaces: all a link GitHub gives is made of. */
const URL_CHARACTERS = /^[\x21-\x7e]+$/;
/**
 * The comment's link as GitHub gave it (`html_url`), when it is an https URL on the GitHub
 * server's own host (GITHUB_SERVER_URL: github.com, or the Enterprise Server's host); anything
 * else is not shown.
 */
function commentLink(url, serverUrl = DEFAULT_SERVER_URL) {
    if (typeof url !== 'string' || !URL_CHARACTERS.test(url))
        return undefined;
    let parsed;
    let server;
    try {
        parsed = new URL(url);
        server = new URL(serverUrl);
    }
    catch {
        return undefined;
    }
    if (parsed.protocol !== 'https:' || parsed.host !== server.host)
        return undefined;
    if (parsed.username !== '' || parsed.password !== '')
        return undefined;
    return parsed.href;
}
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
            timeoutMs: inputs.requestTimeoutMs,
            ...(inputs.httpProxy ? { httpProxy: inputs.httpProxy } : {})
        });
        const result = await upsertComment(octokit, { ...pullRequest, marker, body }, { attempts: Math.min(MAX_COMMENT_ATTEMPTS, inputs.maxAttempts), clock: context.clock });
        const foreign = foreignCommentsWarning(result);
        if (foreign)
            core.warning(foreign);
        const server = env.GITHUB_SERVER_URL || DEFAULT_SERVER_URL;
        const link = commentLink(result.url, server) ?? `(GitHub gave no https link on ${server})`;
        core.info(`Pull request comment ${result.action}: ${(0,reports_escape/* sanitizeForLog */.F0)(link)}`);
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
