export const id = 959;
export const ids = [959];
export const modules = {

/***/ 959:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  applyPins: () => (/* binding */ applyPins)
});

// EXTERNAL MODULE: ./src/insight/annotation-budget.ts
var annotation_budget = __webpack_require__(8361);
// EXTERNAL MODULE: ./src/reports/escape.ts
var reports_escape = __webpack_require__(6548);
// EXTERNAL MODULE: ./src/reports/json-output.ts
var json_output = __webpack_require__(6991);
// EXTERNAL MODULE: ./src/inputs/image-ids.ts
var image_ids = __webpack_require__(6211);
// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
;// CONCATENATED MODULE: ./src/reports/pin-files.ts
// What `pin-files` does to each reference found, decided from the verdicts, and the new text of
// each file: only the bytes a pin changes do, everything else stays as it was. Every other
// occurrence of an ECR host the scan left alone is an entry too, with why. Pure.


/** The digest a tag reference is pinned to: the platform's with `platform`, else ECR's (the index's). */
function wantedDigest(verdict, platform) {
    if (verdict?.status !== 'found')
        return undefined;
    const digest = platform ? verdict.platformDigest : verdict.digest;
    // Written into files people deploy from: a value that is not a digest is never written.
    return digest !== undefined && (0,image_ids/* checkDigest */.H2)(digest, '').ok ? digest : undefined;
}
function decide(found, file, digest) {
    const { text, key, line, column, reference, edit } = found;
    const entry = { file, line, column, before: text, status: 'by-digest' };
    if (reference.imageTag === undefined || !edit)
        return { entry };
    if (digest === undefined)
        return { entry: { ...entry, status: 'unresolved' } };
    const after = `${key}@${digest}`;
    const replacement = { start: edit.start, end: edit.end, text: edit.prefix + digest + edit.suffix };
    if (reference.imageDigest === undefined) {
        return { entry: { ...entry, after, status: 'unpinned' }, replacement };
    }
    if (reference.imageDigest === digest)
        return { entry: { ...entry, after, status: 'pinned' } };
    const moved = { ...entry, after, status: 'moved', oldDigest: reference.imageDigest };
    return { entry: moved, replacement };
}
/** Every reference's fate and the new text of every file that changes. */
function planPins(files, verdicts, platform) {
    const byKey = new Map(verdicts.map((verdict) => [verdict.result.request.key, verdict]));
    const entries = [];
    const changes = [];
    const pins = {};
    for (const file of files) {
        const decided = file.references.map((found) => decide(found, file.path, wantedDigest(byKey.get(found.key), platform)));
        const skipped = file.skipped.map(({ text, line, column, reason, buildOutput }) => ({
            file: file.path,
            line,
            column,
            before: text,
            status: buildOutput ? 'build-output' : 'skipped',
            reason
        }));
        const fileEntries = [...decided.map(({ entry }) => entry), ...skipped];
        fileEntries.sort((a, b) => a.line - b.line || a.column - b.column);
        for (const entry of fileEntries)
            entries.push(entry);
        for (const { entry } of decided)
            if (entry.after !== undefined)
                pins[entry.before] = entry.after;
        const replacements = decided.flatMap(({ replacement }) => (replacement ? [replacement] : []));
        if (replacements.length > 0)
            changes.push({ file, text: (0,src_text/* splice */.V4)(file.text, replacements) });
    }
    return { entries, changes, pins };
}

// EXTERNAL MODULE: external "node:buffer"
var external_node_buffer_ = __webpack_require__(4573);
// EXTERNAL MODULE: ./src/reports/format.ts
var format = __webpack_require__(7712);
;// CONCATENATED MODULE: ./src/reports/pin-summary.ts
// The job summary's section about `pin-files`: each reference that was (or in check mode, would
// be) changed or could not be pinned, and each occurrence left alone with why, at file:line,
// before and after. Pure; within a byte budget.



