export const id = 784;
export const ids = [784];
export const modules = {

/***/ 784:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  baselineLookups: () => (/* binding */ baselineLookups),
  baselinesToVerify: () => (/* binding */ baselinesToVerify),
  compareWithBaselines: () => (/* binding */ compareWithBaselines),
  comparison: () => (/* binding */ comparison),
  comparisonFacts: () => (/* binding */ comparisonFacts)
});

// EXTERNAL MODULE: ./src/ecr/call-errors.ts
var call_errors = __webpack_require__(9530);
// EXTERNAL MODULE: ./src/ecr/results.ts
var results = __webpack_require__(4196);
// EXTERNAL MODULE: ./src/platform.ts
var src_platform = __webpack_require__(3728);
// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
// EXTERNAL MODULE: ./src/json.ts
var json = __webpack_require__(8301);
// EXTERNAL MODULE: ./src/insight/platform-match.ts
var platform_match = __webpack_require__(1709);
// EXTERNAL MODULE: ./src/media-types.ts
var media_types = __webpack_require__(9243);
;// CONCATENATED MODULE: ./src/insight/compare.ts
// What an image changes against its baseline (compare-to), from the manifests alone: no pull, no
// extra permission. Pure: sides in, facts out. Whether growth fails the job is verdict.ts's call.




/** The layer digests of a single-image manifest; undefined when any is not a sha256 digest. */
function layerDigests(manifest) {
    let parsed;
    try {
        parsed = JSON.parse(manifest);
    }
    catch {
        return undefined;
    }
    const layers = (0,json/* isPlainObject */.Q)(parsed) ? parsed['layers'] : undefined;
    if (!Array.isArray(layers))
        return undefined;
    const digests = layers.map((layer) => ((0,json/* isPlainObject */.Q)(layer) ? layer['digest'] : undefined));
    return digests.every((digest) => typeof digest === 'string' && media_types/* DIGEST_PATTERN */.WA.test(digest))
        ? digests
        : undefined;
}
/** Why a manifest gives no image size; undefined when it gives one. */
function sizeProblemOf(info) {
    if (info === undefined)
        return 'no manifest came back';
    switch (info.kind) {
        case 'image':
            return info.size === undefined ? (info.problem ?? 'size not computed') : undefined;
        case 'index':
            return 'a multi-arch index, not an image';
        case 'schema1':
            return 'a Docker schema 1 manifest, which lists no layer sizes';
        default:
            return `not an image manifest (${info.problem ?? 'unknown kind'})`;
    }
}
/** A single image's build from its analysis and manifest text; undefined for a bad digest. */
function buildOf(digest, info, manifest) {
    if (!digest || !media_types/* DIGEST_PATTERN */.WA.test(digest))
        return undefined;
    const layers = info?.kind === 'image' && manifest ? layerDigests(manifest) : undefined;
    const sizeProblem = sizeProblemOf(info);
    return {
        digest,
        ...(sizeProblem === undefined ? { size: info.size } : { sizeProblem }),
        ...(layers ? { layers } : {})
    };
}
/** The key platforms are matched by: containerd's normalisation, plus the Windows `os.version`. */
function platformKey(platform) {
    const normal = (0,src_platform/* formatPlatform */.B)((0,platform_match/* normalizePlatform */.FL)(platform));
    return platform.osVersion ? `${normal} ${platform.osVersion}` : normal;
}
/** An index's side: each runnable platform (attestations are not) with its child's build. */
function indexSide(digest, info, childBuild) {
    const platforms = new Map();
    for (const child of info.platforms ?? []) {
        const key = platformKey(child);
        // The analysis keeps only children with a sha256 digest (manifest.ts).
        if (platforms.has(key))
            continue;
        platforms.set(key, {
            platform: child.platform,
            build: childBuild(child.digest) ?? { digest: child.digest, sizeProblem: 'not fetched' }
        });
    }
    return { digest, platforms, ...(info.problem ? { indexProblem: info.problem } : {}) };
}
/** What is wrong on either side of a comparison, the image's first; undefined when neither. */
function eitherSide(image, baseline) {
    const said = [image, baseline].filter((text) => text !== undefined);
    return said.length > 0 ? said.join('; ') : undefined;
}
/** Which manifest of which side a size problem is about, as the reasons name it. */
const sideManifest = (side, build, platform) => `the ${side}'s ${platform ? `${platform} ` : ''}manifest ${build.digest}`;
/**
 * Two builds' sizes and layers side by side. `platform` names the pair in a size problem. The
 * same digest is the same image: it needs no size to say it did not grow.
 */
