export const id = 217;
export const ids = [217,553];
export const modules = {

/***/ 4217:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  readConfigs: () => (/* binding */ readConfigs)
});

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecr/dist-es/commandBuilder.js
var commandBuilder = __webpack_require__(1469);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecr/dist-es/schemas/schemas_0.js + 2 modules
var schemas_0 = __webpack_require__(4872);
;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ecr/dist-es/commands/GetDownloadUrlForLayerCommand.js


class GetDownloadUrlForLayerCommand extends (0,commandBuilder/* command */.G5)(commandBuilder/* _ep0 */.lq, commandBuilder/* _mw0 */.yt, "GetDownloadUrlForLayer", schemas_0/* GetDownloadUrlForLayer$ */.G42) {
}

// EXTERNAL MODULE: ./src/clock.ts
var clock = __webpack_require__(9373);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/net/blob-download.ts
var blob_download = __webpack_require__(553);
// EXTERNAL MODULE: ./src/media-types.ts
var media_types = __webpack_require__(9243);
// EXTERNAL MODULE: ./src/ecr/call-errors.ts
var call_errors = __webpack_require__(9530);
// EXTERNAL MODULE: ./src/ecr/calls.ts + 14 modules
var calls = __webpack_require__(519);
;// CONCATENATED MODULE: ./src/ecr/config-blobs.ts
// Reads image config blobs: GetDownloadUrlForLayer for the config digest, then a GET of the
// presigned URL it returns, retried with the run's backoff. Each distinct blob is fetched once,
// a bounded number at a time. Loaded only when a run needs configs.







/** The SDK's standard retry backoff, roughly: 100 ms doubling, capped at 20 s. */
const DOWNLOAD_BACKOFF = { initialMs: 100, factor: 2, capMs: 20_000, jitter: 0.5 };
const blobKey = (target) => (0,calls/* targetKey */.hD)(target) + target.digest;
/**
 * Every distinct blob fetched once; outcomes keyed by blobKey. A blob is content-addressed (its
 * sha256 is checked), so one digest in several repositories is fetched from the first that
 * serves it; a repository that fails falls back to the next, and keeps its own failure only when
 * none serves it.
 */