/** The most the section takes of the step summary's 1 MiB. */
const PIN_SUMMARY_LIMIT = 100_000;
/** The most entries the log lists, one line each; a line counts the rest. */
const PIN_LOG_LIMIT = 1_000;
/** A reason is ours, but quotes what the file says (a service name, a tag): clipped. */
const REASON_LENGTH = 400;
const STATUS_LABELS = {
    unpinned: 'pinned',
    moved: 're-pinned (tag moved)',
    pinned: 'already pinned',
    'by-digest': 'digest only',
    unresolved: '❌ not resolved',
    skipped: '⚠️ skipped',
    'build-output': 'build output, never pinned'
};
const CHECK_LABELS = {
    unpinned: '❌ not pinned',
    moved: '❌ tag moved',
    skipped: '❌ not verified'
};
/** What a reader needs to see: what changes, what could not be pinned, and what was left alone. */
function listed(entry) {
    return entry.status !== 'pinned' && entry.status !== 'by-digest';
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
    const rows = entries.filter(listed).map((entry) => {
        const label = (options.check ? CHECK_LABELS[entry.status] : undefined) ?? STATUS_LABELS[entry.status];
        return (0,format/* tableRow */.jD)([
            (0,format/* cell */.Hn)(`${entry.file}:${entry.line}`),
            (0,format/* code */.aY)(entry.before),
            (0,format/* code */.aY)(entry.after),
            entry.reason === undefined ? label : (0,format/* cell */.Hn)(`${label}: ${entry.reason}`, REASON_LENGTH)
        ]);
    });
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
    if (shown < rows.length) {
        const log = rows.length > PIN_LOG_LIMIT
            ? `the log lists the first ${(0,annotation_budget/* formatCount */.B4)(PIN_LOG_LIMIT)}`
            : 'the log lists them all';
        text += `\n${rows.length - shown} more not shown; ${log}.\n`;
    }
    return `${text}\n`;
}

;// CONCATENATED MODULE: ./src/reports/unified-diff.ts
// A unified diff (`diff -u` layout) of a file whose lines were edited in place: pinning replaces
// references within their lines and never adds or removes one, so line i before is line i after
// and no alignment search is needed. Bounded for the log: at most `maxLines` lines, each cut to
// `maxLineLength` around its change, with a count of what was left out. Pure.
const CONTEXT = 3;
const DIFF_LIMITS = { maxLines: 100, maxLineLength: 200 };
/** Characters kept before a change when a long line is cut: enough to see what is edited. */
const LEAD = 60;
/** Lines without their ending (`\r\n` or `\n`); a final newline opens no extra line. */
function linesOf(text) {
    const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
    if (lines.at(-1) === '')
        lines.pop();
    return lines;
}
/** Where to start showing a changed line: 0, or a little before its first difference. */
function windowStart(before, after, max) {
    if (before.length <= max && after.length <= max)
        return 0;
    let at = 0;
    while (at < before.length && before.charCodeAt(at) === after.charCodeAt(at))
        at++;
    return at + LEAD < max ? 0 : at - LEAD;
}
/** A UTF-16 offset moved back off the second half of a surrogate pair. */
function boundary(line, offset) {
    const code = line.charCodeAt(offset);
    return offset > 0 && code >= 0xdc00 && code <= 0xdfff ? offset - 1 : offset;
}
/** At most `max` characters of `line` from `start`, with what was cut off said. */
function cut(line, start, max) {
    if (start === 0 && line.length <= max)
        return line;
    const from = boundary(line, Math.min(start, line.length));
    const to = boundary(line, Math.min(from + max, line.length));
    const left = line.length - (to - from);
    const shown = `${from > 0 ? '…' : ''}${line.slice(from, to)}${to < line.length ? '…' : ''}`;
    return left > 0 ? `${shown} [${left.toLocaleString('en-US')} more characters]` : shown;
}
/**
 * `--- a/<path>` / `+++ b/<path>` and one hunk per run of changed lines (with 3 lines of
 * context, runs that close merged). `before` and `after` have the same number of lines.
 */
