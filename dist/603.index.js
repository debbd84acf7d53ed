export const id = 603;
export const ids = [603];
export const modules = {

/***/ 2603:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  MAX_PIN_FILES: () => (/* binding */ MAX_PIN_FILES),
  MAX_PIN_FILE_BYTES: () => (/* binding */ MAX_PIN_FILE_BYTES),
  MAX_PIN_TOTAL_BYTES: () => (/* binding */ MAX_PIN_TOTAL_BYTES),
  readPinFiles: () => (/* binding */ readPinFiles)
});

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/files/workspace.ts
var files_workspace = __webpack_require__(9622);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/inputs/checked.ts
var inputs_checked = __webpack_require__(2128);
// EXTERNAL MODULE: ./src/text.ts
var src_text = __webpack_require__(8992);
// EXTERNAL MODULE: ./src/inputs/image-references.ts
var image_references = __webpack_require__(739);
// EXTERNAL MODULE: ./src/inputs/pin-text.ts
var pin_text = __webpack_require__(9372);
;// CONCATENATED MODULE: ./src/inputs/pin-references.ts
// The ECR image references in the files `pin-files` matched: each one the action can pin, with
// the bytes a pin changes, and every other occurrence of an ECR host, left alone with the reason.
// The text rules (pin-text.ts) read every file; a YAML file's structure (pin-yaml.ts, which loads
// the YAML parser) is read only when a matched YAML file names an ECR host. Every reference is
// checked by the same parser as the `images` input.





/** Files read as YAML: Kubernetes, Helm values, kustomize, compose, CI configs. */
function isYamlFile(path) {
    return /\.ya?ml$/i.test(path) || (0,external_node_path_.basename)(path) === 'Kustomization';
}
/** Every file's references and skipped occurrences; a reference the parser refuses is a problem. */
async function scanPinFiles(files) {
    const occurrences = files.map((file) => (0,pin_text/* findEcrHosts */.dD)(file.text));
    const asYaml = files.map((file, i) => isYamlFile(file.path) && (occurrences[i]?.length ?? 0) > 0);
    // The YAML parser is loaded only when a YAML file names an ECR host.
    const readYaml = asYaml.some((yaml, i) => yaml && (files[i]?.text.length ?? 0) <= YAML_LIMIT)
        ? (await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(652)]).then(__webpack_require__.bind(__webpack_require__, 6652))).readYaml
        : undefined;
    const problems = [];
    const scans = files.map(({ path, text }, i) => {
        const found = occurrences[i] ?? [];
        let scan = (0,pin_text/* scanText */.Ff)(text, found);
        if (asYaml[i] && readYaml && text.length <= YAML_LIMIT)
            scan = readYaml(text, found);
        else if (asYaml[i])
            scan = (0,pin_text/* everyOneLeftAlone */.wN)(scan, TOO_LARGE);
        return (0,inputs_checked/* take */.s)(fileScan(text, path, scan), problems);
    });
    return problems.length > 0 ? (0,inputs_checked/* failWith */.ff)(problems) : (0,inputs_checked.ok)(scans.map((scan) => scan ?? EMPTY));
}
/**
 * The largest YAML file read as YAML, in UTF-16 units: the parser takes about a second and 150 MB
 * per MiB, twice (the file, then the file pinned). Kubernetes objects are at most 1.5 MB.
 */
