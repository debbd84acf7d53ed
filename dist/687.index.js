export const id = 687;
export const ids = [687];
export const modules = {

/***/ 5068:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   referrersOutputs: () => (/* binding */ referrersOutputs),
/* harmony export */   withSupplyChain: () => (/* binding */ withSupplyChain)
/* harmony export */ });
/* unused harmony export badges */
/* harmony import */ var _sizes_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1337);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7712);
/* harmony import */ var _json_output_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6991);
// The supply-chain part of the reports: the `referrers` output, and per image a badge cell
// (signed, SBOM, attestations) and a table of its referrers for the details. main.ts imports this
// module only when `referrers` or `require-referrers` is set.



/** `referrers`: image id as written → its referrers, for every image found. */
function referrersOutputs(verdicts) {
    const byId = {};
    for (const verdict of verdicts) {
        if (verdict.referrers)
            byId[verdict.result.request.key] = verdict.referrers.records;
    }
    return { referrers: _json_output_js__WEBPACK_IMPORTED_MODULE_1__/* .JsonOutput */ .i.record(byId) };
}
const countOf = (facts, kind) => facts.counted[kind] ?? 0;
/** `✅ signed · ➖ no SBOM · ✅ 2 attestations`: ACTIVE artifacts of the image's own digest. */
function badges(facts) {
    const signatures = countOf(facts, 'signature');
    const sboms = countOf(facts, 'sbom');
    const attestations = countOf(facts, 'attestation');
    const parts = [
        signatures > 0 ? '✅ signed' : '➖ unsigned',
        sboms > 0 ? '✅ SBOM' : '➖ no SBOM',
        attestations > 0
            ? `✅ ${attestations} attestation${attestations === 1 ? '' : 's'}`
            : '➖ no attestations'
    ];
    if (facts.problems.length > 0)
        parts.push('⚠️ incomplete');
    return parts.join(' · ');
}
/** At most this many referrers per image in the details; the output lists them all. */
const RECORDS_SHOWN = 50;
function details(facts) {
    if (facts.records.length === 0 && facts.problems.length === 0)
        return '_No referrers._\n';
    const rows = facts.records
        .slice(0, RECORDS_SHOWN)
        .map((record) => [
        record.kind,
        (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(record.artifactType ?? undefined, 200),
        (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)((0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .shortDigest */ .VK)(record.digest)),
        record.status === 'ACTIVE'
            ? 'active'
            : `${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(record.status.toLowerCase(), 20)} (not counted)`,
        record.source === 'tag' ? 'cosign tag' : 'referrer',
        (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)((0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .shortDigest */ .VK)(record.subject)),
        (0,_sizes_js__WEBPACK_IMPORTED_MODULE_2__/* .humanSize */ .X)(record.size)
    ]);
    const more = facts.records.length - RECORDS_SHOWN;
    const lines = [
        ...(more > 0 ? [`_and ${more} more in the \`referrers\` output_`] : []),
        ...facts.problems.slice(0, 10).map((problem) => `⚠️ ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(problem, 500)}`)
    ];
    const headers = ['Referrer', 'Artifact type', 'Digest', 'Status', 'Source', 'Of', 'Size'];
    return (rows.length > 0 ? (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .table */ .tp)(headers, rows) : '') + lines.map((line) => `\n${line}\n`).join('');
}
/** The rows, each found image with its supply-chain cell and details. */
function withSupplyChain(rows, verdicts) {
    return rows.map((row, index) => {
        const facts = verdicts[index]?.referrers;
        return facts ? { ...row, supplyChain: { badges: badges(facts), details: details(facts) } } : row;
    });
}


/***/ })

};
