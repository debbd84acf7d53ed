export const id = 950;
export const ids = [950,706];
export const modules = {

/***/ 9706:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  lookupKey: () => (/* binding */ lookupKey),
  readPinFiles: () => (/* binding */ readPinFiles)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(2174);
// EXTERNAL MODULE: ./src/inputs/checked.ts
var checked = __webpack_require__(4686);
// EXTERNAL MODULE: ./src/inputs/image-references.ts
var image_references = __webpack_require__(5181);
;// CONCATENATED MODULE: ./src/inputs/pin-references.ts
// Finds the private ECR image references in a file's text, wherever they stand (YAML values quoted
// or not, JSON strings, FROM lines, .env and HCL assignments), with the offsets `pin-files` splices
// at. Pure: text in, references out; each one is checked by the same parser as the `images` input.


// Host as the issue scopes it (`<account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]`), a
// repository path built like ECR's name pattern (so a sentence's full stop is not swallowed), then
// a tag (Docker's tag grammar, up to ECR's 300 characters) and/or a digest. Not preceded by a
// character that would make the account part of a longer word or host.
const REFERENCE = /(?<![\w.-])\d{12}\.dkr\.ecr(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?\/[a-z0-9]+(?:(?:[._-]|__|\/)[a-z0-9]+)*(?::[\w][\w.-]{0,299})?(?:@sha256:[0-9a-f]{64}(?![0-9A-Za-z]))?/g;
/**
 * Every full ECR reference with a tag or a digest. A bare repository URI (no tag, no digest) names
 * no image and is left alone, as are other registries' references. An ECR-shaped reference the
 * `images` parser refuses (a region under the wrong partition domain, …) is a problem at its line.
 */
function findEcrReferences(text, where) {
    const problems = [];
    const found = [];
    const lineStarts = lineStartOffsets(text);
    for (const match of text.matchAll(REFERENCE)) {
        const written = match[0];
        const start = match.index;
        const afterPath = written.slice(written.indexOf('/') + 1);
        if (!afterPath.includes(':') && !afterPath.includes('@'))
            continue;
        const { line, column } = position(lineStarts, start);
        const parsed = (0,checked/* take */.s)((0,image_references/* parseImageReference */.o)(written, `pin-files: ${where}:${line}`), problems);
        if (!parsed?.registry)
            continue;
        found.push({
            text: written,
            start,
            end: start + written.length,
            line,
            column,
            reference: { ...parsed, registry: parsed.registry }
        });
    }
    return problems.length > 0 ? (0,checked/* fail */.fJ)(...problems) : (0,checked.ok)(found);
}
/** Where each line starts; `\r\n` lines start after the `\n` like any other. */
function lineStartOffsets(text) {
    const starts = [0];
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1))
        starts.push(at + 1);
    return starts;
}
function position(lineStarts, offset) {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
        const middle = (low + high + 1) >> 1;
        if ((lineStarts[middle] ?? 0) <= offset)
            low = middle;
        else
            high = middle - 1;
    }
    return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1 };
}

// EXTERNAL MODULE: ./src/inputs/scalars.ts
var scalars = __webpack_require__(3470);
;// CONCATENATED MODULE: ./src/inputs/pin-files.ts
// The `pin-files` and `pin-mode` inputs: the globs expanded inside the workspace, every matched
// file read and scanned for ECR references, and the images those references name. Loaded only
// when `pin-files` is set; the file system comes in from the caller.