const YAML_LIMIT = 1_048_576;
const TOO_LARGE = 'the file is over 1 MiB, more than the action reads as YAML, so nothing in it is pinned';
/** The references one file's problems name, at most; a count says how many more. */
const SHOWN_PROBLEMS = 10;
/** The most of what is written that a skipped entry keeps to show. */
const SHOWN = 300;
const EMPTY = { references: [], skipped: [] };
/** One file's text by the text rules alone (what every non-YAML file gets). */
function findEcrReferences(text, where) {
    return fileScan(text, where, scanText(text, findEcrHosts(text)));
}
function fileScan(text, where, scan) {
    const lineStarts = (0,pin_text/* lineStartOffsets */.v_)(text);
    const problems = [];
    let refused = 0;
    const references = [];
    for (const { text: written, at, edit } of scan.pinnable) {
        const { line, column } = (0,pin_text/* position */.G1)(lineStarts, at);
        const checked = (0,image_references/* parseImageReference */.o)(written, `pin-files: ${where}:${line}`);
        if (!checked.ok)
            refused++;
        const parsed = refused <= SHOWN_PROBLEMS ? (0,inputs_checked/* take */.s)(checked, problems) : undefined;
        if (!parsed?.registry)
            continue;
        const digestAt = written.indexOf('@');
        const found = {
            text: written,
            key: parsed.imageTag !== undefined && digestAt >= 0 ? written.slice(0, digestAt) : written,
            line,
            column,
            reference: { ...parsed, registry: parsed.registry }
        };
        if (edit)
            found.edit = edit;
        references.push(found);
    }
    const skipped = scan.leftAlone.map(({ at, text: written, reason, buildOutput }) => ({
        text: (0,src_text/* clip */.$Q)(written, SHOWN),
        ...(0,pin_text/* position */.G1)(lineStarts, at),
        reason,
        buildOutput: buildOutput === true
    }));
    if (refused > SHOWN_PROBLEMS) {
        problems.push(`pin-files: ${where}: ${refused - SHOWN_PROBLEMS} more references like these.`);
    }
    return problems.length > 0 ? (0,inputs_checked/* failWith */.ff)(problems) : (0,inputs_checked.ok)({ references, skipped });
}

// EXTERNAL MODULE: ./src/inputs/scalars.ts
var scalars = __webpack_require__(4964);
;// CONCATENATED MODULE: ./src/inputs/pin-files.ts
// The `pin-files` and `pin-mode` inputs: the globs expanded inside the workspace, every matched
// file read and scanned for ECR references (pin-references.ts), and the images those references
// name. Loaded only when `pin-files` is set; the workspace comes in from the caller
// (src/files/workspace.ts reads each file: inside the workspace, a regular file, UTF-8, at most
// MAX_PIN_FILE_BYTES).






