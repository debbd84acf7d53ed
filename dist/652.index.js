export const id = 652;
export const ids = [652];
export const modules = {

/***/ 6652:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readYaml: () => (/* binding */ readYaml)
/* harmony export */ });
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7975);
/* harmony import */ var node_util__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_util__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8815);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3916);
/* harmony import */ var _text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8992);
/* harmony import */ var _pin_text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9372);
// What a YAML file's structure says about the ECR hosts in it, beyond the text rules: Helm values
// and kustomize `images:` entries whose repository and tag are separate fields, what a compose
// service builds (never pinned), and strings folded over lines (where a reference may go on past
// a line break). Every pin is checked before it is offered: the file with every pin made must read
// back as the same YAML with only those values changed. Loaded only when a matched YAML file names
// an ECR host: it brings the YAML parser.





/** Any digest: only its shape matters to the read-back check, which parses the pinned text. */
const PLACEHOLDER = `sha256:${'0123456789abcdef'.repeat(4)}`;
const MAX_MERGED_MAPS = 64;
/** A map key or a service name as a message shows it. */
const shown = (name) => JSON.stringify((0,_text_js__WEBPACK_IMPORTED_MODULE_3__/* .clip */ .$Q)(name, 60));
/** The references to pin and the occurrences left alone in one YAML file. */
function readYaml(text, occurrences) {
    const documents = parseDocuments(text);
    if (typeof documents === 'string') {
        const reason = `the file is not YAML the action can read (${documents}), so nothing in it is pinned`;
        return (0,_pin_text_js__WEBPACK_IMPORTED_MODULE_2__/* .everyOneLeftAlone */ .wN)((0,_pin_text_js__WEBPACK_IMPORTED_MODULE_2__/* .scanText */ .Ff)(text, occurrences), reason);
    }
    const tree = walk(documents);
    if (tree.unreadable) {
        const { line } = (0,_pin_text_js__WEBPACK_IMPORTED_MODULE_2__/* .position */ .G1)((0,_pin_text_js__WEBPACK_IMPORTED_MODULE_2__/* .lineStartOffsets */ .v_)(text), tree.unreadable.at);
        const reason = `the file is not YAML the action can read (line ${line}: ${tree.unreadable.problem}), so nothing in it is pinned`;
        return (0,_pin_text_js__WEBPACK_IMPORTED_MODULE_2__/* .everyOneLeftAlone */ .wN)((0,_pin_text_js__WEBPACK_IMPORTED_MODULE_2__/* .scanText */ .Ff)(text, occurrences), reason);
    }
    const { results, consumed, insertions } = structuredEntries(text, tree);
    const builds = buildOutputs(tree);
    const scan = { pinnable: [], leftAlone: [] };
    const foldProblem = foldReader(text);
    for (const occurrence of occurrences) {
        const scalar = containing(tree.scalars, occurrence.host, occurrence.host + 1);
        const build = scalar && builds.get(scalar);
        if (build !== undefined) {
            const { at, text: written } = (0,_pin_text_js__WEBPACK_IMPORTED_MODULE_2__/* .readOccurrence */ .QL)(text, occurrence);
            scan.leftAlone.push({ at, text: written, ...build });
            continue;
        }
        if (scalar && consumed.has(scalar))
            continue;
        const read = (0,_pin_text_js__WEBPACK_IMPORTED_MODULE_2__/* .readOccurrence */ .QL)(text, occurrence);
        if ((0,_pin_text_js__WEBPACK_IMPORTED_MODULE_2__/* .isLeftAlone */ .$W)(read)) {
            scan.leftAlone.push(read);
            continue;
        }
        const folded = scalar && foldProblem(scalar, occurrence);
        if (folded)
            scan.leftAlone.push({ at: read.at, text: read.text, reason: folded });
        else
            scan.pinnable.push(read);
    }
    for (const result of results) {
        if ((0,_pin_text_js__WEBPACK_IMPORTED_MODULE_2__/* .isLeftAlone */ .$W)(result))
            scan.leftAlone.push(result);
        else
            scan.pinnable.push(result);
    }
    const problem = readBackProblem(text, tree, scan.pinnable, insertions);
    if (problem !== undefined) {
        const reason = `the file would not read back as the same YAML once pinned (${problem}), so nothing in it is pinned`;
        const unpinned = scan.pinnable.filter((pinnable) => pinnable.edit);
        scan.pinnable = scan.pinnable.filter((pinnable) => !pinnable.edit);
        for (const { at, text: written } of unpinned)
            scan.leftAlone.push({ at, text: written, reason });
    }
    scan.pinnable.sort((a, b) => a.at - b.at);
    scan.leftAlone.sort((a, b) => a.at - b.at);
    return scan;
}
/** The documents, or why they cannot be read (the first error, at its line). */
function parseDocuments(text) {
    let documents;
    try {
        // The parser's own unique-key check compares each key with every other (quadratic in a map's
        // size); walk() finds a repeated key with a set instead.
        documents = [...(0,yaml__WEBPACK_IMPORTED_MODULE_1__.parseAllDocuments)(text, { prettyErrors: false, uniqueKeys: false })];
    }
    catch (error) {
        return (0,_text_js__WEBPACK_IMPORTED_MODULE_3__/* .clip */ .$Q)((0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .g)(error), 200);
    }
    for (const document of documents) {
        const error = document.errors[0];
        if (error) {
            const { line } = (0,_pin_text_js__WEBPACK_IMPORTED_MODULE_2__/* .position */ .G1)((0,_pin_text_js__WEBPACK_IMPORTED_MODULE_2__/* .lineStartOffsets */ .v_)(text), error.pos[0]);
            return `line ${line}: ${(0,_text_js__WEBPACK_IMPORTED_MODULE_3__/* .clip */ .$Q)(error.message, 200)}`;
        }
    }
    return documents;
}
/** One pass over every node in source order, without recursion; aliases resolved as met. */
function walk(documents) {
    const tree = {
        documents,
        scalars: [],
        maps: [],
        aliases: new Map(),
        aliased: new Set(),
        otherUses: new Set(),
        fields: new Map()
    };
    for (const document of documents) {
        const anchors = new Map();
        const stack = [{ node: document.contents, field: false }];
        for (let next = stack.pop(); next; next = stack.pop()) {
            const { node, field } = next;
            if ((0,yaml__WEBPACK_IMPORTED_MODULE_1__.isAlias)(node)) {
                const target = anchors.get(node.source);
                if (!target) {
                    tree.unreadable ??= {
                        at: node.range?.[0] ?? 0,
                        problem: 'an alias with no anchor before it in its document'
                    };
                    continue;
                }
                tree.aliases.set(node, target);
                tree.aliased.add(target);
                if (!field && (0,yaml__WEBPACK_IMPORTED_MODULE_1__.isScalar)(target))
                    tree.otherUses.add(target);
                continue;
            }
            if (!(0,yaml__WEBPACK_IMPORTED_MODULE_1__.isScalar)(node) && !(0,yaml__WEBPACK_IMPORTED_MODULE_1__.isMap)(node) && !(0,yaml__WEBPACK_IMPORTED_MODULE_1__.isSeq)(node))
                continue;
            if (node.anchor)
                anchors.set(node.anchor, node);
            if ((0,yaml__WEBPACK_IMPORTED_MODULE_1__.isScalar)(node))
                tree.scalars.push(node);
            else if ((0,yaml__WEBPACK_IMPORTED_MODULE_1__.isMap)(node)) {
                tree.maps.push(node);
                const keys = new Set();
                for (const { key } of node.items) {
                    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_1__.isScalar)(key))
                        continue;
                    const name = String(key.value);
                    if (keys.has(name))
                        tree.unreadable ??= { at: key.range?.[0] ?? 0, problem: 'a key repeated in its map' };
                    keys.add(name);
                }
                for (let i = node.items.length - 1; i >= 0; i--) {
                    const pair = node.items[i];
                    stack.push({ node: pair?.value, field: true }, { node: pair?.key, field: false });
                }
            }
            else {
                for (let i = node.items.length - 1; i >= 0; i--)
                    stack.push({ node: node.items[i], field: false });
            }
        }
    }
    return tree;
}
const resolve = (tree, node) => (0,yaml__WEBPACK_IMPORTED_MODULE_1__.isAlias)(node)
    ? (tree.aliases.get(node) ?? null)
    : (0,yaml__WEBPACK_IMPORTED_MODULE_1__.isScalar)(node) || (0,yaml__WEBPACK_IMPORTED_MODULE_1__.isMap)(node) || (0,yaml__WEBPACK_IMPORTED_MODULE_1__.isSeq)(node)
        ? node
        : null;
