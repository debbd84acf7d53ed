export const id = 695;
export const ids = [695];
export const modules = {

/***/ 5695:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   downloadBlob: () => (/* binding */ downloadBlob),
/* harmony export */   n: () => (/* binding */ DownloadError)
/* harmony export */ });
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_1__);
// One GET of a blob download URL (ECR's presigned S3 URL), sent through the agents the proxy
// rules pick and abandoned after the request timeout, as every ECR call is. The URL carries a
// signature: it is never printed, only its host.


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
function downloadBlob(url, options) {
    const secure = url.protocol === 'https:';
    const agent = secure ? options.agents.httpsAgent : options.agents.httpAgent;
    const get = secure ? node_https__WEBPACK_IMPORTED_MODULE_1__.get : node_http__WEBPACK_IMPORTED_MODULE_0__.get;
    return new Promise((resolve, reject) => {
        const request = get(url, agent ? { agent } : {}, (response) => {
            const status = response.statusCode ?? 0;
            if (status < 200 || status > 299) {
                response.resume();
                reject(new DownloadError(`${url.host} answered HTTP ${status}`, status === 429 || status >= 500 || status === 408));
                return;
            }
            const chunks = [];
            let length = 0;
            response.on('data', (chunk) => {
                length += chunk.length;
                if (length > options.maxBytes) {
                    request.destroy(new DownloadError(`the blob from ${url.host} is larger than ${options.maxBytes} bytes`, false));
                    return;
                }
                chunks.push(chunk);
            });
            response.on('end', () => resolve(Buffer.concat(chunks)));
            response.on('error', (error) => reject(toDownloadError(error, url)));
        });
        request.setTimeout(options.timeoutMs, () => request.destroy(new DownloadError(`${url.host} did not answer within ${options.timeoutMs} ms`, true)));
        request.on('error', (error) => reject(toDownloadError(error, url)));
    });
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