function compareBuilds(build, baseline, platform) {
    const change = {
        changed: build.digest !== baseline.digest,
        digest: build.digest,
        baselineDigest: baseline.digest
    };
    if (build.size !== undefined && baseline.size !== undefined) {
        Object.assign(change, {
            size: build.size,
            baselineSize: baseline.size,
            sizeDelta: build.size - baseline.size
        });
    }
    else if (change.changed) {
        const unsized = (side, of) => of.size === undefined
            ? `${sideManifest(side, of, platform)}: ${of.sizeProblem ?? 'no size'}`
            : undefined;
        const problem = eitherSide(unsized('image', build), unsized('baseline', baseline));
        if (problem !== undefined)
            change.sizeProblem = problem;
    }
    if (build.layers && baseline.layers) {
        const mine = new Set(build.layers);
        const theirs = new Set(baseline.layers);
        const shared = [...mine].filter((layer) => theirs.has(layer)).length;
        Object.assign(change, {
            layersAdded: mine.size - shared,
            layersRemoved: theirs.size - shared,
            layersShared: shared
        });
    }
    return change;
}
/** A build with nothing to compare with: changed, and all its layers added. */
function newBuild(build) {
    return {
        changed: true,
        digest: build.digest,
        ...(build.size !== undefined ? { size: build.size } : {}),
        ...(build.layers ? { layersAdded: new Set(build.layers).size } : {})
    };
}
/** The image against its baseline; `baseline` undefined means there is none (a new image). */
function compareSides(image, baseline, label) {
    if (!baseline) {
        const change = { baseline: label, new: true, ...newBuild(image) };
        if (image.platforms)
            change.platforms = newPlatforms(image.platforms);
        return change;
    }
    if (!image.platforms && !baseline.platforms)
        return { baseline: label, ...compareBuilds(image, baseline) };
    if (!image.platforms || !baseline.platforms) {
        // A change of kind: the digests still say whether it changed, but the sizes do not pair.
        const kinds = image.platforms
            ? 'the image is a multi-arch index and the baseline a single image'
            : 'the image is a single image and the baseline a multi-arch index';
        return {
            baseline: label,
            changed: image.digest !== baseline.digest,
            digest: image.digest,
            baselineDigest: baseline.digest,
            sizeProblem: `${kinds}, so their sizes do not pair; set platform to compare that platform's image with the single one`
        };
    }
    const platforms = {};
    const added = [];
    for (const [key, { platform, build }] of image.platforms) {
        const before = baseline.platforms.get(key);
        if (before)
            platforms[platform] = compareBuilds(build, before.build, platform);
        else {
            platforms[platform] = { ...newBuild(build), new: true };
            added.push(platform);
        }
    }
    const removed = [...baseline.platforms]
        .filter(([key]) => !image.platforms?.has(key))
        .map(([, { platform }]) => platform);
    const indexProblem = eitherSide(image.indexProblem && `the image's index ${image.digest}: ${image.indexProblem}`, baseline.indexProblem && `the baseline's index ${baseline.digest}: ${baseline.indexProblem}`);
    return {
        baseline: label,
        changed: image.digest !== baseline.digest,
        digest: image.digest,
        baselineDigest: baseline.digest,
        ...(indexProblem !== undefined && image.digest !== baseline.digest
            ? { sizeProblem: indexProblem }
            : {}),
        platforms,
        platformsAdded: added,
        platformsRemoved: removed
    };
}
/**
 * A single image and a multi-arch one compared through the platform asked for: the index's image
 * of that platform against the single image (`platform` names it as the index does). A side that
 * has no such image gives the reason instead of a build.
 */
