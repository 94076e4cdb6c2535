/**
 * Paths the model gives, made safe for the sandbox port. Models often write
 * `/workspace/src/a.ts` or `./src/a.ts`; both mean the workspace-relative
 * `src/a.ts`. Anything else absolute, or with `..`, is refused with a hint.
 */
export declare function workspaceFilePath(path: string, field?: string): string;
/** A directory to search or list; empty, `.` and `/workspace` mean the workspace itself (`.`). */
export declare function workspaceDirectoryPath(path: string | undefined, field?: string): string;
