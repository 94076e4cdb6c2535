export declare class OutsideWorkspaceError extends Error {
}
export declare function insideWorkspace(workspace: string, path: string): string;