/** A map's fields by key: its own first, then each `<<` source's in order (YAML's merge keys). */
function fieldsOf(tree, map) {
    const read = tree.fields.get(map);
    if (read)
        return read;
    const fields = new Map();
    tree.fields.set(map, fields);
    const seen = new Set();
    const stack = [map];
    for (let next = stack.pop(); next && seen.size < MAX_MERGED_MAPS; next = stack.pop()) {
        if (seen.has(next))
            continue;
        seen.add(next);
        const sources = [];
        for (const pair of next.items) {
            if (!(0,yaml__WEBPACK_IMPORTED_MODULE_1__.isScalar)(pair.key))
                continue;
            const key = String(pair.key.value);
            if (key === '<<' && pair.key.type === 'PLAIN') {
                const value = resolve(tree, pair.value);
                const items = (0,yaml__WEBPACK_IMPORTED_MODULE_1__.isSeq)(value) ? value.items.map((item) => resolve(tree, item)) : [value];
                for (const item of items)
                    if ((0,yaml__WEBPACK_IMPORTED_MODULE_1__.isMap)(item))
                        sources.push(item);
                continue;
            }
            if (fields.has(key))
                continue;
            const own = next === map && !(0,yaml__WEBPACK_IMPORTED_MODULE_1__.isAlias)(pair.value);
            fields.set(key, { pair, node: resolve(tree, pair.value), own });
        }
        for (let i = sources.length - 1; i >= 0; i--)
            stack.push(sources[i]);
    }
    return fields;
}
/** Each document's top-level value under `key` (kustomize's `images:`, compose's `services:`). */
function topLevel(tree, key) {
    return tree.documents.flatMap((document) => {
        const top = document.contents;
        const value = (0,yaml__WEBPACK_IMPORTED_MODULE_1__.isMap)(top) ? resolve(tree, fieldsOf(tree, top).get(key)?.node) : null;
        return value ? [value] : [];
    });
}
function stringOf(field) {
    return (0,yaml__WEBPACK_IMPORTED_MODULE_1__.isScalar)(field?.node) && typeof field.node.value === 'string'
        ? field.node.value
        : undefined;
}
/** The innermost scalar whose source holds `[start, end)`, if any. */
function containing(scalars, start, end) {
    let low = 0;
    let high = scalars.length - 1;
    let found;
    while (low <= high) {
        const middle = (low + high) >> 1;
        const scalar = scalars[middle];
        if ((scalar.range?.[0] ?? 0) <= start) {
            found = scalar;
            low = middle + 1;
        }
        else
            high = middle - 1;
    }
    const range = found?.range;
    return range && start >= range[0] && end <= Math.max(range[1], range[0] + 1) ? found : undefined;
}
// ---- Strings folded over lines ----
/**
 * In a string YAML folds over lines (plain or quoted over several lines, or a `>` block), a line
 * break becomes a space, or nothing after a `\`: a reference at either side of one may go on
 * across it, and pinning it could splice a digest into the middle. A `|` block keeps its breaks.
 * Each scalar's shape is worked out once, and each look around a reference stops at the first
 * character that is not blank: a file of many references on one line stays linear.
 */
