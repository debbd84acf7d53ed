export const id = 593;
export const ids = [593];
export const modules = {

/***/ 4593:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   stageReplacements: () => (/* binding */ stageReplacements)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(3916);
/* harmony import */ var _file_ops_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7632);
/* harmony import */ var _read_file_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(654);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7099);
// Rewriting files all or nothing. Every new text goes first to a temporary file beside its target,
// created exclusively (O_CREAT|O_EXCL, no link followed) under a random name, so nothing planted
// at a name can redirect the write; only once every temporary is written, and the caller has done
// what must come before (the step outputs), are they renamed over their targets, in order. A
// target is checked where it is written: its directory's real path inside the workspace, itself
// a regular file (not a link), under no .git directory, and still holding the bytes it was read
// with. On any failure every temporary is removed and the error names the first cause.
//
// What a rename cannot promise: a process racing the action on the runner can still swap a
// directory between the last check and the rename; a rename that fails midway (a full disk does
// not fail a rename, a read-only remount can) leaves the files renamed before it, and says which.







const WRITE_FLAGS = node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_WRONLY | node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_CREAT | node_fs__WEBPACK_IMPORTED_MODULE_1__.constants.O_EXCL | _file_ops_js__WEBPACK_IMPORTED_MODULE_3__/* .O_NOFOLLOW */ .N0;
/** 96 random bits: a name nobody can plant a link at in advance. */
const randomName = () => `.ecr-pin-${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.randomBytes)(12).toString('hex')}.tmp`;
/**
 * Writes every replacement to a temporary file beside its target; nothing is renamed until
 * commit(). Throws (with every temporary removed) when a target is refused or cannot be written.
 */