function unifiedDiff(path, before, after, limits = DIFF_LIMITS) {
    const old = linesOf(before);
    const now = linesOf(after);
    const hunks = [];
    let changed = 0;
    for (let index = 0; index < old.length; index++) {
        if (old[index] === now[index])
            continue;
        changed++;
        const last = hunks.at(-1);
        const from = Math.max(0, index - CONTEXT);
        const to = Math.min(old.length, index + CONTEXT + 1);
        if (last && from <= last.to)
            last.to = to;
        else
            hunks.push({ from, to });
    }
    if (changed === 0)
        return '';
    const { maxLines, maxLineLength: max } = limits;
    const out = [`--- a/${path}`, `+++ b/${path}`];
    let shown = 0;
    let full = false;
    for (const { from, to } of hunks) {
        if (out.length + 3 > maxLines)
            break;
        const span = `${from + 1},${to - from}`;
        out.push(`@@ -${span} +${span} @@`);
        // Consecutive changed lines as diff prints them: all the removed lines, then the added ones.
        let removed = [];
        let added = [];
        const flush = () => {
            for (const line of removed)
                out.push(line);
            for (const line of added)
                out.push(line);
            removed = [];
            added = [];
        };
        for (let index = from; index < to && !full; index++) {
            const line = old[index] ?? '';
            const replaced = now[index] ?? '';
            const pending = out.length + removed.length + added.length;
            if (line !== replaced) {
                if (pending + 2 > maxLines)
                    full = true;
                else {
                    const start = windowStart(line, replaced, max);
                    removed.push(`-${cut(line, start, max)}`);
                    added.push(`+${cut(replaced, start, max)}`);
                    shown++;
                }
                continue;
            }
            if (pending + 1 > maxLines)
                full = true;
            else {
                flush();
                out.push(` ${cut(line, 0, max)}`);
            }
        }
        flush();
        if (full)
            break;
    }
    const left = changed - shown;
    if (left > 0)
        out.push(`… ${left.toLocaleString('en-US')} more changed line(s) not shown`);
    return out.join('\n');
}

;// CONCATENATED MODULE: ./src/reports/pin-apply.ts
// `pin-files` after the lookup: the files rewritten (write mode, and only when the job passes),
// the diffs in the log, the annotations on file and line, the `pinned-files` and `pins` outputs
// and the summary section. Loaded only when `pin-files` is set.