function foldReader(text) {
    // Where each folded scalar's content starts (after a block's header line); none for the rest.
    const contentStarts = new Map();
    const contentStart = (scalar) => {
        if (contentStarts.has(scalar))
            return contentStarts.get(scalar);
        const [start, end] = scalar.range ?? [0, 0];
        const firstBreak = text.indexOf('\n', start);
        const folded = scalar.type !== 'BLOCK_LITERAL' && firstBreak >= 0 && firstBreak < end;
        const content = folded ? (scalar.type === 'BLOCK_FOLDED' ? firstBreak + 1 : start) : undefined;
        contentStarts.set(scalar, content);
        return content;
    };
    return (scalar, occurrence) => {
        const content = contentStart(scalar);
        if (content === undefined)
            return undefined;
        const end = scalar.range?.[1] ?? 0;
        let before = occurrence.start;
        while (before > content && /[ \t]/.test(text.charAt(before - 1)))
            before--;
        const startsLine = text.charAt(before - 1) === '\n' && nonBlank(text, before - 1, content, -1);
        let after = occurrence.end;
        while (after < end && /[ \t\r]/.test(text.charAt(after)))
            after++;
        const endsLine = text.charAt(after) === '\n' && nonBlank(text, after, end, 1);
        if (!startsLine && !endsLine)
            return undefined;
        return 'it stands at a line break inside a YAML string folded over lines, so the reference may go on across it';
    };
}
/** Whether a character that is not blank stands between `from` and `to`, looking one way. */
function nonBlank(text, from, to, step) {
    for (let at = from; step > 0 ? at < to : at >= to; at += step) {
        if (!/\s/.test(text.charAt(at)))
            return true;
    }
    return false;
}
const TAG_WITH_DIGEST = /^(\w(?:[\w.-]{0,298}\w)?)(?:@(.*))?$/s;
// What YAML 1.1 (which the parser of Helm and kubectl follows) reads as no text, beyond what the
// YAML 1.2 read already typed: its booleans, and numbers in binary, base 60 or with underscores.
const YAML11_BOOLEAN = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;
const YAML11_NUMBER = /^[-+]?(?:0b[01_]+|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?|(?=[0-9_.]*[0-9])[0-9_]*_[0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?)$/;
/** The part of a scalar's source its value is, when they are the same characters on one line. */
function valueSource(text, scalar, value) {
    const [start, end] = scalar.range ?? [0, 0];
    const quoted = scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE';
    if (!quoted && scalar.type !== 'PLAIN')
        return undefined;
    const inner = quoted ? { start: start + 1, end: end - 1 } : { start, end };
    const written = text.slice(inner.start, inner.end);
    return written === value && !written.includes('\n') ? inner : undefined;
}
/** What YAML makes of a plain scalar that is not read as text: `the number 1.1`. */
function notText(scalar) {
    const { value } = scalar;
    if (typeof value !== 'string')
        return `${typeof value} ${String(value)}`;
    if (scalar.type !== 'PLAIN')
        return undefined;
    if (YAML11_BOOLEAN.test(value))
        return `YAML 1.1 boolean ${value}`;
    return YAML11_NUMBER.test(value) ? `YAML 1.1 number ${value}` : undefined;
}
function readTag(text, field, key, digestAllowed) {
    if (!field)
        return { kind: 'absent' };
    const scalar = field.node;
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_1__.isScalar)(scalar))
        return { kind: 'problem', reason: `its ${key} is not a single value` };
    if (scalar.value === null || scalar.value === '')
        return { kind: 'empty' };
    const read = notText(scalar);
    if (read !== undefined || typeof scalar.value !== 'string') {
        return {
            kind: 'problem',
            reason: `its ${key} is read as the ${read}, not as text, so what is rendered may differ (1.10 becomes 1.1); quote it`
        };
    }
    const value = scalar.value;
    const source = valueSource(text, scalar, value);
    if (!source)
        return { kind: 'problem', reason: `its ${key} is written with escapes or over lines` };
    const match = TAG_WITH_DIGEST.exec(value);
    if (!match) {
        const opening = (0,_pin_text_js__WEBPACK_IMPORTED_MODULE_2__/* .templateOpening */ .bt)(value);
        return {
            kind: 'problem',
            reason: opening === undefined
                ? `its ${key} ${shown(value)} is not a tag`
                : `its ${key} is template syntax (${opening}), so the reference it renders is not known`
        };
    }
    const [, tag = '', digest] = match;
    if (digest !== undefined) {
        if (!digestAllowed)
            return { kind: 'problem', reason: `its ${key} carries a digest; write it in digest:` };
        const problem = (0,_pin_text_js__WEBPACK_IMPORTED_MODULE_2__/* .digestProblem */ .WQ)(digest);
        if (problem !== undefined)
            return { kind: 'problem', reason: `its ${key}: ${problem}` };
    }
    const reading = {
        kind: 'tag',
        tag,
        edit: { ...source, prefix: `${tag}@`, suffix: '' }
    };
    if (digest !== undefined)
        reading.digest = digest;
    return reading;
}
function readDigest(text, field) {
    if (!field)
        return { kind: 'absent' };
    const scalar = field.node;
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_1__.isScalar)(scalar))
        return { kind: 'problem', reason: 'its digest: is not a single value' };
    const [start, end] = scalar.range ?? [0, 0];
    if (scalar.value === null && scalar.type === 'PLAIN') {
        // `digest:` with nothing after it, or `~`, `null`: the digest takes its place, spaced from
        // the colon and from a flow collection's `,` or `}`.
        const edit = {
            start,
            end,
            prefix: text.charAt(start - 1) === ':' ? ' ' : '',
            suffix: start === end && /[,}\]]/.test(text.charAt(end)) ? ' ' : ''
        };
        return { kind: 'empty', edit };
    }
    if (typeof scalar.value !== 'string')
        return { kind: 'problem', reason: 'its digest: is not text' };
    const source = valueSource(text, scalar, scalar.value);
    const problem = scalar.value === '' ? undefined : (0,_pin_text_js__WEBPACK_IMPORTED_MODULE_2__/* .digestProblem */ .WQ)(scalar.value);
    if (problem !== undefined)
        return { kind: 'problem', reason: `its digest: ${problem}` };
    if (!source)
        return { kind: 'problem', reason: 'its digest: is written with escapes or over lines' };
    const edit = { ...source, prefix: '', suffix: '' };
    return scalar.value === ''
        ? { kind: 'empty', edit }
        : { kind: 'digest', digest: scalar.value, edit };
}
/** A reference split over fields, as one pinnable reference or the reason it is left alone. */
function splitEntry(text, tree, split) {
    const { repository, tagKey } = split;
    const tagField = split.tag;
    const tag = readTag(text, tagField, tagKey, split.kustomize === undefined);
    const digest = readDigest(text, split.digest);
    // Where the value is written (an alias's own place, for one) and where the node it stands for is.
    const valueAt = (field) => {
        const value = field?.pair.value;
        return ((0,yaml__WEBPACK_IMPORTED_MODULE_1__.isAlias)(value) || (0,yaml__WEBPACK_IMPORTED_MODULE_1__.isScalar)(value) ? value.range?.[0] : undefined) ?? split.at;
    };
    const nodeAt = (field) => ((0,yaml__WEBPACK_IMPORTED_MODULE_1__.isScalar)(field?.node) ? field.node.range?.[0] : undefined) ?? split.at;
    // The tag as written (`1.10`, not the 1.1 YAML reads), quotes and all.
    const range = (0,yaml__WEBPACK_IMPORTED_MODULE_1__.isScalar)(tagField?.node) ? tagField.node.range : undefined;
    const rawTag = range ? text.slice(range[0], range[1]).trimEnd() : '';
    const shownText = tag.kind === 'absent' || tag.kind === 'empty' ? repository : `${repository}:${rawTag}`;
    const leftAlone = (reason, at, written = shownText) => ({
        result: { at, text: written, reason }
    });
    if (tag.kind === 'problem')
        return leftAlone(tag.reason, valueAt(tagField));
    if (digest.kind === 'problem')
        return leftAlone(digest.reason, valueAt(split.digest));
    if (tag.kind !== 'tag') {
        if (digest.kind === 'digest') {
            return { result: { text: `${repository}@${digest.digest ?? ''}`, at: nodeAt(split.digest) } };
        }
        const reason = split.kustomize?.emptyTag ??
            (tag.kind === 'empty'
                ? `its ${tagKey} is empty, so the chart's default (often its appVersion) decides what runs`
                : `there is no ${tagKey} beside it, so what runs is decided elsewhere`);
        return leftAlone(reason, valueAt(tagField));
    }
    if (tag.digest !== undefined && digest.kind !== 'absent') {
        return leftAlone(`both its ${tagKey} and its digest: hold a digest`, valueAt(tagField));
    }
    const claimed = tag.digest ?? (digest.kind === 'digest' ? digest.digest : undefined);
    const lookup = `${repository}:${tag.tag}`;
    const written = claimed === undefined ? lookup : `${lookup}@${claimed}`;
    // The digest field when there is one (the chart or kustomize reads it), else the tag's.
    if (digest.kind !== 'absent' && split.digest?.node) {
        const entry = { text: written, at: nodeAt(split.digest), edit: digest.edit };
        const usedAt = valueAt(split.digest);
        return { result: entry, target: { node: split.digest.node, key: 'digest', lookup, usedAt } };
    }
    if (split.kustomize) {
        const edit = digestInsertion(text, tree, split.kustomize.map, tagField);
        if (typeof edit === 'string')
            return leftAlone(edit, valueAt(tagField), written);
        return {
            result: { text: written, at: nodeAt(tagField), edit },
            insertInto: split.kustomize.map
        };
    }
    const entry = { text: written, at: nodeAt(tagField), edit: tag.edit };
    const target = { node: tagField?.node, key: tagKey, lookup, usedAt: valueAt(tagField) };
    return { result: entry, target };
}
/** Where kustomize's `digest:` goes in an entry that has none: after its newTag. */
function digestInsertion(text, tree, map, tag) {
    if (tree.aliased.has(map))
        return 'the entry is used again through an anchor; add digest: to it';
    if (!tag?.own || !(0,yaml__WEBPACK_IMPORTED_MODULE_1__.isScalar)(tag.node) || !(0,yaml__WEBPACK_IMPORTED_MODULE_1__.isScalar)(tag.pair.key)) {
        return 'its newTag comes from an anchor or a merge; add digest: to the entry';
    }
    const valueEnd = tag.node.range?.[1] ?? 0;
    if (map.flow) {
        const last = map.items[map.items.length - 1];
        const end = (0,yaml__WEBPACK_IMPORTED_MODULE_1__.isScalar)(last?.value) ? last.value.range?.[1] : undefined;
        if (end === undefined)
            return 'the entry does not end in a value digest: can follow';
        return { start: end, end, prefix: ', digest: ', suffix: '' };
    }
    const keyStart = tag.pair.key.range?.[0] ?? 0;
    const lineStart = text.lastIndexOf('\n', keyStart - 1) + 1;
    let lineEnd = text.indexOf('\n', valueEnd);
    if (lineEnd < 0)
        lineEnd = text.length;
    const carriageReturn = text.charAt(lineEnd - 1) === '\r';
    if (!/^[ -]*$/.test(text.slice(lineStart, keyStart)) ||
        text.slice(keyStart, valueEnd).includes('\n') ||
        !/^[ \t]*(?:#.*)?$/.test(text.slice(valueEnd, carriageReturn ? lineEnd - 1 : lineEnd))) {
        return 'its newTag is not alone on its line, so where digest: goes is unclear; add digest: to the entry';
    }
    const eol = carriageReturn ? '\r\n' : '\n';
    const at = carriageReturn ? lineEnd - 1 : lineEnd;
    return {
        start: at,
        end: at,
        prefix: `${eol}${' '.repeat(keyStart - lineStart)}digest: `,
        suffix: ''
    };
}
/** Helm values (`repository:` + `tag:`, `registry:` too) and kustomize `images:` entries. */
function structuredEntries(text, tree) {
    const entries = [];
    const kustomizeMaps = new Set();
    for (const images of topLevel(tree, 'images')) {
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_1__.isSeq)(images))
            continue;
        for (const item of images.items) {
            const map = resolve(tree, item);
            if (!(0,yaml__WEBPACK_IMPORTED_MODULE_1__.isMap)(map) || kustomizeMaps.has(map))
                continue;
            const entry = kustomizeEntry(text, tree, map, (0,yaml__WEBPACK_IMPORTED_MODULE_1__.isAlias)(item));
            if (entry) {
                entries.push(entry);
                kustomizeMaps.add(map);
            }
        }
    }
    for (const map of tree.maps) {
        const entry = kustomizeMaps.has(map) ? undefined : helmEntry(text, tree, map);
        if (entry)
            entries.push(entry);
    }
    const insertions = new Map();
    for (const { result, insertInto } of entries) {
        if (insertInto && !(0,_pin_text_js__WEBPACK_IMPORTED_MODULE_2__/* .isLeftAlone */ .$W)(result) && result.edit)
            insertions.set(result.edit, insertInto);
    }
    return {
        results: sharedTargetsLeftAlone(tree, entries),
        consumed: new Set(entries.flatMap((entry) => entry.consumed)),
        insertions
    };
}
/** The scalars of `fields` an entry stands for. */
function scalarsOf(...fields) {
    return fields.flatMap((field) => ((0,yaml__WEBPACK_IMPORTED_MODULE_1__.isScalar)(field?.node) ? [field.node] : []));
}
function helmEntry(text, tree, map) {
    const fields = fieldsOf(tree, map);
    const tag = fields.get('tag');
    const digest = fields.get('digest');
    const repository = fields.get('repository') ?? (tag || digest ? fields.get('image') : undefined);
    const registry = fields.get('registry');
    const name = stringOf(repository);
    const host = registry ? stringOf(registry) : undefined;
    if (name === undefined || (registry && host === undefined))
        return undefined;
    const uri = host === undefined ? name : `${host}/${name}`;
    if (!(0,_pin_text_js__WEBPACK_IMPORTED_MODULE_2__/* .isEcrRepository */ .D5)(uri))
        return undefined;
    const at = (repository?.node).range?.[0] ?? 0;
    const consumed = scalarsOf(repository, registry, tag, digest);
    const split = { repository: uri, at, tag, tagKey: 'tag', digest };
    return { ...splitEntry(text, tree, split), map, consumed };
}
function kustomizeEntry(text, tree, map, throughAlias) {
    const fields = fieldsOf(tree, map);
    const name = fields.get('name');
    const newName = fields.get('newName');
    if (!name || !(newName || fields.has('newTag') || fields.has('digest')))
        return undefined;
    const consumed = scalarsOf(name, newName, fields.get('newTag'), fields.get('digest'));
    const image = newName ?? name;
    const uri = stringOf(image) ?? '';
    const at = ((0,yaml__WEBPACK_IMPORTED_MODULE_1__.isScalar)(image.node) ? image.node.range?.[0] : undefined) ?? 0;
    if (!(0,_pin_text_js__WEBPACK_IMPORTED_MODULE_2__/* .isEcrRepository */ .D5)(uri)) {
        const named = stringOf(name) ?? '';
        if ((0,_pin_text_js__WEBPACK_IMPORTED_MODULE_2__/* .hasEcrHost */ .LZ)(uri)) {
            const reason = 'kustomize names an image by repository alone (newTag and digest: carry the rest)';
            return { map, result: { at, text: uri, reason }, consumed };
        }
        if ((0,_pin_text_js__WEBPACK_IMPORTED_MODULE_2__/* .hasEcrHost */ .LZ)(named)) {
            const reason = `kustomize replaces it with newName ${shown(uri)}, which is not an ECR repository`;
            const nameAt = name.node.range?.[0] ?? 0;
            return { map, result: { at: nameAt, text: named, reason }, consumed };
        }
        return undefined;
    }
    const split = {
        repository: uri,
        at,
        tag: fields.get('newTag'),
        tagKey: 'newTag',
        digest: fields.get('digest'),
        kustomize: {
            map,
            emptyTag: 'there is no newTag, so the tag comes from the manifests kustomize edits'
        }
    };
    if (throughAlias && !split.digest) {
        const reason = 'the entry comes through an alias; add digest: where it is written';
        return { map, result: { at, text: uri, reason }, consumed };
    }
    return { ...splitEntry(text, tree, split), map, consumed };
}
/**
 * A pin changes one scalar wherever YAML shows it: through an alias, or a map merged with `<<`.
 * That is right only if every place shows it as the same field of an entry for the same
 * reference; anything else seeing it (another image's tag, a label) would change too, so such an
 * entry is left alone. Entries that are the same pin of the same scalar are made once.
 */