const PIN_MODES = ['write', 'check'];
/** The most files the globs may match: a glob that matches more is too broad to pin. */
const MAX_PIN_FILES = 1000;
/** The most one file may hold: the largest generated manifests are a few MiB. */
const MAX_PIN_FILE_BYTES = 8 * 1024 * 1024;
/** The most all the files may hold together: each is kept in memory with its new text. */
const MAX_PIN_TOTAL_BYTES = 32 * 1024 * 1024;
/** Reads both inputs; every problem is reported together with the other inputs' problems. */
async function readPinFiles(pinFiles, pinMode, workspace) {
    const problems = [];
    const mode = (0,inputs_checked/* take */.s)((0,scalars/* parseChoice */.HU)('pin-mode', pinMode, PIN_MODES, 'write'), problems);
    const read = readFiles((0,inputs_checked/* splitList */.ry)(pinFiles), workspace, problems);
    const scans = (0,inputs_checked/* take */.s)(await scanPinFiles(read), problems) ?? [];
    if (problems.length > 0 || !mode)
        return (0,inputs_checked/* failWith */.ff)(problems);
    const files = read.map((file, i) => ({
        ...file,
        ...(scans[i] ?? { references: [], skipped: [] })
    }));
    const lookups = files.flatMap((file) => file.references.map(({ key, reference }) => {
        const { registry, repositoryName, imageTag, imageDigest } = reference;
        const lookup = { key, ...registry, repositoryName };
        // The tag is what is resolved: a digest written next to it is what the file claims, compared
        // with the answer, never sent (ECR would fail the pair once the tag has moved).
        if (imageTag !== undefined)
            lookup.imageTag = imageTag;
        else if (imageDigest !== undefined)
            lookup.imageDigest = imageDigest;
        return lookup;
    }));
    return (0,inputs_checked.ok)({ mode, files, lookups: (0,inputs_checked/* uniqueByKey */.sq)(lookups) });
}
/** The files the globs match, read; what cannot be joins `problems` (the rest are still read). */
function readFiles(patterns, workspace, problems) {
    if (!workspace) {
        problems.push('pin-files: GITHUB_WORKSPACE is not set, and the globs are relative to it.');
        return [];
    }
    const paths = new Set();
    for (const pattern of patterns) {
        const matches = (0,inputs_checked/* take */.s)(expand(pattern, workspace), problems) ?? [];
        matches.forEach((path) => paths.add(path));
    }
    if (paths.size > MAX_PIN_FILES) {
        problems.push(`pin-files: the globs match ${paths.size.toLocaleString('en-US')} files; at most ` +
            `${MAX_PIN_FILES.toLocaleString('en-US')} are pinned in one step: narrow the globs.`);
        return [];
    }
    const files = [];
    let total = 0;
    for (const path of paths) {
        const file = (0,inputs_checked/* take */.s)(readFile(path, workspace), problems);
        if (!file)
            continue;
        total += file.read.size;
        if (total > MAX_PIN_TOTAL_BYTES) {
            problems.push(`pin-files: the files matched hold more than ${MAX_PIN_TOTAL_BYTES / 1024 / 1024} MiB ` +
                `together (the limit, reached at ${path}); narrow the globs.`);
            break;
        }
        files.push(file);
    }
    return files;
}
function outsideWorkspace(path) {
    return path === '..' || path.startsWith('../') || (0,external_node_path_.isAbsolute)(path);
}
/** The workspace-relative files one glob matches, sorted; none, or a way out, is a problem. */
function expand(pattern, workspace) {
    const said = `pin-files: ${(0,inputs_checked/* quote */.hD)(pattern)}`;
    if ((0,external_node_path_.isAbsolute)(pattern) || outsideWorkspace((0,external_node_path_.normalize)(pattern).split(external_node_path_.sep).join('/'))) {
        return (0,inputs_checked/* fail */.fJ)(`${said} is outside the workspace; give globs relative to GITHUB_WORKSPACE, like k8s/**/*.yaml.`);
    }
    let matches;
    try {
        matches = workspace.list(pattern);
    }
    catch (error) {
        return (0,inputs_checked/* fail */.fJ)(`${said} cannot be expanded: ${(0,errors/* errorMessage */.g)(error)}`);
    }
    const escaping = matches.find(outsideWorkspace);
    if (escaping !== undefined) {
        return (0,inputs_checked/* fail */.fJ)(`${said} matches ${(0,inputs_checked/* quote */.hD)(escaping)}, which is outside the workspace.`);
    }
    // An explicit `.git/*` (or `sub/.git/config`) names git's own files: never rewritten.
    const git = matches.find(files_workspace/* isGitPath */.o);
    if (git !== undefined) {
        return (0,inputs_checked/* fail */.fJ)(`${said} matches ${(0,inputs_checked/* quote */.hD)(git)}, in a .git directory; git's own files are never pinned.`);
    }
    if (matches.length === 0) {
        return (0,inputs_checked/* fail */.fJ)(`${said} matches no file in the workspace; check the path, or remove the glob.`);
    }
    return (0,inputs_checked.ok)(matches);
}
function readFile(path, workspace) {
    try {
        return (0,inputs_checked.ok)({ ...workspace.read(path, MAX_PIN_FILE_BYTES), path });
    }
    catch (error) {
        return (0,inputs_checked/* fail */.fJ)(`pin-files: ${(0,errors/* errorMessage */.g)(error)}`);
    }
}


/***/ }),

