/**
 * The code execution port, shared by the HTTP routes and the CLI (`hangar
 * run`). The request, result and stream shapes are the wire protocol's
 * (`protocol/run-messages.ts`); field names keep Coderunner's API.
 */
import type {
  LanguageInfo,
  NotebookInfo,
  RunEvent,
  RunRequest,
  RunResult,
} from "../protocol/run-messages.js";

export { runStatuses } from "../protocol/run-messages.js";
export type {
  LanguageInfo,
  NotebookInfo,
  RunEvent,
  RunFile,
  RunRequest,
  RunResult,
  RunStatus,
} from "../protocol/run-messages.js";

export interface RunServiceStats {
  running: number;
  queued: number;
  maxConcurrent: number;
  maxQueue: number;
  sessions: number;
  sandboxesActive: number;
  poolReady: number;
}

export interface ExecuteOptions {
  signal?: AbortSignal;
  /** Called for each streamed event, in order; `end` comes last. */
  onEvent?: (event: RunEvent) => void;
}

/** The port the front ends use. Every call is scoped to an owner. */
export interface RunService {
  /** Validates, queues (or rejects with TOO_MANY_REQUESTS) and executes one run. */
  execute(owner: string, request: RunRequest, options?: ExecuteOptions): Promise<RunResult>;
  languages(): LanguageInfo[];
  listNotebooks(owner: string): NotebookInfo[];
  /** Resolves false when the owner has no such session. */
  deleteNotebook(owner: string, sessionId: string): Promise<boolean>;
  stats(): RunServiceStats;
}
