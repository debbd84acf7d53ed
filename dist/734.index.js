export const id = 734;
export const ids = [734];
export const modules = {

/***/ 8734:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   changeEntries: () => (/* binding */ changeEntries),
/* harmony export */   changeOutputs: () => (/* binding */ changeOutputs),
/* harmony export */   changeReport: () => (/* binding */ changeReport),
/* harmony export */   renderChanges: () => (/* binding */ renderChanges)
/* harmony export */ });
/* harmony import */ var _types_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8522);
/* harmony import */ var _json_output_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6991);
/* harmony import */ var _sizes_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(1337);
/* harmony import */ var _format_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7712);
/* harmony import */ var _fit_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3072);
// compare-to in the reports: the `changes` and `changed` outputs, and the "Changes against `prod`"
// section of the job summary and the PR comment. Loaded only when compare-to is set.





/** The entries of the ids that have a change, in input order. */
function changeEntries(verdicts, changes) {
    return verdicts.flatMap((verdict, index) => {
        const change = changes[index];
        const { request } = verdict.result;
        return change ? [{ id: request.key, name: (0,_types_js__WEBPACK_IMPORTED_MODULE_2__/* .annotationTitle */ .q)(request), change }] : [];
    });
}
const differs = (change) => change.new === true || change.changed === true;
/** Whether the report must say something was not compared: the baseline, or a size. */
const notCompared = (change) => change.problem !== undefined ||
    change.sizeProblem !== undefined ||
    Object.values(change.platforms ?? {}).some((child) => child.sizeProblem !== undefined);