const PIN_MODES = ['write', 'check'];
/** Reads both inputs; every problem is reported together with the other inputs' problems. */
function readPinFiles(pinFiles, pinMode, fileSystem) {
    const problems = [];
    const mode = (0,checked/* take */.s)((0,scalars/* parseChoice */.HU)('pin-mode', pinMode, PIN_MODES, 'write'), problems);
    const files = (0,checked/* take */.s)(readFiles((0,checked/* splitList */.ry)(pinFiles), fileSystem), problems) ?? [];
    if (problems.length > 0 || !mode)
        return (0,checked/* fail */.fJ)(...problems);
    const lookups = files.flatMap((file) => file.references.map(({ text, reference }) => {
        const { registry, repositoryName, imageTag, imageDigest } = reference;
        const lookup = { key: lookupKey(text), ...registry, repositoryName };
        // The tag is what is resolved: a digest written next to it is what the file claims, compared
        // with the answer, never sent (ECR would fail the pair once the tag has moved).
        if (imageTag !== undefined)
            lookup.imageTag = imageTag;
        else if (imageDigest !== undefined)
            lookup.imageDigest = imageDigest;
        return lookup;
    }));
    return (0,checked.ok)({ mode, files, lookups: (0,checked/* uniqueByKey */.sq)(lookups) });
}
/** The key a reference's lookup has in the outputs: the tag reference, without a digest pinned to it. */
function lookupKey(text) {
    const at = text.indexOf('@');
    const name = at < 0 ? text : text.slice(0, at);
    return name.slice(name.lastIndexOf('/')).includes(':') ? name : text;
}
function readFiles(patterns, fileSystem) {
    const { workspace } = fileSystem;
    if (!workspace) {
        return (0,checked/* fail */.fJ)('pin-files: GITHUB_WORKSPACE is not set, and the globs are relative to it.');
    }
    const problems = [];
    const paths = new Set();
    for (const pattern of patterns) {
        const matches = (0,checked/* take */.s)(expand(pattern, workspace, fileSystem), problems) ?? [];
        matches.forEach((path) => paths.add(path));
    }
    const files = [...paths].flatMap((path) => {
        const file = (0,checked/* take */.s)(readFile(path, workspace, fileSystem), problems);
        return file ? [file] : [];
    });
    return problems.length > 0 ? (0,checked/* fail */.fJ)(...problems) : (0,checked.ok)(files);
}
function outsideWorkspace(path) {
    return path === '..' || path.startsWith(`..${external_node_path_.sep}`) || (0,external_node_path_.isAbsolute)(path);
}
/** The workspace-relative files one glob matches, sorted; none, or a way out, is a problem. */
function expand(pattern, workspace, fileSystem) {
    const said = `pin-files: ${(0,checked/* quote */.hD)(pattern)}`;
    if ((0,external_node_path_.isAbsolute)(pattern) || outsideWorkspace((0,external_node_path_.normalize)(pattern))) {
        return (0,checked/* fail */.fJ)(`${said} is outside the workspace; give globs relative to GITHUB_WORKSPACE, like k8s/**/*.yaml.`);
    }
    let matches;
    try {
        matches = fileSystem.listFiles(pattern, workspace);
    }
    catch (error) {
        return (0,checked/* fail */.fJ)(`${said} cannot be expanded: ${(0,errors/* errorMessage */.g)(error)}`);
    }
    const inside = matches.map((match) => (0,external_node_path_.relative)(workspace, (0,external_node_path_.join)(workspace, match)));
    const escaping = inside.filter(outsideWorkspace);
    if (escaping.length > 0) {
        return (0,checked/* fail */.fJ)(`${said} matches ${(0,checked/* quote */.hD)(escaping[0] ?? '')}, which is outside the workspace.`);
    }
    if (inside.length === 0) {
        return (0,checked/* fail */.fJ)(`${said} matches no file in the workspace; check the path, or remove the glob.`);
    }
    return (0,checked.ok)(inside.map((path) => path.split(external_node_path_.sep).join('/')).sort());
}
function readFile(path, workspace, fileSystem) {
    const absolutePath = (0,external_node_path_.join)(workspace, path);
    let text;
    try {
        text = fileSystem.readFile(absolutePath);
    }
    catch (error) {
        return (0,checked/* fail */.fJ)(`pin-files: cannot read ${path}: ${(0,errors/* errorMessage */.g)(error)}`);
    }
    // Bytes that are not UTF-8 decode to U+FFFD, and writing the text back would change them.
    if (text.includes('\uFFFD')) {
        return (0,checked/* fail */.fJ)(`pin-files: ${path} is not UTF-8 text, so it cannot be rewritten byte for byte.`);
    }
    const references = findEcrReferences(text, path);
    return references.ok ? (0,checked.ok)({ path, absolutePath, text, references: references.value }) : references;
}