function sharedTargetsLeftAlone(tree, entries) {
    const byMap = new Map(entries.map((entry) => [entry.map, entry]));
    const targeted = new Set(entries.flatMap((entry) => (entry.target ? [entry.target.node] : [])));
    const uses = new Map();
    if (targeted.size > 0) {
        for (const map of tree.maps) {
            for (const [key, field] of fieldsOf(tree, map)) {
                if (!field.node || !targeted.has(field.node))
                    continue;
                const list = uses.get(field.node) ?? [];
                list.push({ map, key });
                uses.set(field.node, list);
            }
        }
    }
    const results = [];
    const pinned = new Set();
    for (const { result, target } of entries) {
        if (!target) {
            results.push(result);
            continue;
        }
        const sameEntry = ({ map, key }) => {
            const other = byMap.get(map)?.target;
            return key === target.key && other?.node === target.node && other.lookup === target.lookup;
        };
        if (tree.otherUses.has(target.node) || !(uses.get(target.node) ?? []).every(sameEntry)) {
            const reason = `its ${target.key} is shared (an anchor or a merge) with something a pin would change too`;
            results.push({ at: target.usedAt, text: result.text, reason });
        }
        else if (!pinned.has(target.node)) {
            pinned.add(target.node);
            results.push(result);
        }
    }
    return results;
}
// ---- What compose services and build steps produce ----
// A GitHub Actions step building an image: these inputs name its results (and caches), not
// images it pulls. build-args and build-contexts name inputs, and are read as any text.
const ACTION_OUTPUTS = /^docker\/(build-push-action|metadata-action|bake-action)@/;
const ACTION_OUTPUT_INPUTS = new Set(['tags', 'cache-from', 'cache-to', 'outputs', 'images', 'set']);
/** Every scalar naming what a compose service or a build step produces, with the reason. */
function buildOutputs(tree) {
    const built = new Map();
    const run = new Map();
    for (const services of topLevel(tree, 'services')) {
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_1__.isMap)(services))
            continue;
        for (const pair of services.items) {
            const service = resolve(tree, pair.value);
            if (!(0,yaml__WEBPACK_IMPORTED_MODULE_1__.isScalar)(pair.key) || !(0,yaml__WEBPACK_IMPORTED_MODULE_1__.isMap)(service))
                continue;
            const name = shown(String(pair.key.value));
            const fields = fieldsOf(tree, service);
            const image = fields.get('image')?.node;
            const build = fields.get('build');
            if (!build) {
                if ((0,yaml__WEBPACK_IMPORTED_MODULE_1__.isScalar)(image))
                    run.set(image, name);
                continue;
            }
            const mark = (node, reason) => {
                if ((0,yaml__WEBPACK_IMPORTED_MODULE_1__.isScalar)(node) && !built.has(node))
                    built.set(node, { reason, buildOutput: true });
            };
            mark(image, `service ${name} builds it (build:), so its image: names what the build produces`);
            const settings = (0,yaml__WEBPACK_IMPORTED_MODULE_1__.isMap)(build.node) ? fieldsOf(tree, build.node) : new Map();
            for (const key of ['tags', 'cache_from', 'cache_to']) {
                const list = resolve(tree, settings.get(key)?.node);
                const what = key === 'tags' ? 'a tag its build adds' : `a cache of its build (build.${key})`;
                if ((0,yaml__WEBPACK_IMPORTED_MODULE_1__.isSeq)(list))
                    for (const item of list.items)
                        mark(resolve(tree, item), `service ${name}: ${what}`);
            }
        }
    }
    for (const map of tree.maps) {
        const fields = fieldsOf(tree, map);
        const action = ACTION_OUTPUTS.exec(stringOf(fields.get('uses')) ?? '')?.[1];
        const inputs = resolve(tree, fields.get('with')?.node);
        if (action === undefined || !(0,yaml__WEBPACK_IMPORTED_MODULE_1__.isMap)(inputs))
            continue;
        for (const [key, field] of fieldsOf(tree, inputs)) {
            if (!ACTION_OUTPUT_INPUTS.has(key))
                continue;
            const values = (0,yaml__WEBPACK_IMPORTED_MODULE_1__.isSeq)(field.node)
                ? field.node.items.map((item) => resolve(tree, item))
                : [field.node];
            for (const node of values) {
                if ((0,yaml__WEBPACK_IMPORTED_MODULE_1__.isScalar)(node) && !built.has(node)) {
                    built.set(node, {
                        reason: `docker/${action}'s ${key} names what the build produces`,
                        buildOutput: true
                    });
                }
            }
        }
    }
    for (const [node, runner] of run) {
        const build = built.get(node);
        if (!build)
            continue;
        built.set(node, {
            reason: `one anchor names both what a service builds and what service ${runner} runs; give each its own image:`
        });
    }
    return built;
}
// ---- The read-back check ----
/**
 * Why the text with every pin made (any digest) would not read as the same documents with just
 * the pinned values changed (and kustomize's `digest:` added), or undefined when it would.
 */
