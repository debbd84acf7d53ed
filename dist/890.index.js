export const id = 890;
export const ids = [890];
export const modules = {

/***/ 7890:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dr: () => (/* binding */ GitHubTimeoutError),
/* harmony export */   createGitHubClient: () => (/* binding */ createGitHubClient)
/* harmony export */ });
/* unused harmony exports DEFAULT_GITHUB_API_URL, DEFAULT_GITHUB_TIMEOUT_MS, withTimeout */
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2413);
/* harmony import */ var undici__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6752);
/* harmony import */ var _proxy_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4306);
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
    const dispatcher = (0,_proxy_js__WEBPACK_IMPORTED_MODULE_2__/* .proxyDispatcher */ .q9)(baseUrl, options);
    const fetch = (input, init) => (0,undici__WEBPACK_IMPORTED_MODULE_1__.fetch)(input, dispatcher ? { ...init, dispatcher } : init);
    return (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(options.token, {
        baseUrl,
        request: {
            fetch: withTimeout(fetch, {
                timeoutMs: options.timeoutMs ?? DEFAULT_GITHUB_TIMEOUT_MS,
                ...(options.timeoutSignal ? { timeoutSignal: options.timeoutSignal } : {})
            })
        }
    });
}


/***/ })

};