async function fetchBlobs(targets, source, options) {
    const byDigest = new Map();
    for (const target of targets) {
        const group = byDigest.get(target.digest) ?? new Map();
        group.set(blobKey(target), target);
        byDigest.set(target.digest, group);
    }
    const groups = [...byDigest.values()].map((group) => [...group.values()]);
    const outcomes = new Map();
    await (0,calls/* mapConcurrent */._k)(groups, options.concurrency ?? calls/* DEFAULT_CONCURRENCY */.WH, async (group) => {
        for (const target of group) {
            const outcome = await fetchBlob(target, source, options);
            if ('blob' in outcome) {
                for (const each of group)
                    outcomes.set(blobKey(each), outcome);
                return;
            }
            outcomes.set(blobKey(target), outcome);
        }
    });
    return outcomes;
}
async function fetchBlob(target, source, options) {
    let url;
    try {
        url = await downloadUrl(target, source);
    }
    catch (error) {
        options.debug?.(`GetDownloadUrlForLayer error (${target.region}): ${String(error)}`);
        return { reason: describeUrlError(error, target, options.what ?? 'image config') };
    }
    for (let attempt = 0;; attempt++) {
        try {
            return { blob: await source.download(url) };
        }
        catch (error) {
            const retryable = error instanceof blob_download/* DownloadError */.n && error.retryable;
            options.debug?.(`${options.what ?? 'config'} download of ${target.digest}, attempt ${attempt + 1}: ${String(error)}`);
            if (!retryable || attempt + 1 >= options.maxAttempts) {
                const tried = `${attempt + 1} attempt${attempt === 0 ? '' : 's'}`;
                return {
                    reason: `could not download the ${options.what ?? 'image config'} ${target.digest} of ${(0,call_errors/* describeTarget */.ff)(target)} ` +
                        `after ${tried} (${(0,errors/* errorMessage */.g)(error)}); the host of ECR's download URL (S3) must ` +
                        'be reachable: proxy settings, NO_PROXY, or an S3 gateway endpoint on private networks'
                };
            }
            await options.clock.sleep((0,clock/* backoffDelay */.E)(attempt, DOWNLOAD_BACKOFF, options.random ?? Math.random));
        }
    }
}
async function downloadUrl(target, source) {
    const output = await source.clientFor(target.region).send(new GetDownloadUrlForLayerCommand({
        ...(target.registryId ? { registryId: target.registryId } : {}),
        repositoryName: target.repositoryName,
        layerDigest: target.digest
    }));
    if (output.layerDigest !== undefined && output.layerDigest !== target.digest)
        // Registry text: named only when it is a digest, never quoted as it came.
        throw new Error(media_types/* DIGEST_PATTERN */.WA.test(output.layerDigest)
            ? `ECR answered for another blob, ${output.layerDigest}`
            : 'ECR answered for another blob, with a layerDigest that is not a digest');
    let url;
    try {
        url = new URL(output.downloadUrl ?? '');
    }
    catch {
        throw new Error('ECR returned no usable download URL');
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
        throw new Error(`ECR returned a download URL with the scheme ${url.protocol}`);
    return url;
}
function describeUrlError(error, target, what) {
    const name = error.name ?? 'Error';
    const reason = `${name}: ${(0,errors/* errorMessage */.g)(error)}`;
    switch (name) {
        case 'AccessDeniedException':
            return (`Access denied reading the ${what} of ${(0,call_errors/* describeTarget */.ff)(target)}: the role needs ` +
                `ecr:GetDownloadUrlForLayer on ${(0,call_errors/* repositoryArn */.qM)(target)} (${reason})`);
        case 'LayersNotFoundException':
            return `ECR has no blob ${target.digest} in ${(0,call_errors/* describeTarget */.ff)(target)} (${reason})`;
        default:
            return `GetDownloadUrlForLayer failed for ${target.digest} of ${(0,call_errors/* describeTarget */.ff)(target)} (${reason})`;
    }
}

// EXTERNAL MODULE: ./src/platform.ts
var platform = __webpack_require__(3728);
// EXTERNAL MODULE: ./src/types.ts
var types = __webpack_require__(8522);
// EXTERNAL MODULE: ./src/insight/integrity.ts
var integrity = __webpack_require__(8227);
;// CONCATENATED MODULE: ./src/insight/image-config.ts
// What an image's config blob says about what will run: its platform, when it was built, its
// labels and user. The blob is registry data: checked against its digest first, then read
// field by field; anything of the wrong type is left out, never guessed. Environment values can
// hold secrets: only their names are kept.


const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;
function record(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? value
        : undefined;
}
function image_config_text(value) {
    return typeof value === 'string' && value !== '' ? value : undefined;
}
/** What a platform part may be (as `platform` parses it): anything else is not a platform. */
const PLATFORM_PART = /^[A-Za-z0-9_.-]{1,64}$/;
function platformPart(value) {
    return typeof value === 'string' && PLATFORM_PART.test(value) ? value : undefined;
}
/** Every label: require-labels judges them all (the blob is capped at 4 MiB); outputs clip. */
function stringMap(value) {
    const entries = Object.entries(record(value) ?? {}).filter((entry) => typeof entry[1] === 'string');
    return Object.fromEntries(entries);
}
function envNames(value) {
    if (!Array.isArray(value))
        return undefined;
    const names = value
        .filter((entry) => typeof entry === 'string')
        .map((entry) => entry.split('=', 1)[0] ?? '')
        .filter((name) => name !== '');
    return names.length > 0 ? names : undefined;
}
/** Parses an OCI or Docker image config (both use the same field names). */
function parseImageConfig(json) {
    let parsed;
    try {
        parsed = record(JSON.parse(json));
    }
    catch {
        parsed = undefined;
    }
    if (!parsed)
        return { code: 'ConfigUnreadable', reason: 'the image config is not a JSON object' };
    const inner = record(parsed.config) ?? {};
    const os = platformPart(parsed.os);
    const architecture = platformPart(parsed.architecture);
    const variant = platformPart(parsed.variant);
    const created = image_config_text(parsed.created);
    const ports = Object.keys(record(inner.ExposedPorts) ?? {});
    const env = envNames(inner.Env);
    const user = image_config_text(inner.User);
    const config = {
        ...(os ? { os } : {}),
        ...(architecture ? { architecture } : {}),
        ...(variant ? { variant } : {}),
        ...(os && architecture
            ? { platform: (0,platform/* formatPlatform */.B)({ os, architecture, ...(variant ? { variant } : {}) }) }
            : {}),
        ...(created && RFC3339.test(created) && !Number.isNaN(Date.parse(created)) ? { created } : {}),
        labels: stringMap(inner.Labels),
        ...(user ? { user } : {}),
        ...(ports.length > 0 ? { exposedPorts: ports } : {}),
        ...(env ? { envNames: env } : {})
    };
    return { config };
}
/** Checks the blob against the digest it was asked by, then parses it. */
function readConfigBlob(blob, digest) {
    const computed = (0,integrity/* sha256Digest */.sI)(blob);
    if (computed !== digest) {
        return {
            code: 'IntegrityError',
            reason: `integrity check failed: the image config downloaded for ${digest} hashes to ${computed}; ` +
                'the registry or something between returned a different blob than the one asked for'
        };
    }
    return parseImageConfig(blob.toString('utf8'));
}
function configOutput(config) {
    const { os, architecture, variant, created, labels, user } = config;
    return {
        ...(os ? { os } : {}),
        ...(architecture ? { architecture } : {}),
        ...(variant ? { variant } : {}),
        ...(created ? { created } : {}),
        labels,
        ...(user ? { user } : {})
    };
}

// EXTERNAL MODULE: ./src/insight/inspect.ts
var inspect = __webpack_require__(9708);
// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
;// CONCATENATED MODULE: ./src/insight/label-gate.ts
// The `require-labels` gate: which required labels an image config does not satisfy, in words
// that name the label, the value it has and the value required.

/** Registry text quoted in a message: JSON string syntax (blanks and controls show), clipped. */
const quoted = (value) => JSON.stringify((0,src_text/* clip */.$Q)(value, 200));
/** One sentence per unmet requirement; empty when every one is met. */
function unmetLabels(labels, requirements) {
    const unmet = [];
    for (const { key, value } of requirements) {
        const has = Object.hasOwn(labels, key) ? labels[key] : undefined;
        const required = value === undefined ? 'required to be present' : `required ${quoted(value)}`;
        if (has === undefined)
            unmet.push(`label ${key} is missing (${required})`);
        else if (value !== undefined && has !== value)
            unmet.push(`label ${key} is ${quoted(has)} (${required})`);
    }
    return unmet;
}
/** The labels every one of `sets` has with the same value: what a multi-arch image as a whole says. */
function sharedLabels(sets) {
    const [first, ...rest] = sets;
    if (!first)
        return {};
    return Object.fromEntries(Object.entries(first).filter(([key, value]) => rest.every((labels) => Object.hasOwn(labels, key) && labels[key] === value)));
}

// EXTERNAL MODULE: ./src/insight/platform-match.ts
var platform_match = __webpack_require__(1709);
;// CONCATENATED MODULE: ./src/insight/read-configs.ts
// What will run: reads the config blob of the images that need one (single images when a
// platform is asked, every image with `read-config`, and the platforms of a multi-arch image for
// `require-labels`) and turns it into facts and problems on each inspection. Loaded only when a
// run asks for configs; verdict.ts decides what the problems mean for the job.








/** The blob of a manifest's config, or why the manifest has none an image config can be read from. */
function configTarget(manifest, where) {
    if (!manifest || manifest.kind !== 'image' || !manifest.configDigest)
        return {
            code: 'ConfigUnreadable',
            reason: 'the manifest names no image config by a sha256 digest'
        };
    if (!manifest.configMediaType || !media_types/* CONTAINER_CONFIG_TYPES */.ZS.has(manifest.configMediaType)) {
        return {
            code: 'ConfigUnreadable',
            reason: `the config is ${manifest.configMediaType ?? 'of no media type'}, not a container image config`
        };
    }
    return { ...where, digest: manifest.configDigest };
}
const isTarget = (plan) => 'digest' in plan;
function whereOf(result) {
    const registryId = result.image?.registryId ?? result.request.registryId;
    const { region, repositoryName } = result.request;
    return { region, repositoryName, ...(registryId ? { registryId } : {}) };
}
/** Why a manifest that is no image nor index has no config to read. */
function noConfig(manifest) {
    return {
        code: 'ConfigUnreadable',
        reason: manifest.kind === 'schema1'
            ? 'a Docker schema 1 manifest has no image config'
            : `the manifest could not be analysed (${manifest.problem ?? 'unknown kind'}), so it names no image config`
    };
}
/** Which images of this entry need their config: itself, or the platforms of an index. */
function plansFor(entry, inputs, children) {
    const { manifest, result } = entry;
    if (!manifest)
        return [];
    const gate = inputs.requireLabels !== undefined;
    if (manifest.kind === 'schema1' || manifest.kind === 'unknown')
        // Nothing to show; but a platform or labels asked of it cannot be verified.
        return gate || inputs.platform ? [{ plan: noConfig(manifest) }] : [];
    if (!manifest.platforms) {
        // An artifact (Helm chart, signature) has no image config to show; asked for its platform
        // or its labels, it fails, since neither can be verified.
        if (manifest.artifactType && !gate && !inputs.platform)
            return [];
        return [{ plan: configTarget(manifest, whereOf(result)) }];
    }
    if (!gate && !(inputs.readConfig && inputs.resolvePlatforms))
        return [];
    const where = whereOf(result);
    return manifest.platforms.map((platform) => {
        const child = children.get((0,inspect/* childKey */.cF)(where, platform.digest));
        return {
            platform,
            plan: child
                ? configTarget(child, where)
                : {
                    code: 'ConfigUnreadable',
                    reason: `the ${platform.platform} manifest could not be read`
                }
        };
    });
}
function reading(plan, blobs) {
    if (!isTarget(plan))
        return plan;
    const outcome = blobs.get(blobKey(plan));
    if (!outcome || !('blob' in outcome))
        return { code: 'ConfigUnreadable', reason: outcome?.reason ?? 'the config was not fetched' };
    return readConfigBlob(outcome.blob, plan.digest);
}
/** Reads the configs the inputs need and records what they say on each inspection. */
async function readConfigs(inspected, children, inputs, context) {
    const childInfo = (0,inspect/* childManifests */.BI)(children);
    const plans = inspected.map((entry) => plansFor(entry, inputs, childInfo));
    const targets = plans.flat().flatMap(({ plan }) => (isTarget(plan) ? [plan] : []));
    const blobs = targets.length === 0
        ? new Map()
        : await fetchBlobs(targets, context.source, {
            clock: context.clock,
            maxAttempts: context.maxAttempts,
            ...(context.debug ? { debug: context.debug } : {})
        });
    return inspected.map((entry, index) => {
        const entryPlans = plans[index] ?? [];
        const title = (0,types/* annotationTitle */.q)(entry.result.request);
        const platforms = entry.manifest?.platforms;
        if (platforms) {
            const readings = entryPlans.map(({ platform, plan }) => ({
                platform: platform,
                reading: reading(plan, blobs)
            }));
            return readings.length > 0 || inputs.requireLabels !== undefined
                ? multiArch(entry, readings, inputs)
                : entry;
        }
        if (entryPlans.length === 0)
            return entry;
        return single(entry, reading(entryPlans[0].plan, blobs), inputs, title);
    });
}
/**
 * What a config that could not be read leaves unchecked, before the reason it could not. A
 * multi-arch image's platform is the index's to say, so only a single image's goes unverified.
 */
function unchecked(inputs, single) {
    const parts = [
        inputs.platform && single
            ? `its platform (${(0,platform/* formatPlatform */.B)(inputs.platform)} asked) cannot be verified`
            : '',
        inputs.requireLabels ? 'require-labels cannot be checked' : ''
    ].filter(Boolean);
    return parts.length > 0 ? `${parts.join(' and ')}: ` : '';
}
function single(entry, read, inputs, title) {
    if (!('config' in read)) {
        const { platformDigest: _unverified, ...rest } = entry;
        const reason = `${title}: ${unchecked(inputs, true)}${read.reason}`;
        return { ...rest, configProblem: { code: read.code, reason } };
    }
    const { config } = read;
    const updated = { ...entry, config: configOutput(config), labels: config.labels };
    if (inputs.platform) {
        const problem = platformProblem(config, inputs.platform, title);
        if (problem) {
            const { platformDigest: _wrong, ...rest } = updated;
            return { ...rest, configProblem: problem };
        }
    }
    const unmet = unmetLabels(config.labels, inputs.requireLabels ?? []);
    if (unmet.length > 0)
        updated.configProblem = labelProblem(title, unmet);
    return updated;
}
/** The platform of a single image, as its config states it, against the one asked for. */
function platformProblem(config, wanted, title) {
    if (!config.os || !config.architecture || !config.platform) {
        return {
            code: 'ConfigUnreadable',
            reason: `${title}: the image config names no valid os and architecture; its platform cannot be verified`
        };
    }
    const has = {
        os: config.os,
        architecture: config.architecture,
        ...(config.variant ? { variant: config.variant } : {})
    };
    const pick = (0,platform_match/* matchPlatform */.h0)([has], wanted);
    if (pick.match)
        return undefined;
    return { code: 'PlatformNotFound', reason: (0,platform_match/* describeNoMatch */.If)(wanted, title, [config.platform]) };
}
const labelProblem = (title, unmet) => ({
    code: 'LabelMismatch',
    reason: `${title} does not pass require-labels: ${unmet.join('; ')}`
});
/** Each platform whose config names another platform than the index lists it as. */
function platformConflicts(readings) {
    return readings.flatMap(({ platform, reading }) => {
        if (!('config' in reading))
            return [];
        const { os, architecture, variant, platform: stated } = reading.config;
        // A config that names no platform says nothing against the index.
        if (!os || !architecture || !stated)
            return [];
        const listed = (0,platform_match/* normalizePlatform */.FL)(platform);
        const said = (0,platform_match/* normalizePlatform */.FL)({ os, architecture, ...(variant ? { variant } : {}) });
        const same = listed.os === said.os &&
            listed.architecture === said.architecture &&
            listed.variant === said.variant;
        return same ? [] : [{ digest: platform.digest, listed: platform.platform, config: stated }];
    });
}
/**
 * Why the labels of some platforms of an index cannot be judged though require-labels asks:
 * no platform at all, or entries the analysis had to skip (any could be a platform).
 */
function indexGap(manifest, picked) {
    if ((manifest.platforms ?? []).length === 0)
        return 'the index lists no platform image';
    return picked === undefined ? manifest.problem : undefined;
}
function multiArch(entry, readings, inputs) {
    const title = (0,types/* annotationTitle */.q)(entry.result.request);
    const configs = new Map(readings.flatMap(({ platform, reading }) => 'config' in reading ? [[platform.digest, reading.config]] : []));
    const manifest = {
        ...entry.manifest,
        platforms: entry.manifest.platforms.map((platform) => {
            const config = configs.get(platform.digest);
            return config ? { ...platform, config: configOutput(config) } : platform;
        })
    };
    // With a platform asked, what runs is that platform's image: the gate and the labels are its own.
    const picked = entry.platformDigest;
    const judged = readings.filter(({ platform }) => !picked || platform.digest === picked);
    const updated = { ...entry, manifest };
    const conflicts = platformConflicts(readings);
    if (conflicts.length > 0)
        updated.platformConflicts = conflicts;
    const gap = inputs.requireLabels ? indexGap(manifest, picked) : undefined;
    const unreadable = judged.flatMap(({ platform, reading }) => 'config' in reading
        ? []
        : [{ code: reading.code, reason: `${platform.platform}: ${reading.reason}` }]);
    if (gap !== undefined)
        unreadable.push({ code: 'ConfigUnreadable', reason: gap });
    const [first] = unreadable;
    if (first) {
        const { platformDigest: _unverified, ...rest } = updated;
        const reasons = unreadable.map(({ reason }) => reason).join('; ');
        return {
            ...rest,
            configProblem: { code: first.code, reason: `${title}: ${unchecked(inputs, false)}${reasons}` }
        };
    }
    updated.labels = sharedLabels(judged.map(({ platform }) => configs.get(platform.digest).labels));
    const unmet = judged.flatMap(({ platform }) => unmetLabels(configs.get(platform.digest).labels, inputs.requireLabels ?? []).map((sentence) => `${platform.platform}: ${sentence}`));
    if (unmet.length > 0)
        updated.configProblem = labelProblem(title, unmet);
    return updated;
}


/***/ }),

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