/***/ 9372:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $W: () => (/* binding */ isLeftAlone),
/* harmony export */   D5: () => (/* binding */ isEcrRepository),
/* harmony export */   Ff: () => (/* binding */ scanText),
/* harmony export */   G1: () => (/* binding */ position),
/* harmony export */   LZ: () => (/* binding */ hasEcrHost),
/* harmony export */   QL: () => (/* binding */ readOccurrence),
/* harmony export */   WQ: () => (/* binding */ digestProblem),
/* harmony export */   bt: () => (/* binding */ templateOpening),
/* harmony export */   dD: () => (/* binding */ findEcrHosts),
/* harmony export */   v_: () => (/* binding */ lineStartOffsets),
/* harmony export */   wN: () => (/* binding */ everyOneLeftAlone)
/* harmony export */ });
/* unused harmony export continuationProblem */
// Every occurrence of an ECR registry host in a file's text, and what the text around it says:
// a reference whose ends are clear (pinnable), a repository or a host alone, or something unclear
// (a tag that runs into template syntax, a digest that is not a sha256 one, a longer word), with
// why. Pure: the same rules for every format; pin-yaml.ts adds what YAML's structure says.
// `<account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]`, the other partitions' domains and the
// dual-stack `<account>.dkr-ecr.<region>.on.aws` (every host the `images` input reads), in any
// letter case (an upper-case host is still an occurrence to report). Nothing around it is
// required: a longer word containing it is an occurrence too, reported as unclear.
const HOST = /\d{12}\.(?:dkr\.ecr(?:-fips)?\.[a-z0-9-]+\.(?:amazonaws\.(?:com(?:\.cn)?|eu)|c2s\.ic\.gov|sc2s\.sgov\.gov|cloud\.adc-e\.uk|csp\.hci\.ic\.gov)|dkr-ecr(?:-fips)?\.[a-z0-9-]+\.on\.(?:aws|amazonwebservices\.com\.cn))/gi;
// Not global: a test with HOST would move its lastIndex, where matchAll starts its next search.
const ANY_HOST = new RegExp(HOST.source, 'i');
// ECR's repository name pattern; a tag as Docker writes it, up to ECR's 300 characters, ending
// in a letter or digit so that a sentence's full stop is not taken in (it then stands after the
// tag, where it is not a clear boundary).
const PATH = /[a-z0-9]+(?:(?:[._-]|__|\/)[a-z0-9]+)*/y;
const TAG = /\w(?:[\w.-]{0,298}\w)?/y;
// What a digest looks like to OCI (`algorithm:encoded`), well-formed or not, to say why it is
// not the sha256 one a pin can replace.
const DIGEST_LIKE = /([A-Za-z0-9]+(?:[+._-][A-Za-z0-9]+)*):([A-Za-z0-9=_-]*)/y;
const SHA256 = /^sha256:[0-9a-f]{64}$/;
const SHA256_HERE = /sha256:[0-9a-f]{64}(?![0-9A-Za-z])/y;
// A reference starts after one of these (or at the start of the text) and ends before one of
// these (or at the end): whitespace, quotes, and the delimiters of YAML flow collections, JSON,
// HCL and shell lists. A comment starts after whitespace, so it is covered.
const CLEAR_BEFORE = /[\s"'`=,[{(]/;
const CLEAR_AFTER = /[\s"'`,\]})]/;
/** Where the excerpt of an unclear occurrence stops, either side. */
const WORD_END = /[\s"'`]/;
// Written directly before the host, still part of a reference: `docker://` (skopeo, a GitHub
// Actions `uses:`), `docker-image://` (BuildKit's named contexts).
const SCHEMES = ['docker://', 'docker-image://'];
// A shell, compose or .env default, `${NAME:-` (also `${NAME-`, `${NAME:=`, `${NAME=`), directly
// before the host: the reference is what the variable falls back to, and a `}` closes it.
const DEFAULT_OPENING = /\$\{[A-Za-z_][A-Za-z0-9_]{0,99}:?[-=]$/;
const MAX_NESTED_DEFAULTS = 4;
// What makes a tag or name run into a template: shell and compose `${…}` and `$NAME`, Go and
// Helm `{{ … }}`, Jinja `{% … %}`, Terraform `%{ … }`, Windows `%NAME%`, `<placeholder>`.
const TEMPLATE_OPENINGS = ['${', '{{', '{%', '%{', '$', '%', '<'];
/** How much of an unclear occurrence is shown and looked through, either side of the host. */
const EXCERPT = 200;
// What a command line names as its result, just before it on the same line: `docker build -t`
// (and buildah, podman, `--tag`), `docker push`, the target of `docker tag`. A tag with a digest
// is refused there, and a pinned reference would name something else than what is built.
const COMMAND_OUTPUTS = [
    [/(?:^|\s)(?:-t|--tag)(?:[ \t]+|=)$/, 'a build names its result with it (-t, --tag)'],
    [
        /\bdocker[ \t]+(?:image[ \t]+)?push[ \t]+(?:-\S+[ \t]+)*$/,
        'docker push sends it: it names what is pushed'
    ],
    [
        /\bdocker[ \t]+(?:image[ \t]+)?tag[ \t]+\S+[ \t]+$/,
        'docker tag gives it to an image: it names the result'
    ]
];
/** Every ECR host occurrence in `text`, in order, each classified by the rules above. */
function findEcrHosts(text) {
    const found = [];
    let after = 0;
    for (const match of text.matchAll(HOST)) {
        if (match.index < after)
            continue; // inside the previous one's excerpt: already reported
        const occurrence = classify(text, match.index, match.index + match[0].length);
        // Up to EXCERPT characters of its line before it (never a search back to the line's start).
        const near = text.slice(Math.max(0, occurrence.start - EXCERPT), occurrence.start);
        const before = near.slice(near.lastIndexOf('\n') + 1);
        const output = COMMAND_OUTPUTS.find(([pattern]) => pattern.test(before));
        if (output)
            occurrence.buildOutput = output[1];
        found.push(occurrence);
        after = occurrence.end;
    }
    return found;
}
/** Whether `text` holds an ECR host at all (cheaper than classifying every one). */
function hasEcrHost(text) {
    return ANY_HOST.test(text);
}
/** `value` is exactly an ECR repository URI, `<host>/<repo>`, with no tag and no digest. */
function isEcrRepository(value) {
    const [occurrence, ...more] = findEcrHosts(value);
    return (more.length === 0 &&
        occurrence?.kind === 'repository' &&
        occurrence.start === 0 &&
        occurrence.end === value.length);
}
/** Why a digest written after `@` is not one a pin can replace, or undefined if it is. */
function digestProblem(digest) {
    if (SHA256.test(digest))
        return undefined;
    DIGEST_LIKE.lastIndex = 0;
    const match = DIGEST_LIKE.exec(digest);
    if (!match || match[0].length !== digest.length)
        return 'its "@" is not followed by a digest';
    const [, algorithm = '', encoded = ''] = match;
    if (algorithm.toLowerCase() !== 'sha256') {
        return `it already carries a ${clipped(algorithm, 20)} digest, and pins are sha256 (ECR's)`;
    }
    if (!/^[0-9a-fA-F]*$/.test(encoded))
        return 'its sha256 digest is not hex';
    if (encoded.length !== 64)
        return `its sha256 digest has ${encoded.length} hex digits, not 64`;
    return 'its sha256 digest is not written in lower case';
}
/**
 * Why what follows `subject` (`the tag`, `the repository name`, …) makes it unclear where the
 * reference ends: template syntax in the run up to the next clear boundary, or the character.
 */
function continuationProblem(subject, following) {
    const opening = templateOpening(following);
    if (opening !== undefined) {
        return `${subject} runs into template syntax (${opening}), so the reference it renders is not known`;
    }
    return `${subject} is followed by ${JSON.stringify(following.charAt(0))}, so where it ends is unclear`;
}
/** The template syntax in `following` up to the next clear boundary, if any. */
function templateOpening(following) {
    const run = following.slice(0, EXCERPT).split(CLEAR_AFTER, 1)[0] ?? '';
    return TEMPLATE_OPENINGS.find((candidate) => run.includes(candidate));
}
function classify(text, hostStart, hostEnd) {
    const unclear = (reason, from = hostEnd) => {
        const word = wordAround(text, hostStart, from);
        return { kind: 'unclear', ...word, host: hostStart, reason };
    };
    const host = text.slice(hostStart, hostEnd);
    if (host !== host.toLowerCase())
        return unclear('the registry host is not in lower case');
    // Before: a scheme, then any `${NAME:-` defaults, then a clear boundary.
    let start = hostStart;
    const scheme = SCHEMES.find((candidate) => text.endsWith(candidate, start));
    if (scheme)
        start -= scheme.length;
    let defaults = 0;
    for (; defaults < MAX_NESTED_DEFAULTS; defaults++) {
        const opening = DEFAULT_OPENING.exec(text.slice(Math.max(0, start - 110), start));
        if (!opening)
            break;
        start -= opening[0].length;
    }
    const before = text.charAt(start - 1);
    if (start > 0 && !CLEAR_BEFORE.test(before)) {
        if (/[a-z][a-z0-9+.-]*:\/\/$/i.test(text.slice(Math.max(0, start - 30), start))) {
            return unclear('it is part of a URL, not an image reference');
        }
        return unclear(`it is part of a longer word (after ${JSON.stringify(before)})`);
    }
    // After: `/repository`, then `:tag`, then `@digest`, each optional but the first.
    let end = hostEnd;
    let kind = 'host';
    let subject = 'the host';
    let tagged = false;
    let digest;
    if (text.charAt(end) === '/') {
        PATH.lastIndex = end + 1;
        if (!PATH.exec(text))
            return unclear('no repository name follows the host');
        end = PATH.lastIndex;
        kind = 'repository';
        subject = 'the repository name';
        if (text.charAt(end) === ':') {
            TAG.lastIndex = end + 1;
            if (!TAG.exec(text)) {
                const opening = templateOpening(text.slice(end + 1));
                return unclear(opening === undefined
                    ? '":" is not followed by a tag'
                    : `the tag is template syntax (${opening}), so the reference it renders is not known`);
            }
            end = TAG.lastIndex;
            kind = 'reference';
            subject = 'the tag';
            tagged = true;
        }
        if (text.charAt(end) === '@') {
            SHA256_HERE.lastIndex = end + 1;
            DIGEST_LIKE.lastIndex = end + 1;
            const written = SHA256_HERE.exec(text)?.[0] ?? DIGEST_LIKE.exec(text)?.[0] ?? '';
            const problem = digestProblem(written);
            if (problem !== undefined)
                return unclear(problem, end + 1 + written.length);
            end += 1 + written.length;
            kind = 'reference';
            subject = 'the digest';
            digest = written;
        }
    }
    // A default's closing braces, then a clear boundary.
    let close = end;
    for (let n = 0; n < defaults; n++, close++) {
        if (text.charAt(close) !== '}') {
            return unclear(continuationProblem(`${subject} in a \${…:-…} default`, text.slice(close)));
        }
    }
    if (close < text.length && !CLEAR_AFTER.test(text.charAt(close))) {
        return unclear(continuationProblem(subject, text.slice(close)), close);
    }
    const occurrence = { kind, start: hostStart, end, host: hostStart };
    if (kind === 'reference') {
        occurrence.tagged = tagged;
        if (digest !== undefined)
            occurrence.digest = digest;
    }
    return occurrence;
}
/** The word an unclear occurrence stands in: back to a clear boundary, on past `from` to one. */
function wordAround(text, hostStart, from) {
    let start = hostStart;
    while (start > 0 && hostStart - start < EXCERPT && !WORD_END.test(text.charAt(start - 1)))
        start--;
    let end = Math.max(from, hostStart);
    while (end < text.length && end - hostStart < EXCERPT && !WORD_END.test(text.charAt(end)))
        end++;
    return { start, end };
}
function clipped(text, max) {
    return text.length > max ? `${text.slice(0, max)}…` : text;
}
const REPOSITORY_ALONE = 'a repository with no tag or digest names no image (its tag is set elsewhere)';
const HOST_ALONE = 'a registry host alone names no image';
/** What the text alone says at one occurrence: a reference to pin, or why it is left alone. */
function readOccurrence(text, occurrence) {
    const written = text.slice(occurrence.start, occurrence.end);
    const { buildOutput } = occurrence;
    if (buildOutput)
        return { at: occurrence.start, text: written, reason: buildOutput, buildOutput: true };
    switch (occurrence.kind) {
        case 'reference': {
            const pinnable = { text: written, at: occurrence.start };
            if (!occurrence.tagged)
                return pinnable;
            const key = occurrence.digest === undefined ? written : written.slice(0, written.indexOf('@'));
            return {
                ...pinnable,
                edit: { start: occurrence.start, end: occurrence.end, prefix: `${key}@`, suffix: '' }
            };
        }
        case 'repository':
            return { at: occurrence.start, text: written, reason: REPOSITORY_ALONE };
        case 'host':
            return { at: occurrence.start, text: written, reason: HOST_ALONE };
        default:
            return {
                at: occurrence.start,
                text: written,
                reason: occurrence.reason ?? 'it is not understood'
            };
    }
}
const isLeftAlone = (read) => 'reason' in read;
/** A file read by the text rules alone (Dockerfiles, JSON, HCL, .env, shell, …). */
function scanText(text, occurrences) {
    const scan = { pinnable: [], leftAlone: [] };
    for (const occurrence of occurrences) {
        const read = readOccurrence(text, occurrence);
        if (isLeftAlone(read))
            scan.leftAlone.push(read);
        else
            scan.pinnable.push(read);
    }
    return scan;
}
/** A scan with every reference left alone too, for `reason` (a file that cannot be read so). */
function everyOneLeftAlone(scan, reason) {
    const references = scan.pinnable.map(({ at, text }) => ({ at, text, reason }));
    const leftAlone = [...scan.leftAlone, ...references].sort((a, b) => a.at - b.at);
    return { pinnable: [], leftAlone };
}
/** Where each line starts; `\r\n` lines start after the `\n` like any other. */
function lineStartOffsets(text) {
    const starts = [0];
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1))
        starts.push(at + 1);
    return starts;
}
/** The 1-based line and column of `offset`. */
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


/***/ })

};
