import { spawn } from "node:child_process";
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
  /**
   * Niceness to start at, where the launcher can set it from the start (the spawn
   * server); otherwise the caller sets it once it knows the pids.
   */
  niceness?: number;
  /** Descriptors 0..streams-1: a stream each way between Hangar and the child. */
  streams: number;
  /** Further descriptors the child reads to the end: their whole content, known at launch. */
  data: { fd: number; content: Buffer }[];
}

export type LaunchChild = (launch: ChildLaunch) => Promise<LaunchedChild>;

/** Node's own `spawn`: a fork of this whole process (see `spawn-server.py` for why that is slow). */
export const launchWithNode: LaunchChild = (launch) => {
  const width = Math.max(launch.streams, ...launch.data.map((entry) => entry.fd + 1));
  const stdio = Array.from({ length: width }, (_, fd) =>
    fd < launch.streams || launch.data.some((entry) => entry.fd === fd) ? "pipe" : "ignore",
  );
  const child = spawn(launch.file, launch.args, {
    stdio: stdio,
    env: launch.env,
    cwd: launch.cwd,
    detached: launch.detached,
    ...(launch.uid === undefined ? {} : { uid: launch.uid, gid: launch.gid ?? launch.uid }),
  });
  for (const { fd, content } of launch.data) {
    const pipe = child.stdio[fd] as Writable;
    pipe.on("error", () => undefined);
    pipe.end(content);
  }
  return Promise.resolve(child);
};
