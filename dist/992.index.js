export const id = 992;
export const ids = [992];
export const modules = {

/***/ 9992:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ecrHttpOptions: () => (/* binding */ ecrHttpOptions)
/* harmony export */ });
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_net__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var http_proxy_agent__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2195);
/* harmony import */ var https_proxy_agent__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9553);
/* harmony import */ var _proxy_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(1189);
// The agents ECR calls go out with when a proxy is configured (see ./proxy.ts for the rules):
// runtime.ts imports this module only then, and http-proxy-agent and https-proxy-agent with it.






/**
 * Picks, per target host and port, the agent a request goes out with: one proxy agent per proxy
 * URL (absolute-form `HttpProxyAgent` for http targets, CONNECT `HttpsProxyAgent` for https
 * ones), or a direct keep-alive agent. Deciding per request, not per client, lets one request
 * handler serve every region's endpoint, each judged against NO_PROXY on its own.
 */
class AgentRouter {
    settings;
    secure;
    #agents = new Map();
    constructor(settings, secure) {
        this.settings = settings;
        this.secure = secure;
    }
    addRequest(req, options) {
        const host = options.host ?? options.hostname ?? 'localhost';
        const authority = (0,node_net__WEBPACK_IMPORTED_MODULE_2__.isIP)(host) === 6 ? `[${host}]` : host;
        const target = new URL(`${this.secure ? 'https' : 'http'}://${authority}:${options.port ?? ''}`);
        const proxy = (0,_proxy_js__WEBPACK_IMPORTED_MODULE_5__/* .proxyFor */ .iJ)(target, this.settings);
        const key = proxy?.href ?? 'direct';
        let agent = this.#agents.get(key);
        if (!agent) {
            agent = this.#create(proxy);
            this.#agents.set(key, agent);
        }
        // addRequest is the (untyped) method ClientRequest hands every request to its agent with.
        ;
        agent.addRequest(req, options);
    }
    #create(proxy) {
        const options = { keepAlive: true };
        if (proxy)
            return this.secure ? new https_proxy_agent__WEBPACK_IMPORTED_MODULE_4__/* .HttpsProxyAgent */ .b(proxy, options) : new http_proxy_agent__WEBPACK_IMPORTED_MODULE_3__/* .HttpProxyAgent */ .s(proxy, options);
        return this.secure ? new node_https__WEBPACK_IMPORTED_MODULE_1__.Agent(options) : new node_http__WEBPACK_IMPORTED_MODULE_0__.Agent(options);
    }
    destroy() {
        for (const agent of this.#agents.values())
            agent.destroy();
        this.#agents.clear();
    }
}
/** A `Base` agent whose requests the router sends on; destroying it destroys what it sent to. */
function routedAgent(Base, router) {
    const agent = new Base({ keepAlive: true });
    const destroy = agent.destroy.bind(agent);
    return Object.assign(agent, {
        addRequest: (req, options) => router.addRequest(req, options),
        destroy: () => {
            router.destroy();
            destroy();
        }
    });
}
/**
 * The request handler options that send ECR calls through the proxy the rules pick, decided for
 * each call's own endpoint (regions, `endpoint` input, AWS_ENDPOINT_URL*). Credentials in the
 * proxy URL become `Proxy-Authorization: Basic`. No proxy configured: `{}`, the SDK's own agents.
 */
function ecrHttpOptions(settings) {
    if ((0,_proxy_js__WEBPACK_IMPORTED_MODULE_5__/* .configuredProxies */ .Zj)(settings).length === 0)
        return {};
    return {
        httpAgent: routedAgent(node_http__WEBPACK_IMPORTED_MODULE_0__.Agent, new AgentRouter(settings, false)),
        httpsAgent: routedAgent(node_https__WEBPACK_IMPORTED_MODULE_1__.Agent, new AgentRouter(settings, true))
    };
}


/***/ })

};
