export const id = 553;
export const ids = [553];
export const modules = {

/***/ 553:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   downloadBlob: () => (/* binding */ downloadBlob),
/* harmony export */   n: () => (/* binding */ DownloadError)
/* harmony export */ });
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3916);
/* harmony import */ var _deadline_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7879);
// One GET of a blob download URL (ECR's presigned S3 URL), sent through the agents the proxy
// rules pick and ended at the request timeout, counted from the send to the last byte, as every
// ECR call is. The URL carries a signature: it is never printed, only its host.




/** Why a download failed; `retryable` for network errors, timeouts, 429 and 5xx. */
class DownloadError extends Error {
    retryable;
    name = 'DownloadError';
    constructor(message, retryable) {
        super(message);
        this.retryable = retryable;
    }
}
const NETWORK_CODES = /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EPIPE|EHOSTUNREACH)$/;
async function downloadBlob(url, options) {
    const secure = url.protocol === 'https:';
    const agent = secure ? options.agents.httpsAgent : options.agents.httpAgent;
    const get = secure ? node_https__WEBPACK_IMPORTED_MODULE_1__.get : node_http__WEBPACK_IMPORTED_MODULE_0__.get;
    const deadline = (0,_deadline_js__WEBPACK_IMPORTED_MODULE_2__/* .startDeadline */ .db)(options.timeoutMs, () => new DownloadError((0,_deadline_js__WEBPACK_IMPORTED_MODULE_2__/* .deadlineMessage */ .M5)(`the GET of the blob from ${url.host}`, options.timeoutMs), true));
    try {
        const response = await new Promise((resolve, reject) => {
            const request = get(url, { ...(agent ? { agent } : {}), signal: deadline.signal }, resolve);
            request.on('error', reject);
        });
        const status = response.statusCode ?? 0;
        if (status < 200 || status > 299) {
            response.resume();
            throw new DownloadError(`${url.host} answered HTTP ${status}`, status === 429 || status >= 500 || status === 408);
        }
        // Destroying the request (the deadline's abort) ends the response's iteration with an error.
        return await (0,_deadline_js__WEBPACK_IMPORTED_MODULE_2__/* .readCapped */ .EF)(response, options.maxBytes, () => new DownloadError(`the blob from ${url.host} is larger than ${options.maxBytes} bytes`, false));
    }
    catch (error) {
        if (deadline.signal.aborted)
            throw deadline.signal.reason;
        throw toDownloadError((0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .asError */ .z)(error), url);
    }
    finally {
        deadline.clear();
    }
}
function toDownloadError(error, url) {
    if (error instanceof DownloadError)
        return error;
    const code = error.code ?? '';
    // The message of a network error can quote the URL; only the host and the code are shown.
    return new DownloadError(`could not reach ${url.host} (${code || error.name})`, NETWORK_CODES.test(code) || code === 'ECONNABORTED' || code === '');
}


/***/ })

};
