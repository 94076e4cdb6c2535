import type { Readable, Writable } from "node:stream";
/**
 * How a bubblewrap instance is started: the part of Node's `ChildProcess`
 * that `bwrap-process.ts` uses, so a child started by the spawn server
 * (`spawn-server.ts`) and one started by Node's own `spawn` look the same.
 */
export interface LaunchedChild {
    readonly pid?: number | undefined;
    /** By descriptor number; null where the child has none (or got its data at launch). */
    readonly stdio: readonly (Readable | Writable | null | undefined)[];
    readonly stdin: Writable | null;
    readonly stdout: Readable | null;
    readonly stderr: Readable | null;
    readonly exitCode: number | null;
    readonly signalCode: NodeJS.Signals | null;
    kill(signal?: NodeJS.Signals): boolean;
    /** After the child exited and its output descriptors closed, as `ChildProcess` emits it. */
    once(event: "close", listener: (code: number | null, signal: NodeJS.Signals | null) => void): this;
    once(event: "error", listener: (error: Error) => void): this;
}
export interface ChildLaunch {
    file: string;
    args: string[];
    env: Record<string, string>;
    cwd: string;
    uid?: number;
    gid?: number;
    /** A session (and process group) of its own. */
    detached: boolean;
    /** Descriptors 0..streams-1: a stream each way between Hangar and the child. */
    streams: number;
    /** Further descriptors the child reads to the end: their whole content, known at launch. */
    data: {
        fd: number;
        content: Buffer;
    }[];
}
export type LaunchChild = (launch: ChildLaunch) => Promise<LaunchedChild>;
/** Node's own `spawn`: a fork of this whole process (see `spawn-server.py` for why that is slow). */
export declare const launchWithNode: LaunchChild;