/***/ }),

/***/ 1950:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  applyPins: () => (/* binding */ applyPins)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(2174);
// EXTERNAL MODULE: ./src/reports/escape.ts
var reports_escape = __webpack_require__(6830);
// EXTERNAL MODULE: ./src/inputs/image-ids.ts
var image_ids = __webpack_require__(7973);
// EXTERNAL MODULE: ./src/inputs/pin-files.ts + 1 modules
var pin_files = __webpack_require__(9706);
;// CONCATENATED MODULE: ./src/reports/pin-files.ts
// What `pin-files` does to each reference found, decided from the verdicts, and the new text of
// each file: only the bytes of the references change, everything else stays as it was. Pure.


/** The digest a tag reference is pinned to: the platform's with `platform`, else ECR's (the index's). */
function wantedDigest(verdict, platform) {
    if (verdict?.status !== 'found')
        return undefined;
    const digest = platform ? verdict.platformDigest : verdict.digest;
    // Written into files people deploy from: a value that is not a digest is never written.
    return digest !== undefined && (0,image_ids/* checkDigest */.H2)(digest, '').ok ? digest : undefined;
}
function decide(found, file, digest) {
    const { text, line, column, reference } = found;
    const entry = { file, line, column, before: text, status: 'by-digest' };
    if (reference.imageTag === undefined)
        return entry;
    if (digest === undefined)
        return { ...entry, status: 'unresolved' };
    const after = `${(0,pin_files.lookupKey)(text)}@${digest}`;
    if (reference.imageDigest === undefined)
        return { ...entry, after, status: 'unpinned' };
    if (reference.imageDigest === digest)
        return { ...entry, after, status: 'pinned' };
    return { ...entry, after, status: 'moved', oldDigest: reference.imageDigest };
}
/** Every reference's fate and the new text of every file that changes. */
function planPins(files, verdicts, platform) {
    const byKey = new Map(verdicts.map((verdict) => [verdict.result.request.key, verdict]));
    const entries = [];
    const changes = [];
    const pins = {};
    for (const file of files) {
        const decided = file.references.map((found) => decide(found, file.path, wantedDigest(byKey.get((0,pin_files.lookupKey)(found.text)), platform)));
        entries.push(...decided);
        const replacements = file.references.flatMap((found, index) => {
            const entry = decided[index];
            if (entry?.after !== undefined)
                pins[entry.before] = entry.after;
            return entry?.after !== undefined && entry.after !== entry.before
                ? [{ start: found.start, end: found.end, text: entry.after }]
                : [];
        });
        if (replacements.length > 0)
            changes.push({ file, text: splice(file.text, replacements) });
    }
    return { entries, changes, pins };
}
/** `text` with each range replaced (ranges do not overlap); every other character kept as is. */
function splice(text, replacements) {
    const ordered = [...replacements].sort((a, b) => a.start - b.start);
    let result = '';
    let at = 0;
    for (const { start, end, text: replacement } of ordered) {
        result += text.slice(at, start) + replacement;
        at = end;
    }
    return result + text.slice(at);
}

// EXTERNAL MODULE: external "node:buffer"
var external_node_buffer_ = __webpack_require__(4573);
// EXTERNAL MODULE: ./src/reports/format.ts
var format = __webpack_require__(6302);
;// CONCATENATED MODULE: ./src/reports/pin-summary.ts
// The job summary's section about `pin-files`: each reference that was (or in check mode, would
// be) changed or could not be pinned, at file:line, before and after. Pure; within a byte budget.


