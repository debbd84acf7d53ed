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
var checked = __webpack_require__(2128);
// EXTERNAL MODULE: ./src/inputs/image-references.ts
var image_references = __webpack_require__(739);
;// CONCATENATED MODULE: ./src/inputs/pin-references.ts
// Finds the private ECR image references in a file's text, wherever they stand (YAML values quoted
// or not, JSON strings, FROM lines, .env and HCL assignments), with the offsets `pin-files` splices
// at. Pure: text in, references out; each one is checked by the same parser as the `images` input.


// The host (`<account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]`), a repository path built like
// ECR's name pattern, then a tag (Docker's grammar, up to ECR's 300 characters) and/or a digest.
// Path and tag end in a letter or digit, so a sentence's full stop is not taken in; the account
// must not be the tail of a longer word or host.
const REFERENCE = /(?<![\w.-])\d{12}\.dkr\.ecr(?:-fips)?\.[a-z0-9-]+\.amazonaws\.com(?:\.cn)?\/[a-z0-9]+(?:(?:[._-]|__|\/)[a-z0-9]+)*(?::\w(?:[\w.-]{0,298}\w)?)?(?:@sha256:[0-9a-f]{64}(?![0-9A-Za-z]))?/g;
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
        const at = written.indexOf('@');
        found.push({
            text: written,
            key: parsed.imageTag !== undefined && at >= 0 ? written.slice(0, at) : written,
            start,
            end: start + written.length,
            line,
            column,
            reference: { ...parsed, registry: parsed.registry }
        });
    }
    return problems.length > 0 ? (0,checked/* failWith */.ff)(problems) : (0,checked.ok)(found);
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
var scalars = __webpack_require__(4964);
;// CONCATENATED MODULE: ./src/inputs/pin-files.ts
// The `pin-files` and `pin-mode` inputs: the globs expanded inside the workspace, every matched
// file read and scanned for ECR references, and the images those references name. Loaded only
// when `pin-files` is set; the workspace comes in from the caller (src/files/workspace.ts reads
// each file: inside the workspace, a regular file, UTF-8, at most MAX_PIN_FILE_BYTES).






const PIN_MODES = ['write', 'check'];
/** The most files the globs may match: a glob that matches more is too broad to pin. */
const MAX_PIN_FILES = 1000;
/** The most one file may hold: the largest generated manifests are a few MiB. */
const MAX_PIN_FILE_BYTES = 8 * 1024 * 1024;
/** The most all the files may hold together: each is kept in memory with its new text. */
const MAX_PIN_TOTAL_BYTES = 32 * 1024 * 1024;
/** Reads both inputs; every problem is reported together with the other inputs' problems. */
function readPinFiles(pinFiles, pinMode, workspace) {
    const problems = [];
    const mode = (0,checked/* take */.s)((0,scalars/* parseChoice */.HU)('pin-mode', pinMode, PIN_MODES, 'write'), problems);
    const files = (0,checked/* take */.s)(readFiles((0,checked/* splitList */.ry)(pinFiles), workspace), problems) ?? [];
    if (problems.length > 0 || !mode)
        return (0,checked/* failWith */.ff)(problems);
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
    return (0,checked.ok)({ mode, files, lookups: (0,checked/* uniqueByKey */.sq)(lookups) });
}
function readFiles(patterns, workspace) {
    if (!workspace) {
        return (0,checked/* fail */.fJ)('pin-files: GITHUB_WORKSPACE is not set, and the globs are relative to it.');
    }
    const problems = [];
    const paths = new Set();
    for (const pattern of patterns) {
        const matches = (0,checked/* take */.s)(expand(pattern, workspace), problems) ?? [];
        matches.forEach((path) => paths.add(path));
    }
    if (paths.size > MAX_PIN_FILES) {
        problems.push(`pin-files: the globs match ${paths.size.toLocaleString('en-US')} files; at most ` +
            `${MAX_PIN_FILES.toLocaleString('en-US')} are pinned in one step: narrow the globs.`);
        return (0,checked/* failWith */.ff)(problems);
    }
    const files = [];
    let total = 0;
    for (const path of paths) {
        const file = (0,checked/* take */.s)(readFile(path, workspace), problems);
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
    return problems.length > 0 ? (0,checked/* failWith */.ff)(problems) : (0,checked.ok)(files);
}
function outsideWorkspace(path) {
    return path === '..' || path.startsWith('../') || (0,external_node_path_.isAbsolute)(path);
}
/** The workspace-relative files one glob matches, sorted; none, or a way out, is a problem. */
function expand(pattern, workspace) {
    const said = `pin-files: ${(0,checked/* quote */.hD)(pattern)}`;
    if ((0,external_node_path_.isAbsolute)(pattern) || outsideWorkspace((0,external_node_path_.normalize)(pattern).split(external_node_path_.sep).join('/'))) {
        return (0,checked/* fail */.fJ)(`${said} is outside the workspace; give globs relative to GITHUB_WORKSPACE, like k8s/**/*.yaml.`);
    }
    let matches;
    try {
        matches = workspace.list(pattern);
    }
    catch (error) {
        return (0,checked/* fail */.fJ)(`${said} cannot be expanded: ${(0,errors/* errorMessage */.g)(error)}`);
    }
    const escaping = matches.find(outsideWorkspace);
    if (escaping !== undefined) {
        return (0,checked/* fail */.fJ)(`${said} matches ${(0,checked/* quote */.hD)(escaping)}, which is outside the workspace.`);
    }
    // An explicit `.git/*` (or `sub/.git/config`) names git's own files: never rewritten.
    const git = matches.find(files_workspace/* isGitPath */.o);
    if (git !== undefined) {
        return (0,checked/* fail */.fJ)(`${said} matches ${(0,checked/* quote */.hD)(git)}, in a .git directory; git's own files are never pinned.`);
    }
    if (matches.length === 0) {
        return (0,checked/* fail */.fJ)(`${said} matches no file in the workspace; check the path, or remove the glob.`);
    }
    return (0,checked.ok)(matches);
}
function readFile(path, workspace) {
    let file;
    try {
        file = workspace.read(path, MAX_PIN_FILE_BYTES);
    }
    catch (error) {
        return (0,checked/* fail */.fJ)(`pin-files: ${(0,errors/* errorMessage */.g)(error)}`);
    }
    const references = findEcrReferences(file.text, path);
    return references.ok ? (0,checked.ok)({ ...file, path, references: references.value }) : references;
}


/***/ })

};