/** `changes`: id as written → its change; `changed`: whether any image differs or is new. */
function changeOutputs(entries) {
    return {
        changes: _json_output_js__WEBPACK_IMPORTED_MODULE_3__/* .JsonOutput */ .i.record(Object.fromEntries(entries.map(({ id, change }) => [id, change]))),
        changed: String(entries.some(({ change }) => differs(change)))
    };
}
/** How much an image grew: its own delta, else its platforms' largest, else its size if new. */
function growth(change) {
    const deltas = Object.values(change.platforms ?? {}).map((child) => child.sizeDelta ?? (child.new ? child.size : undefined));
    const own = change.sizeDelta ?? (change.new ? change.size : undefined);
    const known = [own, ...deltas].filter((delta) => delta !== undefined);
    return known.reduce((most, delta) => Math.max(most, delta), Number.NEGATIVE_INFINITY);
}
function sizeCells(change) {
    if (change.size !== undefined && change.baselineSize !== undefined) {
        return [
            `${(0,_sizes_js__WEBPACK_IMPORTED_MODULE_4__/* .humanSize */ .X)(change.baselineSize)} → ${(0,_sizes_js__WEBPACK_IMPORTED_MODULE_4__/* .humanSize */ .X)(change.size)}`,
            (0,_sizes_js__WEBPACK_IMPORTED_MODULE_4__/* .sizeChange */ .S)(change.size, change.baselineSize)
        ];
    }
    const size = change.size === undefined ? '—' : (0,_sizes_js__WEBPACK_IMPORTED_MODULE_4__/* .humanSize */ .X)(change.size);
    if (change.sizeProblem !== undefined)
        return [size, `⚠️ not compared: ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(change.sizeProblem, 300)}`];
    return [size, change.new ? 'new' : '—'];
}
function layersCell(change) {
    const { layersAdded: added, layersRemoved: removed, layersShared: shared } = change;
    if (added === undefined)
        return '—';
    if (removed === undefined || shared === undefined)
        return `${added} added`;
    return `${added} added, ${removed} removed, ${shared} shared`;
}
function resultLabel(change) {
    if (change.problem !== undefined)
        return `⚠️ not compared: ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(change.problem, 300)}`;
    if (change.new)
        return '🆕 new';
    return change.changed ? '🔺 changed' : 'unchanged';
}
function platformsCell(change) {
    const parts = [
        change.platformsAdded?.length ? `added ${change.platformsAdded.join(', ')}` : '',
        change.platformsRemoved?.length ? `removed ${change.platformsRemoved.join(', ')}` : ''
    ].filter(Boolean);
    return parts.length > 0 ? (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(parts.join('; '), 600) : '—';
}
/** At most this many platform rows per image: an index can list hundreds. */
const PLATFORMS_SHOWN = 20;
/** One image's rows: the image, then each platform of a multi-arch image. */
function imageRows({ name, change }) {
    const rows = [
        (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .tableRow */ .jD)([
            (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(name),
            resultLabel(change),
            ...sizeCells(change),
            layersCell(change),
            platformsCell(change)
        ])
    ];
    const platforms = Object.entries(change.platforms ?? {});
    for (const [platform, child] of platforms.slice(0, PLATFORMS_SHOWN)) {
        rows.push((0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .tableRow */ .jD)([
            `↳ ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(platform)}`,
            resultLabel(child),
            ...sizeCells(child),
            layersCell(child),
            ''
        ]));
    }
    if (platforms.length > PLATFORMS_SHOWN) {
        rows.push((0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .tableRow */ .jD)([`↳ ${platforms.length - PLATFORMS_SHOWN} more platforms`, '', '', '', '', '']));
    }
    return rows.join('');
}
const HEADERS = ['Image', 'Change', 'Size', 'Delta', 'Layers', 'Platforms'];
/** How many unchanged images the folded line names before "and N more". */
const UNCHANGED_NAMED = 20;
function unchangedLine(unchanged) {
    if (unchanged.length === 0)
        return '';
    const names = unchanged.slice(0, UNCHANGED_NAMED).map(({ name }) => name);
    const more = unchanged.length > UNCHANGED_NAMED ? ` and ${unchanged.length - UNCHANGED_NAMED} more` : '';
    return `**Unchanged (${unchanged.length}):** ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .cell */ .Hn)(names.join(', '), 4000)}${more}.\n\n`;
}
/**
 * The "Changes against `prod`" section, fitted into `budget` bytes: the images that differ,
 * biggest growth first, one line for the unchanged ones, and a note when rows had to be left out.
 * Nothing when not even its heading fits.
 */
function renderChanges(entries, label) {
    return (budget) => {
        if (entries.length === 0)
            return '';
        const differing = entries
            .filter(({ change }) => differs(change) || notCompared(change))
            .sort((a, b) => growth(b.change) - growth(a.change));
        const unchanged = entries.filter(({ change }) => !differs(change) && !notCompared(change));
        const head = `### Changes against ${(0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(label, 300)}\n\n` +
            (differing.length > 0 ? (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .tableRow */ .jD)(HEADERS) + (0,_format_js__WEBPACK_IMPORTED_MODULE_0__/* .tableRow */ .jD)(HEADERS.map(() => '---')) : '');
        const fold = unchangedLine(unchanged);
        const note = (left) => left > 0
            ? `> **${left} more changed images:** the \`changes\` output lists every image.\n\n`
            : '';
        const pieces = differing.map(imageRows);
        const frame = (0,_fit_js__WEBPACK_IMPORTED_MODULE_1__/* .byteLength */ .dp)(head) + 1 + (0,_fit_js__WEBPACK_IMPORTED_MODULE_1__/* .byteLength */ .dp)(fold) + (0,_fit_js__WEBPACK_IMPORTED_MODULE_1__/* .byteLength */ .dp)(note(pieces.length));
        if (frame > budget)
            return '';
        const { count } = (0,_fit_js__WEBPACK_IMPORTED_MODULE_1__/* .fitting */ ._Q)(pieces, budget - frame);
        const table = pieces.length > 0 ? pieces.slice(0, count).join('') + '\n' : '';
        return head + table + note(pieces.length - count) + fold;
    };
}
/** compare-to's outputs and report section. */
function changeReport(verdicts, changes, label) {
    const entries = changeEntries(verdicts, changes);
    return { outputs: changeOutputs(entries), section: renderChanges(entries, label) };
}


/***/ })

};
