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
  compareWithBaselines: () => (/* binding */ compareWithBaselines),
  comparison: () => (/* binding */ comparison),
  comparisonFacts: () => (/* binding */ comparisonFacts)
});

// EXTERNAL MODULE: ./src/ecr/results.ts
var results = __webpack_require__(4196);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/json.ts
var json = __webpack_require__(8301);
// EXTERNAL MODULE: ./src/platform.ts
var src_platform = __webpack_require__(3728);
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
/** A single image's build from its analysis and manifest text; undefined for a bad digest. */
function buildOf(digest, info, manifest) {
    if (!digest || !media_types/* DIGEST_PATTERN */.WA.test(digest))
        return undefined;
    const layers = info?.kind === 'image' && manifest ? layerDigests(manifest) : undefined;
    return {
        digest,
        ...(info?.kind === 'image' && info.size !== undefined ? { size: info.size } : {}),
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
            build: childBuild(child.digest) ?? { digest: child.digest }
        });
    }
    return { digest, platforms };
}
function compareBuilds(build, baseline) {
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
    if (!image.platforms || !baseline.platforms) {
        // Single against single, or a change of kind: the digests still say whether it changed.
        return { baseline: label, ...compareBuilds(image, baseline) };
    }
    const platforms = {};
    const added = [];
    for (const [key, { platform, build }] of image.platforms) {
        const before = baseline.platforms.get(key);
        if (before)
            platforms[platform] = compareBuilds(build, before.build);
        else {
            platforms[platform] = { ...newBuild(build), new: true };
            added.push(platform);
        }
    }
    const removed = [...baseline.platforms]
        .filter(([key]) => !image.platforms?.has(key))
        .map(([, { platform }]) => platform);
    return {
        baseline: label,
        changed: image.digest !== baseline.digest,
        digest: image.digest,
        baselineDigest: baseline.digest,
        platforms,
        platformsAdded: added,
        platformsRemoved: removed
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
/** The build of every child manifest fetched, by repository and digest. */
function childBuilds(children) {
    const builds = new Map();
    for (const child of children) {
        const { image, request } = child;
        const info = (0,inspect/* verifiedManifest */.uS)(child);
        if (!info || !image?.imageManifest || !request.imageDigest)
            continue;
        const build = buildOf(request.imageDigest, info, image.imageManifest);
        if (build)
            builds.set((0,inspect/* childKey */.cF)(request, request.imageDigest), build);
    }
    return (target, digest) => builds.get((0,inspect/* childKey */.cF)(target, digest));
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
    if (result.error)
        return (0,errors/* errorMessage */.g)(result.error);
    if (result.failure) {
        const { failureCode = 'UnknownFailure', failureReason } = result.failure;
        return failureReason ? `${failureCode}: ${failureReason}` : failureCode;
    }
    return (0,integrity/* integrityProblem */.RP)(result);
}
/**
 * Each image's change against its baseline, in the images' order; undefined for an image that
 * did not come back (it has nothing to compare). A baseline ECR does not have makes the image new.
 */
function compareWithBaselines(images, baselines, children, settings) {
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
        return compareSides(side, before, settings.label);
    });
}
/** What verdict.ts judges of a change: the sizes to gate and a comparison that failed. */
function comparisonFacts(change) {
    if (!change)
        return {};
    return change.problem !== undefined
        ? { baselineProblem: change.problem }
        : { growth: sizeGrowths(change) };
}
/** compare-to's part of the pipeline, bound to its settings. */
function comparison(settings) {
    return {
        label: settings.label,
        baselines: (lookups) => baselineLookups(lookups, settings),
        compare: (images, baselines, children) => compareWithBaselines(images, baselines, children, settings),
        facts: comparisonFacts
    };
}


/***/ })

};