/** Files whose diff the log shows; the rest are counted. */
const MAX_DIFFS = 20;
function applyPins(context) {
    const { core, pins } = context;
    const check = pins.mode === 'check';
    const plan = planPins(pins.files, context.verdicts, context.platform);
    if (plan.entries.length === 0) {
        core.info(`pin-files: no ECR image reference in the ${pins.files.length} file(s) matched.`);
    }
    const shown = plan.entries.filter(listed);
    for (const entry of shown.slice(0, PIN_LOG_LIMIT))
        core.info((0,reports_escape/* sanitizeForLog */.F0)(describe(entry, check)));
    if (shown.length > PIN_LOG_LIMIT) {
        core.info(`… and ${(0,annotation_budget/* formatCount */.B4)(shown.length - PIN_LOG_LIMIT)} more (the job summary counts them).`);
    }
    const write = !check && !context.jobFails;
    if (!check && context.jobFails && plan.changes.length > 0) {
        core.info('The job fails (see the annotations): no file was written.');
    }
    const writes = [];
    plan.changes.forEach(({ file, text }, index) => {
        if (index < MAX_DIFFS) {
            const diff = unifiedDiff(file.path, file.text, text);
            const heading = write ? `Pinned ${file.path}:` : `Would pin ${file.path}:`;
            core.info([heading, ...diff.split('\n')].map(reports_escape/* sanitizeForLog */.F0).join('\n'));
        }
        if (write)
            writes.push({ path: file.path, read: file.read, text });
    });
    const more = plan.changes.length - MAX_DIFFS;
    if (more > 0) {
        core.info(`… and ${more} more file(s) ${write ? 'pinned' : 'to pin'}; their diffs are not shown.`);
    }
    const failing = check ? plan.entries.filter(failsCheck) : [];
    const moved = write ? plan.entries.filter((entry) => entry.status === 'moved') : [];
    const skipped = check ? [] : plan.entries.filter((entry) => entry.status === 'skipped');
    const outcome = {
        outputs: {
            'pinned-files': json_output/* JsonOutput */.i.list(writes.map(({ path }) => path)),
            pins: json_output/* JsonOutput */.i.record(plan.pins)
        },
        summary: renderPinSummary(plan.entries, { check, written: write }),
        annotations: [
            ...annotationsOf('error', failing),
            ...annotationsOf('notice', moved),
            ...annotationsOf('warning', skipped)
        ],
        writes
    };
    if (failing.length > 0)
        outcome.failure = checkFailure(failing);
    return outcome;
}
/** Check mode passes only what it verified: every reference pinned right, nothing left unread. */
function failsCheck(entry) {
    return listed(entry) && entry.status !== 'build-output';
}
function checkFailure(failing) {
    const unverified = failing.filter((entry) => entry.status === 'skipped').length;
    const unpinned = failing.length - unverified;
    const parts = [];
    if (unpinned > 0) {
        parts.push(`${unpinned} ECR reference(s) in pin-files are not pinned to the digest their tag ` +
            'resolves to; run with pin-mode: write to pin them');
    }
    if (unverified > 0) {
        parts.push(`${unverified} ECR reference(s) in pin-files could not be verified (each is annotated ` +
            'with why); write them as references the action reads, or leave them out of pin-files');
    }
    return `pin-mode is check and ${parts.join('; and ')}.`;
}
function describe(entry, check) {
    const where = `${entry.file}:${entry.line}:${entry.column}`;
    switch (entry.status) {
        case 'unpinned':
            return `${where}: ${entry.before} → ${entry.after ?? ''}`;
        case 'moved':
            return `${where}: ${entry.before} → ${entry.after ?? ''} (the tag moved)`;
        case 'skipped':
            return check
                ? `${where}: ${entry.before} is not verified: ${entry.reason ?? ''}`
                : `${where}: ${entry.before} is left as it is: ${entry.reason ?? ''}`;
        case 'build-output':
            return `${where}: ${entry.before} is a build output, never pinned: ${entry.reason ?? ''}`;
        default:
            return `${where}: ${entry.before} was not resolved (see the image's annotation); left as it is`;
    }
}
function annotation(entry, level) {
    const newDigest = entry.after?.slice(entry.after.lastIndexOf('@') + 1) ?? '';
    if (entry.status === 'skipped') {
        return level === 'error'
            ? `${entry.before} cannot be verified: ${entry.reason ?? ''}.`
            : `${entry.before} was left as it is: ${entry.reason ?? ''}.`;
    }
    if (entry.status === 'moved') {
        const digests = `the file had ${entry.oldDigest ?? ''}; the tag now resolves to ${newDigest}.`;
        return level === 'notice'
            ? `Re-pinned ${entry.after ?? ''}: ${digests}`
            : `${entry.before} is pinned to a digest its tag no longer resolves to: ${digests}`;
    }
    if (entry.status === 'unpinned')
        return `${entry.before} is not pinned; pin it as ${entry.after ?? ''}.`;
    return `${entry.before} is not pinned, and its image was not resolved, so there is no digest to pin.`;
}
/** Each entry's annotation: its title and what a count of those left out calls them. */
function kindOf(entry, level) {
    if (entry.status === 'skipped') {
        return level === 'error'
            ? { title: 'Unverified image reference', about: 'unverified references' }
            : { title: 'Image reference not pinned', about: 'references not pinned' };
    }
    return level === 'notice'
        ? { title: 'Pinned digest updated', about: 'pinned digests updated' }
        : { title: 'Unpinned image reference', about: 'unpinned references' };
}
function annotationsOf(level, entries) {
    return entries.map((entry) => {
        const { title, about } = kindOf(entry, level);
        return {
            annotation: {
                level,
                title,
                message: annotation(entry, level),
                file: { path: entry.file, line: entry.line, column: entry.column }
            },
            about,
            unit: 'references'
        };
    });
}


/***/ })

};
