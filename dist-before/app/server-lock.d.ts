/** The pid of a live server using the data directory, if any. */
export declare function runningServerPid(dataDirectory: string): number | undefined;
/** Claims the data directory for this server; the returned function releases it. */
export declare function acquireServerLock(dataDirectory: string): () => void;
/** For commands that manage the server's own sandboxes: refuse while a server runs. */
export declare function assertNoServer(dataDirectory: string, alternative: string): void;