function stageReplacements(workspace, replacements, options = {}) {
    const ops = options.ops ?? _file_ops_js__WEBPACK_IMPORTED_MODULE_3__/* .NODE_FILE_OPS */ .lL;
    const name = options.temporaryName ?? randomName;
    const temporaries = [];
    const discard = () => {
        let failure;
        for (const entry of temporaries) {
            if (entry.done)
                continue;
            entry.done = true;
            try {
                ops.unlinkSync(entry.temporary);
            }
            catch (error) {
                if ((0,_file_ops_js__WEBPACK_IMPORTED_MODULE_3__/* .errorCode */ .CA)(error) !== 'ENOENT')
                    failure ??= (0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .g)(error);
            }
        }
        return failure;
    };
    /** The error for `cause`, after every temporary is removed (a clean-up failure comes second). */
    const failed = (cause) => {
        const leftover = discard();
        return new Error(leftover ? `${cause} (A temporary file was not removed: ${leftover}.)` : cause);
    };
    let root;
    try {
        root = ops.realpathSync(workspace);
    }
    catch (error) {
        throw new Error(`Cannot open the workspace ${workspace}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .g)(error)}`);
    }
    for (const replacement of replacements) {
        try {
            const target = targetOf(root, replacement.path, ops);
            checkUnchanged(target, replacement.read, ops);
            const temporary = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(target.directory, name());
            const fd = ops.openSync(temporary, WRITE_FLAGS, 0o600);
            // Recorded at once: from here on, any failure removes it.
            const entry = { ...target, temporary, read: replacement.read, dev: 0, ino: 0 };
            temporaries.push(entry);
            writeAndClose(fd, entry, replacement.text, ops);
        }
        catch (error) {
            throw failed(`${causeOf(replacement.path, error)} No file was written.`);
        }
    }
    return {
        paths: temporaries.map((entry) => entry.path),
        commit() {
            for (const entry of temporaries) {
                try {
                    if (entry.done)
                        throw new _file_ops_js__WEBPACK_IMPORTED_MODULE_3__/* .FileRefused */ .rV(`${entry.path}: its temporary file was removed.`);
                    recheck(root, entry, ops);
                }
                catch (error) {
                    throw failed(`${causeOf(entry.path, error)} No file was written.`);
                }
            }
            const renamed = [];
            for (const entry of temporaries) {
                try {
                    ops.renameSync(entry.temporary, entry.file);
                }
                catch (error) {
                    const left = temporaries.filter((other) => !other.done).map((other) => other.path);
                    const done = renamed.length > 0 ? `Already written: ${renamed.join(', ')}; not` : 'Not';
                    throw failed(`${causeOf(entry.path, error)} ${done} written: ${left.join(', ')}.`);
                }
                entry.done = true;
                renamed.push(entry.path);
            }
        },
        discard() {
            discard();
        }
    };
}
function causeOf(path, error) {
    return error instanceof _file_ops_js__WEBPACK_IMPORTED_MODULE_3__/* .FileRefused */ .rV
        ? error.message
        : `Cannot write ${path}: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_6__/* .errorMessage */ .g)(error).replace(/\.?$/, '.')}`;
}
/** The target as it is now, or a FileRefused saying why it is not written. */
function targetOf(root, path, ops) {
    if ((0,_paths_js__WEBPACK_IMPORTED_MODULE_5__/* .isGitPath */ .o)(path))
        throw new _file_ops_js__WEBPACK_IMPORTED_MODULE_3__/* .FileRefused */ .rV(`${path} is in a .git directory; it is never written.`);
    const lexical = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(root, path);
    if (!(0,_paths_js__WEBPACK_IMPORTED_MODULE_5__/* .within */ .u)(root, lexical))
        throw new _file_ops_js__WEBPACK_IMPORTED_MODULE_3__/* .FileRefused */ .rV(`${path} is outside the workspace.`);
    let directory;
    try {
        directory = ops.realpathSync((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(lexical));
    }
    catch (error) {
        throw (0,_read_file_js__WEBPACK_IMPORTED_MODULE_4__/* .refusal */ .x5)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(path), error);
    }
    if (!(0,_paths_js__WEBPACK_IMPORTED_MODULE_5__/* .within */ .u)(root, directory)) {
        throw new _file_ops_js__WEBPACK_IMPORTED_MODULE_3__/* .FileRefused */ .rV(`${path} is in a directory that leads outside the workspace.`);
    }
    if ((0,_paths_js__WEBPACK_IMPORTED_MODULE_5__/* .isGitPath */ .o)(directory.slice(root.length))) {
        throw new _file_ops_js__WEBPACK_IMPORTED_MODULE_3__/* .FileRefused */ .rV(`${path} is in a .git directory; it is never written.`);
    }
    const file = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(directory, (0,node_path__WEBPACK_IMPORTED_MODULE_2__.basename)(lexical));
    let stats;
    try {
        stats = ops.lstatSync(file);
    }
    catch (error) {
        throw (0,_read_file_js__WEBPACK_IMPORTED_MODULE_4__/* .refusal */ .x5)(path, error);
    }
    if (!stats.isFile())
        throw (0,_file_ops_js__WEBPACK_IMPORTED_MODULE_3__/* .notRegularFile */ .s5)(path, stats);
    return { path, directory, file, mode: stats.mode & 0o7777 };
}
function checkUnchanged(target, read, ops) {
    const changed = () => new _file_ops_js__WEBPACK_IMPORTED_MODULE_3__/* .FileRefused */ .rV(`${target.path} changed after it was read; run again to pin it as it is now.`);
    if (ops.lstatSync(target.file).size !== read.size)
        throw changed();
    const now = (0,_read_file_js__WEBPACK_IMPORTED_MODULE_4__/* .readRegularFile */ .XF)(target.file, {
        shown: target.path,
        maxBytes: read.size,
        followLinks: false,
        ops
    });
    if ((0,_read_file_js__WEBPACK_IMPORTED_MODULE_4__/* .fingerprintOf */ .ax)(now).sha256 !== read.sha256)
        throw changed();
}
/** The text into the open temporary, in the target's mode. */
function writeAndClose(fd, entry, text, ops) {
    try {
        ops.fchmodSync(fd, entry.mode);
        const bytes = Buffer.from(text, 'utf8');
        for (let offset = 0; offset < bytes.length;) {
            offset += ops.writeSync(fd, bytes, offset, bytes.length - offset);
        }
        const stats = ops.fstatSync(fd);
        entry.dev = stats.dev;
        entry.ino = stats.ino;
    }
    catch (error) {
        try {
            ops.closeSync(fd);
        }
        catch {
            // The write's failure is the one to report.
        }
        throw error;
    }
    ops.closeSync(fd);
}
/** Just before the renames: the target where it was and as it was read, the temporary ours. */
function recheck(root, entry, ops) {
    const target = targetOf(root, entry.path, ops);
    if (target.directory !== entry.directory) {
        throw new _file_ops_js__WEBPACK_IMPORTED_MODULE_3__/* .FileRefused */ .rV(`${entry.path} moved after it was read; it is not written.`);
    }
    checkUnchanged(target, entry.read, ops);
    const temporary = ops.lstatSync(entry.temporary);
    if (!temporary.isFile() || temporary.dev !== entry.dev || temporary.ino !== entry.ino) {
        throw new _file_ops_js__WEBPACK_IMPORTED_MODULE_3__/* .FileRefused */ .rV(`${entry.path}: its temporary file was replaced; it is not written.`);
    }
}


/***/ })

};
