export const id = 747;
export const ids = [747];
export const modules = {

/***/ 8747:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   addConfigFacts: () => (/* binding */ addConfigFacts),
/* harmony export */   labelsOutput: () => (/* binding */ labelsOutput)
/* harmony export */ });
/* unused harmony exports REVISION_LABEL, SOURCE_LABEL, VERSION_LABEL, revisionCell, builtAgo */
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3728);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7712);
/* harmony import */ var _json_output_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6991);
/* harmony import */ var _outputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8601);
// What the image config adds to the reports: the platform of a single image, the revision it was
// built from (linked to the commit when the source label is a GitHub repository), its version and
// its age; and the `labels` output. Loaded only with the config stage. Every value is registry
// text: validated before it becomes a link, escaped before it is shown.




const REVISION_LABEL = 'org.opencontainers.image.revision';
const SOURCE_LABEL = 'org.opencontainers.image.source';
const VERSION_LABEL = 'org.opencontainers.image.version';
/** `https://github.com/owner/repo` (optionally `.git` or a trailing slash), nothing else. */
const GITHUB_REPOSITORY = /^https:\/\/github\.com\/([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100}?)(?:\.git)?\/?$/;
/** A git commit id: SHA-1 or SHA-256, hex. */
const COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
/** The revision, short, as a link to its commit when both labels are what they claim to be. */
function revisionCell(labels) {
    const revision = labels[REVISION_LABEL];
    if (!revision)
        return undefined;
    const short = COMMIT.test(revision) ? revision.slice(0, 7) : revision;
    const source = GITHUB_REPOSITORY.exec(labels[SOURCE_LABEL] ?? '');
    if (!source || !COMMIT.test(revision) || source[2] === '.' || source[2] === '..')
        return (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(short, 100);
    return `[\`${short}\`](https://github.com/${source[1]}/${source[2]}/commit/${revision})`;
}
const UNITS = [
    ['year', 365 * 86_400_000],
    ['month', 30 * 86_400_000],
    ['day', 86_400_000],
    ['hour', 3_600_000],
    ['minute', 60_000]
];
/** "built 3 days ago"; a date in the future is said as it is, never as an age. */
function builtAgo(created, nowMs) {
    const at = Date.parse(created);
    if (Number.isNaN(at))
        return undefined;
    const elapsed = nowMs - at;
    if (elapsed < 0)
        return `built ${created} (in the future by this runner's clock)`;
    for (const [unit, ms] of UNITS) {
        const n = Math.floor(elapsed / ms);
        if (n >= 1)
            return `built ${n} ${unit}${n === 1 ? '' : 's'} ago`;
    }
    return 'built less than a minute ago';
}
function configFacts(config, nowMs) {
    const revision = revisionCell(config.labels);
    const version = config.labels[VERSION_LABEL];
    const age = config.created ? builtAgo(config.created, nowMs) : undefined;
    const facts = [
        ['Revision', revision],
        ['Version', version && (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(version, 100)],
        ['Age', age && config.created && `${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(age)} (${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(config.created, 40)})`],
        ['User', config.user && (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(config.user, 100)]
    ];
    return facts.filter((fact) => Boolean(fact[1]));
}
/** Adds each config's facts to its row; a single image's platform, from its config, too. */
function addConfigFacts(rows, verdicts, nowMs) {
    rows.forEach((row, index) => {
        const verdict = verdicts[index];
        // A multi-arch image has no config of its own: its revision and version are the labels
        // its platforms share.
        const config = verdict?.config ?? (verdict?.labels ? { labels: verdict.labels } : undefined);
        if (!config)
            return;
        const { os, architecture, variant } = config;
        if (row.manifest && !row.manifest.platforms && os && architecture)
            row.manifest = {
                ...row.manifest,
                platform: (0,_platform_js__WEBPACK_IMPORTED_MODULE_2__/* .formatPlatform */ .B)({ os, architecture, ...(variant ? { variant } : {}) })
            };
        row.configFacts = configFacts(config, nowMs);
    });
}
/** The `labels` output: each id as written → its labels, for the ids whose config was read. */
function labelsOutput(verdicts) {
    const labels = {};
    for (const verdict of verdicts)
        if (verdict.labels)
            labels[verdict.result.request.key] = (0,_outputs_js__WEBPACK_IMPORTED_MODULE_1__/* .shownLabels */ .dU)(verdict.labels).labels;
    return _json_output_js__WEBPACK_IMPORTED_MODULE_3__/* .JsonOutput */ .i.record(labels);
}


/***/ })

};