/** The most the section takes of the step summary's 1 MiB. */
const PIN_SUMMARY_LIMIT = 100_000;
const STATUS_LABELS = {
    unpinned: 'pinned',
    moved: 're-pinned (tag moved)',
    pinned: 'already pinned',
    'by-digest': 'digest only',
    unresolved: '❌ not resolved'
};
const CHECK_LABELS = {
    unpinned: '❌ not pinned',
    moved: '❌ tag moved'
};
/** What a reader needs to act on: the references that change or could not be pinned. */
function listed(entry) {
    return entry.status === 'unpinned' || entry.status === 'moved' || entry.status === 'unresolved';
}
function renderPinSummary(entries, options) {
    const limit = options.limit ?? PIN_SUMMARY_LIMIT;
    const counts = new Map();
    for (const entry of entries)
        counts.set(entry.status, (counts.get(entry.status) ?? 0) + 1);
    const tally = [...counts].map(([status, n]) => `${n} ${STATUS_LABELS[status]}`).join(', ');
    const files = new Set(entries.map((entry) => entry.file)).size;
    const state = options.check
        ? 'pin-mode is check: no file was changed.'
        : options.written
            ? ''
            : 'No file was written: the job fails.';
    const intro = `### Pinned references\n\n${entries.length} ECR reference(s) in ${files} file(s)` +
        `${tally ? `: ${tally}` : ''}. ${state}\n\n`;
    const rows = entries
        .filter(listed)
        .map((entry) => (0,format/* tableRow */.jD)([
        (0,format/* cell */.Hn)(`${entry.file}:${entry.line}`),
        (0,format/* code */.aY)(entry.before),
        (0,format/* code */.aY)(entry.after),
        (options.check ? CHECK_LABELS[entry.status] : undefined) ?? STATUS_LABELS[entry.status]
    ]));
    if (rows.length === 0)
        return intro;
    const head = intro + (0,format/* table */.tp)(['Where', 'Before', 'After', 'Result'], []);
    let text = head;
    let shown = 0;
    // Room for the omission line, so a row that fits never has to be taken back.
    const room = limit - external_node_buffer_.Buffer.byteLength(head) - 100;
    let used = 0;
    for (const row of rows) {
        used += external_node_buffer_.Buffer.byteLength(row);
        if (used > room)
            break;
        text += row;
        shown++;
    }
    if (shown < rows.length)
        text += `\n${rows.length - shown} more not shown; the log lists them all.\n`;
    return `${text}\n`;
}

;// CONCATENATED MODULE: ./src/reports/unified-diff.ts
// A unified diff (`diff -u` layout) of a file whose lines were edited in place: pinning replaces
// references within their lines and never adds or removes one, so line i before is line i after
// and no alignment search is needed. Pure.
const CONTEXT = 3;
/** Lines without their ending (`\r\n` or `\n`); a final newline opens no extra line. */
function linesOf(text) {
    const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
    if (lines.at(-1) === '')
        lines.pop();
    return lines;
}
/**
 * `--- a/<path>` / `+++ b/<path>` and one hunk per run of changed lines (with 3 lines of
 * context, runs that close merged). `before` and `after` have the same number of lines.
 */
function unifiedDiff(path, before, after) {
    const old = linesOf(before);
    const now = linesOf(after);
    const changed = old.flatMap((line, index) => (line !== now[index] ? [index] : []));
    if (changed.length === 0)
        return '';
    const hunks = [];
    for (const index of changed) {
        const last = hunks.at(-1);
        const from = Math.max(0, index - CONTEXT);
        const to = Math.min(old.length, index + CONTEXT + 1);
        if (last && from <= last.to)
            last.to = to;
        else
            hunks.push({ from, to });
    }
    const out = [`--- a/${path}`, `+++ b/${path}`];
    for (const { from, to } of hunks) {
        const span = `${from + 1},${to - from}`;
        out.push(`@@ -${span} +${span} @@`);
        // Consecutive changed lines as diff prints them: all the removed lines, then the added ones.
        let removed = [];
        let added = [];
        const flush = () => {
            out.push(...removed, ...added);
            removed = [];
            added = [];
        };
        for (let index = from; index < to; index++) {
            const line = old[index] ?? '';
            const replaced = now[index] ?? '';
            if (line !== replaced) {
                removed.push(`-${line}`);
                added.push(`+${replaced}`);
                continue;
            }
            flush();
            out.push(` ${line}`);
        }
        flush();
    }
    return out.join('\n');
}

