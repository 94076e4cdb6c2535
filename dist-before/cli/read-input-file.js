import { readFile } from "node:fs/promises";
import { HangarError } from "../core/errors.js";
/** Why a file could not be read, in words a user acts on (not the errno alone). */
const reasons = {
    ENOENT: "no such file",
    EACCES: "permission denied",
    EPERM: "permission denied",
    EISDIR: "it is a directory",
    ENOTDIR: "a part of the path is not a directory",
    ELOOP: "too many symbolic links",
    ENAMETOOLONG: "the name is too long",
    EMFILE: "too many open files",
};
export function unreadableReason(error) {
    const code = error?.code;
    if (code !== undefined && reasons[code] !== undefined)
        return `${reasons[code]} (${code})`;
    return error instanceof Error ? error.message : String(error);
}
/** Reads a file the user named; the error names the argument (`what`) and says why it failed. */
export async function readInputFile(path, what) {
    try {
        return await readFile(path, "utf8");
    }
    catch (error) {
        throw new HangarError("BAD_REQUEST", `cannot read ${path}: ${unreadableReason(error)}`, { field: what });
    }
}
//# sourceMappingURL=read-input-file.js.map