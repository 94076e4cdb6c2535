import { HangarError } from "../../../core/errors.js";
import { validateRelativePath } from "../../../core/paths.js";
import { workspaceMountPoint } from "../../../sandbox/launch-script.js";
/**
 * Paths the model gives, made safe for the sandbox port. Models often write
 * `/workspace/src/a.ts` or `./src/a.ts`; both mean the workspace-relative
 * `src/a.ts`. Anything else absolute, or with `..`, is refused with a hint.
 */
export function workspaceFilePath(path, field = "path") {
    const relative = stripWorkspacePrefix(path);
    if (relative === "") {
        throw new HangarError("INVALID_PATH", `${field} must name a file, not the workspace itself`, { field });
    }
    try {
        return validateRelativePath(relative, field);
    }
    catch (error) {
        if (!(error instanceof HangarError))
            throw error;
        throw new HangarError("INVALID_PATH", `${error.message}: give a path relative to the workspace (${workspaceMountPoint}), e.g. "src/index.ts"`, { field });
    }
}
/** A directory to search or list; empty, `.` and `/workspace` mean the workspace itself (`.`). */
export function workspaceDirectoryPath(path, field = "path") {
    const relative = stripWorkspacePrefix(path ?? "");
    return relative === "" ? "." : workspaceFilePath(relative, field);
}
function stripWorkspacePrefix(path) {
    let relative = path.trim();
    if (relative === workspaceMountPoint)
        return "";
    if (relative.startsWith(`${workspaceMountPoint}/`))
        relative = relative.slice(workspaceMountPoint.length + 1);
    while (relative.startsWith("./"))
        relative = relative.slice(2);
    return relative === "." ? "" : relative.replace(/\/+$/, "");
}
//# sourceMappingURL=workspace-path.js.map