export const id = 87;
export const ids = [87];
export const modules = {

/***/ 5087:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  withReferrers: () => (/* binding */ withReferrers)
});

// UNUSED EXPORTS: TAG_KINDS, classifyArtifactType

// EXTERNAL MODULE: ./src/ecr/calls.ts + 14 modules
var calls = __webpack_require__(519);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecr/dist-es/commandBuilder.js
var commandBuilder = __webpack_require__(1469);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecr/dist-es/schemas/schemas_0.js + 2 modules
var schemas_0 = __webpack_require__(4872);
;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-ecr/dist-es/commands/ListImageReferrersCommand.js


class ListImageReferrersCommand extends (0,commandBuilder/* command */.G5)(commandBuilder/* _ep0 */.lq, commandBuilder/* _mw0 */.yt, "ListImageReferrers", schemas_0/* ListImageReferrers$ */.sYB) {
}

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/media-types.ts
var media_types = __webpack_require__(9243);
// EXTERNAL MODULE: ./src/ecr/lookup.ts + 1 modules
var lookup = __webpack_require__(8661);
;// CONCATENATED MODULE: ./src/ecr/referrers.ts
// The referrers of images, as ECR knows them: ListImageReferrers per subject digest (every page),
// and the older cosign tag scheme (`sha256-<hex>.sig`, `.att`, `.sbom`) asked in one more batched
// BatchGetImage round. Loaded only when `referrers` or `require-referrers` is set.





/** ListImageReferrers takes 1 to 50 results per page (20 when not given). */
const PAGE_SIZE = 50;
/** Pages followed per subject before giving up: 5,000 referrers is beyond any real image. */
const MAX_PAGES = 100;
const STATUSES = new Set(['ACTIVE', 'ARCHIVED', 'ACTIVATING']);
const MAX_ANNOTATIONS = 64;
/** A referrer ECR sent, or undefined when a field is not what the API model says it is. */
function checkReferrer(raw) {
    if (typeof raw !== 'object' || raw === null)
        return undefined;
    const entry = raw;
    const { digest, mediaType, artifactType, size, artifactStatus } = entry;
    if (typeof digest !== 'string' || !media_types/* DIGEST_PATTERN */.WA.test(digest))
        return undefined;
    if (typeof mediaType !== 'string' || !media_types/* MEDIA_TYPE_PATTERN */.F4.test(mediaType))
        return undefined;
    if (artifactType !== undefined && artifactType !== null) {
        if (typeof artifactType !== 'string' || !media_types/* MEDIA_TYPE_PATTERN */.F4.test(artifactType))
            return undefined;
    }
    if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0)
        return undefined;
    const status = typeof artifactStatus === 'string' && STATUSES.has(artifactStatus) ? artifactStatus : 'UNKNOWN';
    return {
        digest,
        mediaType,
        ...(typeof artifactType === 'string' ? { artifactType } : {}),
        size,
        annotations: checkAnnotations(entry.annotations),
        status
    };
}
/** String pairs only, at most 64 of them: annotations are free-form registry text. */
function checkAnnotations(raw) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
        return {};
    const pairs = Object.entries(raw).filter((pair) => typeof pair[1] === 'string' && pair[0].length <= 256 && pair[1].length <= 4096);
    return Object.fromEntries(pairs.slice(0, MAX_ANNOTATIONS));
}
/** Every referrer of every subject, archived ones included, at most `concurrency` calls at once. */
async function listReferrers(subjects, clientFor, options = {}) {
    return (0,calls/* mapConcurrent */._k)(subjects, options.concurrency ?? calls/* DEFAULT_CONCURRENCY */.WH, async (subject) => {
        try {
            return { subject, ...(await listPages(subject, clientFor(subject.region), options.debug)) };
        }
        catch (error) {
            options.debug?.(`ListImageReferrers error (${subject.region}): ${String(error)}`);
            return { subject, error: (0,errors/* asError */.z)(error) };
        }
    });
}
async function listPages(subject, client, debug) {
    const referrers = [];
    const tokens = new Set();
    let ignored = 0;
    let nextToken;
    for (let page = 0; page < MAX_PAGES; page++) {
        const input = {
            ...(subject.registryId ? { registryId: subject.registryId } : {}),
            repositoryName: subject.repositoryName,
            subjectId: { imageDigest: subject.digest },
            // ANY: archived referrers are shown as archived; only ACTIVE ones are ever counted.
            filter: { artifactStatus: 'ANY' },
            maxResults: PAGE_SIZE,
            ...(nextToken ? { nextToken } : {})
        };
        debug?.(`ListImageReferrers request (${subject.region}): ${JSON.stringify(input)}`);
        const output = await client.send(new ListImageReferrersCommand(input));
        const { $metadata, ...body } = output;
        debug?.(`ListImageReferrers response (${subject.region}, request id ` +
            `${$metadata?.requestId ?? 'none'}): ${JSON.stringify(body)}`);
        for (const raw of Array.isArray(output.referrers) ? output.referrers : []) {
            const referrer = checkReferrer(raw);
            if (referrer)
                referrers.push(referrer);
            else
                ignored++;
        }
        const token = output.nextToken;
        if (typeof token !== 'string' || token === '')
            return { referrers, ignored };
        if (tokens.has(token))
            throw new Error('ListImageReferrers returned the same nextToken twice');
        tokens.add(token);
        nextToken = token;
    }
    throw new Error(`ListImageReferrers still had more pages after ${MAX_PAGES} pages`);
}
/** The cosign tag suffixes, and the tag cosign gives each: `sha256-<hex>.sig`. */
const COSIGN_SUFFIXES = ['sig', 'att', 'sbom'];
function cosignTag(digest, suffix) {
    return `${digest.replace(':', '-')}.${suffix}`;
}
/** The cosign tags of every subject, looked up in batched calls (100 ids a call, per repository). */
async function lookUpCosignTags(subjects, context, suffixes = COSIGN_SUFFIXES) {
    const lookups = subjects.flatMap((subject) => suffixes.map((suffix) => {
        const tag = cosignTag(subject.digest, suffix);
        return { ...subject, key: tag, imageTag: tag };
    }));
    // cosign pushes OCI manifests; a narrowed accepted-media-types must not hide them.
    return (0,lookup/* lookUpImages */.F)(lookups, { ...context, acceptedMediaTypes: [...media_types/* MANIFEST_MEDIA_TYPES */.$T] });
}

// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
// EXTERNAL MODULE: ./src/insight/manifest.ts
var insight_manifest = __webpack_require__(455);
;// CONCATENATED MODULE: ./src/insight/referrers.ts
// What is attached to each image found: its referrers (ListImageReferrers) and its cosign tags,
// classified as signature, SBOM or attestation. Facts only: whether an id passes is decided in
// verdict.ts. main.ts imports this module only when `referrers` or `require-referrers` is set.





const KIND_PREFIXES = [
    ['application/vnd.dev.sigstore.bundle', 'signature'],
    ['application/vnd.cncf.notary.signature', 'signature'],
    ['application/vnd.dev.cosign.simplesigning', 'signature'],
    ['application/spdx', 'sbom'],
    ['text/spdx', 'sbom'],
    ['application/vnd.cyclonedx', 'sbom'],
    ['application/vnd.in-toto', 'attestation']
];
/** The kind an artifact type names: cosign bundles and notation are signatures, and so on. */
function classifyArtifactType(artifactType) {
    if (!artifactType)
        return 'other';
    const type = artifactType.toLowerCase();
    const match = KIND_PREFIXES.find(([prefix]) => type === prefix || type.startsWith(prefix + '+') || type.startsWith(prefix + '.'));
    return match ? match[1] : 'other';
}
const TAG_KINDS = {
    sig: 'signature',
    att: 'attestation',
    sbom: 'sbom'
};
function fromListing(referrer, subject) {
    return {
        kind: classifyArtifactType(referrer.artifactType),
        artifactType: referrer.artifactType ?? null,
        digest: referrer.digest,
        mediaType: referrer.mediaType,
        size: referrer.size,
        status: referrer.status,
        annotations: referrer.annotations,
        source: 'referrers',
        subject
    };
}
/** A cosign tag that BatchGetImage found: pullable, so ACTIVE. */
function fromTag(result, suffix, subject) {
    const image = result.image ?? {};
    const manifest = image.imageManifest ?? '';
    const info = (0,insight_manifest/* analyzeManifest */.e1)(manifest, image.imageManifestMediaType);
    // Registry text: kept only when it is a media type (the manifest's artifact type rule is
    // manifest.ts's: `artifactType`, else a config that is not a container image's).
    const mediaType = (type) => type !== undefined && media_types/* MEDIA_TYPE_PATTERN */.F4.test(type) ? type : null;
    return {
        kind: TAG_KINDS[suffix],
        artifactType: mediaType(info.artifactType),
        digest: image.imageId?.imageDigest ?? '',
        mediaType: mediaType(info.mediaType) ?? '',
        size: Buffer.byteLength(manifest, 'utf8'),
        status: 'ACTIVE',
        annotations: checkAnnotations(info.annotations),
        source: 'tag',
        subject
    };
}
const subjectKey = (subject) => (0,calls/* targetKey */.hD)(subject) + subject.digest;
/** The digests each entry asks about: its own, and its platforms' with resolve-platforms. */
function subjectsOf(entry, withPlatforms) {
    const digest = entry.result.image?.imageId?.imageDigest;
    if (!entry.manifest || !digest)
        return [];
    const { region, repositoryName } = entry.result.request;
    const registryId = entry.result.image?.registryId ?? entry.result.request.registryId;
    const base = { region, repositoryName, ...(registryId ? { registryId } : {}) };
    const platforms = withPlatforms ? (entry.manifest.platforms ?? []) : [];
    return [digest, ...platforms.map((child) => child.digest)].map((d) => ({ ...base, digest: d }));
}
/** Each entry with its referrer facts; images not found get none. Each subject is asked once. */
async function withReferrers(inspected, context) {
    const perEntry = inspected.map((entry) => subjectsOf(entry, context.resolvePlatforms));
    const unique = new Map(perEntry.flat().map((subject) => [subjectKey(subject), subject]));
    const subjects = [...unique.values()];
    if (subjects.length === 0)
        return inspected;
    const [listings, tags] = await Promise.all([
        listReferrers(subjects, context.clientFor, {
            ...(context.lookup.debug ? { debug: context.lookup.debug } : {})
        }),
        lookUpCosignTags(subjects, context.lookup)
    ]);
    const listingOf = new Map(listings.map((listing) => [subjectKey(listing.subject), listing]));
    const tagOf = new Map(tags.map((result) => [(0,calls/* targetKey */.hD)(result.request) + result.request.key, result]));
    return inspected.map((entry, index) => {
        const own = perEntry[index] ?? [];
        if (own.length === 0)
            return entry;
        const facts = emptyFacts();
        own.forEach((subject, position) => {
            const found = collect(subject, listingOf.get(subjectKey(subject)), (tag) => tagOf.get((0,calls/* targetKey */.hD)(subject) + tag));
            for (const record of found.records)
                facts.records.push(record);
            for (const problem of found.problems)
                facts.problems.push(problem);
            if (position > 0)
                return;
            count(facts, found.records);
            for (const problem of found.problems)
                facts.uncertain.push(problem);
            const unknown = found.records.filter((record) => record.status === 'UNKNOWN').length;
            if (unknown > 0)
                facts.uncertain.push(`${unknown} referrer(s) of ${subject.digest} came with no known status (ACTIVE, ARCHIVED or ACTIVATING)`);
        });
        return { ...entry, referrers: facts };
    });
}
function emptyFacts() {
    return { records: [], counted: {}, notCounted: 0, problems: [], uncertain: [] };
}
/** An error as a reason names it: its name (the API's error code) and message, clipped. */
function errorText(error) {
    const text = error.name && error.name !== 'Error' ? `${error.name}: ${error.message}` : error.message;
    return (0,src_text/* clip */.$Q)(text, 300);
}
function collect(subject, listing, tagResult) {
    const records = [];
    const problems = [];
    if (!listing || 'error' in listing) {
        problems.push(listing
            ? `ListImageReferrers failed for ${subject.digest} (${errorText(listing.error)})`
            : `no ListImageReferrers call covered ${subject.digest}`);
    }
    else {
        for (const referrer of listing.referrers)
            records.push(fromListing(referrer, subject.digest));
        if (listing.ignored > 0)
            problems.push(`${listing.ignored} malformed referrer(s) of ${subject.digest} were ignored`);
    }
    for (const suffix of COSIGN_SUFFIXES) {
        const tag = cosignTag(subject.digest, suffix);
        const result = tagResult(tag);
        if (result?.image && media_types/* DIGEST_PATTERN */.WA.test(result.image.imageId?.imageDigest ?? '')) {
            records.push(fromTag(result, suffix, subject.digest));
        }
        else if (result?.failure?.failureCode !== 'ImageNotFound') {
            const why = result?.error
                ? errorText(result.error)
                : (result?.failure?.failureCode ?? 'no usable answer');
            problems.push(`BatchGetImage of the cosign tag ${tag} failed (${why})`);
        }
    }
    return { records, problems };
}
/** Only ACTIVE artifacts count, by kind and by artifact type. */
function count(facts, records) {
    for (const record of records) {
        if (record.status !== 'ACTIVE') {
            facts.notCounted++;
            continue;
        }
        for (const key of new Set([record.kind, record.artifactType ?? ''])) {
            if (key !== '')
                facts.counted[key] = (facts.counted[key] ?? 0) + 1;
        }
    }
}


/***/ })

};
