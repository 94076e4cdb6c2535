import type { ChildLaunch, LaunchedChild } from "./child-launcher.js";
/** Whether this host can run the spawn server (a system python3 and, for other uids, setpriv). */
export declare function canUseSpawnServer(): boolean;
export declare class SpawnServer {
    private readonly listener;
    private readonly socketPath;
    private readonly token;
    private readonly onError;
    private nextId;
    private readonly children;
    private process;
    private closed;
    private constructor();
    /** Listens in `directory` (created 0700, it must be private) for the children's streams. */
    static start(directory: string, onError?: (message: string) => void): Promise<SpawnServer>;
    launch(launch: ChildLaunch): Promise<LaunchedChild>;
    /** Stops the script: children that die with their parent die with it. */
    close(): Promise<void>;
    private send;
    private ensureProcess;
    private receive;
    /** A child's stream: the header says whose and which, then it belongs to that child. */
    private accept;
}