function readBackProblem(text, tree, pinnables, insertions) {
    const edits = pinnables.flatMap(({ edit }) => (edit ? [edit] : []));
    if (edits.length === 0)
        return undefined;
    const pinnedText = (0,_text_js__WEBPACK_IMPORTED_MODULE_3__/* .splice */ .V4)(text, edits.map((edit) => ({
        start: edit.start,
        end: edit.end,
        text: edit.prefix + PLACEHOLDER + edit.suffix
    })));
    const pinned = parseDocuments(pinnedText);
    if (typeof pinned === 'string')
        return pinned;
    if (pinned.length !== tree.documents.length)
        return 'the number of documents changes';
    // What the old documents become: each edited scalar's new value, each digest: added.
    const byScalar = new Map();
    for (const edit of edits) {
        const map = insertions.get(edit);
        if (map) {
            map.items.push(new yaml__WEBPACK_IMPORTED_MODULE_1__.Pair(new yaml__WEBPACK_IMPORTED_MODULE_1__.Scalar('digest'), new yaml__WEBPACK_IMPORTED_MODULE_1__.Scalar(PLACEHOLDER)));
            continue;
        }
        const scalar = containing(tree.scalars, edit.start, edit.end);
        if (!scalar)
            continue; // in a comment
        const list = byScalar.get(scalar) ?? [];
        list.push(edit);
        byScalar.set(scalar, list);
    }
    for (const [scalar, scalarEdits] of byScalar) {
        const value = expectedValue(text, scalar, scalarEdits);
        if (value === undefined)
            return 'a pinned value is not where its text is';
        scalar.value = value;
    }
    try {
        const options = { mapAsMap: true, maxAliasCount: 10_000 };
        const same = tree.documents.every((document, i) => (0,node_util__WEBPACK_IMPORTED_MODULE_0__.isDeepStrictEqual)(document.toJS(options), pinned[i]?.toJS(options)));
        return same ? undefined : 'a value other than the pinned ones would change';
    }
    catch (error) {
        return (0,_text_js__WEBPACK_IMPORTED_MODULE_3__/* .clip */ .$Q)((0,_errors_js__WEBPACK_IMPORTED_MODULE_4__/* .errorMessage */ .g)(error), 200);
    }
}
/**
 * A scalar's value with each edit made where its bytes stand in the value. What a pin replaces is
 * a reference (or a tag, a digest): no quote, escape or line break in it, so its n-th occurrence
 * in the scalar's source is its n-th in the value. Anything that makes them differ (an escape
 * spelling part of it) fails the comparison, and the file is left alone.
 */
