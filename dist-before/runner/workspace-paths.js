// Paths the agent may touch through the runner: only under the workspace. The
// deepest existing ancestor is resolved with realpath, so a symlink inside the
// workspace cannot lead a read or write outside it.
import { realpathSync } from "node:fs";
import { dirname, isAbsolute, relative, resolve, sep } from "node:path";
export class OutsideWorkspaceError extends Error {
}
export function insideWorkspace(workspace, path) {
    if (!isAbsolute(path))
        throw new OutsideWorkspaceError(`path must be absolute: ${path}`);
    const root = realpathSync(workspace);
    const wanted = resolve(path);
    let existing = wanted;
    let rest = "";
    for (;;) {
        try {
            const real = realpathSync(existing);
            const full = rest === "" ? real : resolve(real, rest);
            if (!isUnder(root, full))
                break;
            return full;
        }
        catch (error) {
            if (error.code !== "ENOENT")
                throw error;
            const parent = dirname(existing);
            if (parent === existing)
                break;
            rest = rest === "" ? relative(parent, existing) : `${relative(parent, existing)}${sep}${rest}`;
            existing = parent;
        }
    }
    throw new OutsideWorkspaceError(`${path} is outside the workspace ${workspace}`);
}
function isUnder(root, path) {
    const inside = relative(root, path);
    return inside === "" || (!inside.startsWith(`..${sep}`) && inside !== ".." && !isAbsolute(inside));
}
//# sourceMappingURL=workspace-paths.js.map