function comparePlatform(image, baseline, label, pair) {
    const whole = {
        baseline: label,
        changed: image.digest !== baseline.digest,
        digest: image.digest,
        baselineDigest: baseline.digest
    };
    if (typeof pair.image === 'string' || typeof pair.baseline === 'string') {
        const unpaired = (side, pick) => typeof pick === 'string' ? `the ${side}: ${pick}` : undefined;
        const sizeProblem = eitherSide(unpaired('image', pair.image), unpaired('baseline', pair.baseline));
        return { ...whole, ...(sizeProblem ? { sizeProblem } : {}) };
    }
    return {
        ...whole,
        platforms: { [pair.platform]: compareBuilds(pair.image, pair.baseline, pair.platform) }
    };
}
function newPlatforms(platforms) {
    return Object.fromEntries([...platforms.values()].map(({ platform, build }) => [
        platform,
        { ...newBuild(build), new: true }
    ]));
}
/** Every size with a baseline size in the change: the image's, or each platform's. */
function sizeGrowths(change) {
    const growths = [];
    if (change.size !== undefined && change.baselineSize !== undefined)
        growths.push({ size: change.size, baselineSize: change.baselineSize });
    for (const [platform, child] of Object.entries(change.platforms ?? {})) {
        if (child.size !== undefined && child.baselineSize !== undefined)
            growths.push({ platform, size: child.size, baselineSize: child.baselineSize });
    }
    return growths;
}
/**
 * Every size of the change that could not be measured against the baseline, naming what is
 * missing. A platform the baseline does not have is new, not a gap; but a change in which no
 * image or platform pairs with the baseline at all has nothing measured, and says so.
 */
function sizeGaps(change) {
    const gaps = [];
    if (change.sizeProblem !== undefined)
        gaps.push({ reason: change.sizeProblem });
    const paired = Object.entries(change.platforms ?? {}).filter(([, child]) => !child.new);
    for (const [platform, child] of paired) {
        if (child.sizeProblem !== undefined)
            gaps.push({ platform, reason: child.sizeProblem });
    }
    if (gaps.length === 0 && change.changed && change.platforms && paired.length === 0) {
        const platforms = Object.keys(change.platforms);
        const named = platforms.slice(0, PLATFORMS_NAMED).join(', ');
        const more = platforms.length > PLATFORMS_NAMED ? ` and ${platforms.length - PLATFORMS_NAMED} more` : '';
        gaps.push({
            reason: platforms.length > 0
                ? `none of the image's platforms (${named}${more}) is in the baseline`
                : 'the image lists no platform'
        });
    }
    return gaps;
}
/** How many platforms a size problem names before "and N more": an index can list hundreds. */
const PLATFORMS_NAMED = 10;

// EXTERNAL MODULE: ./src/insight/inspect.ts
var inspect = __webpack_require__(9708);
// EXTERNAL MODULE: ./src/insight/integrity.ts
var integrity = __webpack_require__(8227);
;// CONCATENATED MODULE: ./src/insight/baselines.ts
// compare-to: one baseline lookup per image id (the same repository at the compare-to tag or
// digest), and each image's change against what came back. Loaded only when compare-to is set.







/** The baseline of each lookup, in the lookups' order; planCalls groups them with the images. */
function baselineLookups(lookups, settings) {
    return lookups.map(({ key: _key, imageTag: _tag, imageDigest: _digest, ...target }) => ({
        ...target,
        key: settings.label,
        ...settings.baseline
    }));
}
/** Registry text in a reason: long enough to say what went wrong, never a wall of it. */
const REASON_CHARS = 300;
/**
 * Why an answer gives no manifest to measure, in words that follow "the manifest …: ": the
 * call's error, ECR's failure, or a failed integrity check; undefined when it gives one.
 */
function answerProblem(result) {
    if (result.error)
        return (0,call_errors/* describeCallError */.iR)(result.error, result.request);
    if (result.failure) {
        const { failureCode = 'UnknownFailure', failureReason } = result.failure;
        const said = failureReason
            ? `${failureCode}: ${(0,src_text/* clip */.$Q)(failureReason, REASON_CHARS)}`
            : failureCode;
        return failureCode === results/* IMAGE_NOT_FOUND */.vG ? `not in the repository (${said})` : said;
    }
    return (0,integrity/* integrityProblem */.RP)(result);
}
/** The build of every child manifest fetched, by repository and digest; why not, for the others. */
function childBuilds(children) {
    const builds = new Map();
    for (const child of children) {
        const digest = child.request.imageDigest;
        if (!digest)
            continue;
        const problem = answerProblem(child);
        const build = problem === undefined
            ? buildOf(digest, (0,inspect/* verifiedManifest */.uS)(child), child.image?.imageManifest)
            : { digest, sizeProblem: problem };
        if (build)
            builds.set((0,inspect/* childKey */.cF)(child.request, digest), build);
    }
    return (target, digest) => builds.get((0,inspect/* childKey */.cF)(target, digest)) ?? { digest, sizeProblem: 'not fetched' };
}
function sideOf(entry, childBuild) {
    const { result, manifest } = entry;
    const digest = result.image?.imageId?.imageDigest;
    if (manifest?.kind === 'index' && digest) {
        return indexSide(digest, manifest, (child) => childBuild(result.request, child));
    }
    return buildOf(digest, manifest, result.image?.imageManifest);
}
/** Why a baseline that did not come back as an image cannot be compared; undefined when it can. */
function baselineProblem(result) {
    return (0,results/* isNotFound */.c4)(result) ? undefined : answerProblem(result);
}
/**
 * The image of the platform asked for on one side of a single/multi-arch pair, or why there is
 * none: an index's child as `platform` picked it (inspect.ts), a single image only when its config
 * said it is of that platform (read-configs.ts keeps its platformDigest only then).
 */