function expectedValue(text, scalar, edits) {
    const { value } = scalar;
    if (value === null)
        return edits.length === 1 ? PLACEHOLDER : undefined;
    if (typeof value !== 'string')
        return undefined;
    const replacements = [];
    // Between one edit and the next, the same bytes may stand unedited (a build output before a
    // reference): as many are passed over in the value. Each stretch is read once.
    let sourceAt = scalar.range?.[0] ?? 0;
    let valueAt = 0;
    for (const edit of [...edits].sort((a, b) => a.start - b.start)) {
        const written = text.slice(edit.start, edit.end);
        const passed = written === '' ? 0 : count(text.slice(sourceAt, edit.start), written);
        const at = written === '' ? valueAt : nthIndex(value, written, passed, valueAt);
        if (at < 0)
            return undefined;
        replacements.push({
            start: at,
            end: at + written.length,
            text: edit.prefix + PLACEHOLDER + edit.suffix
        });
        sourceAt = edit.end;
        valueAt = at + written.length;
    }
    return (0,_text_js__WEBPACK_IMPORTED_MODULE_3__/* .splice */ .V4)(value, replacements);
}
/** How many times `part` occurs in `text`, not overlapping. */
function count(text, part) {
    let n = 0;
    for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length))
        n++;
    return n;
}
/** Where the `n`-th (from 0) occurrence of `part` from `from` starts, not overlapping; -1: none. */
function nthIndex(text, part, n, from) {
    let at = text.indexOf(part, from);
    for (let i = 0; i < n && at >= 0; i++)
        at = text.indexOf(part, at + part.length);
    return at;
}


/***/ })

};
