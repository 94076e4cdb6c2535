export declare function unreadableReason(error: unknown): string;
/** Reads a file the user named; the error names the argument (`what`) and says why it failed. */
export declare function readInputFile(path: string, what: string): Promise<string>;