function platformImage(entry, side) {
    if (side.platforms) {
        const picked = [...side.platforms.values()].find(({ build }) => build.digest === entry.platformDigest);
        return (picked ?? entry.platformProblem ?? entry.configProblem?.reason ?? 'it has no such platform');
    }
    if (entry.config && entry.platformDigest === side.digest)
        return { build: side };
    return entry.configProblem?.reason ?? 'its platform was not verified from its config';
}
/** A single image and a multi-arch one, compared through the platform asked for. */
function pairedChange(image, baseline, platform, label) {
    const mine = platformImage(image.entry, image.side);
    const theirs = platformImage(baseline.entry, baseline.side);
    const named = [mine, theirs].find((pick) => typeof pick !== 'string' && pick.platform);
    return comparePlatform(image.side, baseline.side, label, {
        platform: (typeof named === 'string' ? undefined : named?.platform) ?? (0,src_platform/* formatPlatform */.B)(platform),
        image: typeof mine === 'string' ? mine : mine.build,
        baseline: typeof theirs === 'string' ? theirs : theirs.build
    });
}
/**
 * The baselines whose config must be read to pair them: with `platform`, a single-image baseline
 * of a multi-arch image is compared with the index's image of that platform, so its own platform
 * must be verified first. Indexes into `baselines`.
 */
function baselinesToVerify(images, baselines, platform) {
    if (!platform)
        return [];
    return baselines.flatMap((baseline, index) => images[index]?.manifest?.kind === 'index' && baseline.manifest?.kind === 'image' ? [index] : []);
}
/**
 * Each image's change against its baseline, in the images' order; undefined for an image that
 * did not come back (it has nothing to compare). A baseline ECR does not have makes the image new.
 * With `platform`, a single image and a multi-arch one are compared through that platform.
 */
function compareWithBaselines(images, baselines, children, settings, platform) {
    const childBuild = childBuilds(children);
    return images.map((image, index) => {
        const side = image.manifest ? sideOf(image, childBuild) : undefined;
        const baseline = baselines[index];
        if (!side || !baseline)
            return undefined;
        if ((0,results/* isNotFound */.c4)(baseline.result))
            return compareSides(side, undefined, settings.label);
        const problem = baselineProblem(baseline.result);
        const before = problem === undefined ? sideOf(baseline, childBuild) : undefined;
        if (!before) {
            const why = problem ?? 'the baseline has no valid digest';
            return { baseline: settings.label, digest: side.digest, problem: why };
        }
        if (platform && Boolean(side.platforms) !== Boolean(before.platforms))
            return pairedChange({ entry: image, side }, { entry: baseline, side: before }, platform, settings.label);
        return compareSides(side, before, settings.label);
    });
}
/** What verdict.ts judges of a change: the sizes to gate, those that could not be, and why. */
function comparisonFacts(change) {
    if (!change)
        return {};
    if (change.problem !== undefined)
        return { baselineProblem: change.problem };
    if (change.new)
        return { baselineMissing: true };
    return { growth: sizeGrowths(change), gaps: sizeGaps(change) };
}
/** compare-to's part of the pipeline, bound to its settings. */
function comparison(settings) {
    return {
        label: settings.label,
        baselines: (lookups) => baselineLookups(lookups, settings),
        toVerify: baselinesToVerify,
        compare: (images, baselines, children, platform) => compareWithBaselines(images, baselines, children, settings, platform),
        facts: comparisonFacts
    };
}


/***/ })

};