;// CONCATENATED MODULE: ./src/reports/pin-apply.ts
// `pin-files` after the lookup: the files rewritten (write mode, and only when the job passes),
// the diffs in the log, the annotations on file and line, the `pinned-files` and `pins` outputs
// and the summary section. Loaded only when `pin-files` is set.





// GitHub shows 10 annotations per level per step; one error is setFailed's own, one says how
// many more there are.
const ANNOTATIONS_SHOWN = 8;
function applyPins(context) {
    const { core, pins } = context;
    const check = pins.mode === 'check';
    const plan = planPins(pins.files, context.verdicts, context.platform);
    for (const entry of plan.entries.filter(listed))
        core.info((0,reports_escape/* sanitizeForLog */.F0)(describe(entry)));
    const write = !check && !context.jobFails;
    if (!check && context.jobFails && plan.changes.length > 0) {
        core.info('The job fails (see the annotations): no file was written.');
    }
    const written = [];
    for (const { file, text } of plan.changes) {
        const diff = unifiedDiff(file.path, file.text, text);
        const heading = write ? `Pinned ${file.path}:` : `Would pin ${file.path}:`;
        core.info([heading, ...diff.split('\n')].map(reports_escape/* sanitizeForLog */.F0).join('\n'));
        if (!write)
            continue;
        try {
            context.replaceFile(file.absolutePath, text);
        }
        catch (error) {
            const done = written.length > 0 ? ` (already written: ${written.join(', ')})` : '';
            throw new Error(`Cannot write ${file.path}: ${(0,errors/* errorMessage */.g)(error)}${done}`);
        }
        written.push(file.path);
    }
    const failing = check ? plan.entries.filter(listed) : [];
    if (check)
        annotateAll(core, 'error', failing);
    if (write)
        annotateAll(core, 'notice', plan.entries.filter((entry) => entry.status === 'moved'));
    const outcome = {
        outputs: { 'pinned-files': JSON.stringify(written), pins: JSON.stringify(plan.pins) },
        summary: renderPinSummary(plan.entries, { check, written: write })
    };
    if (failing.length > 0) {
        outcome.failure =
            `pin-mode is check and ${failing.length} ECR reference(s) in pin-files are not pinned to ` +
                'the digest their tag resolves to; run with pin-mode: write to pin them.';
    }
    return outcome;
}
function describe(entry) {
    const where = `${entry.file}:${entry.line}:${entry.column}`;
    switch (entry.status) {
        case 'unpinned':
            return `${where}: ${entry.before} → ${entry.after ?? ''}`;
        case 'moved':
            return `${where}: ${entry.before} → ${entry.after ?? ''} (the tag moved)`;
        default:
            return `${where}: ${entry.before} was not resolved (see the image's annotation); left as it is`;
    }
}
function annotation(entry, level) {
    const newDigest = entry.after?.slice(entry.after.lastIndexOf('@') + 1) ?? '';
    if (entry.status === 'moved') {
        const verb = level === 'notice' ? 'Re-pinned' : 'Pinned to';
        return `${verb} ${entry.before}: the file had ${entry.oldDigest ?? ''}; the tag now resolves to ${newDigest}.`;
    }
    if (entry.status === 'unpinned')
        return `${entry.before} is not pinned; pin it as ${entry.after ?? ''}.`;
    return `${entry.before} is not pinned, and its image was not resolved, so there is no digest to pin.`;
}
function annotateAll(core, level, entries) {
    const title = level === 'error' ? 'Unpinned image reference' : 'Pinned digest updated';
    for (const entry of entries.slice(0, ANNOTATIONS_SHOWN)) {
        const properties = {
            title,
            file: entry.file,
            startLine: entry.line,
            startColumn: entry.column
        };
        core[level]((0,reports_escape/* sanitizeForLog */.F0)(annotation(entry, level)), properties);
    }
    const more = entries.length - ANNOTATIONS_SHOWN;
    if (more > 0) {
        core[level](`${more} more reference(s) like these; the log lists every one with its file and line.`, {
            title
        });
    }
}


/***/ })

};
