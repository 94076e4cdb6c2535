/**
 * The code execution contract, shared by the HTTP routes and the CLI
 * (`hangar run`). Field names keep Coderunner's API: `output` is stdout,
 * `error` is stderr or an explanation of what went wrong.
 */
export type RunStatus =
  | "ok"
  | "error"
  | "compile_error"
  | "timeout"
  | "memory_limit"
  | "pids_limit"
  | "output_limit"
  | "sandbox_error";

export const runStatuses: readonly RunStatus[] = [
  "ok",
  "error",
  "compile_error",
  "timeout",
  "memory_limit",
  "pids_limit",
  "output_limit",
  "sandbox_error",
];

export interface RunFile {
  /** Relative path inside the workspace; validated (no absolute, `..`, NUL, over-long). */
  path: string;
  content: string;
  encoding?: "utf8" | "base64";
}

export interface RunRequest {
  code: string;
  language: string;
  /** Runs with the same sessionId share one sandbox, and for python/javascript one interpreter. */
  sessionId?: string;
  stdin?: string;
  args?: string[];
  files?: RunFile[];
  timeoutMs?: number;
  /** Run in a brand-new sandbox even when a sessionId is given (Coderunner's ExecuteCodeFresh). */
  fresh?: boolean;
}

export interface RunResult {
  output: string;
  error: string;
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: string | null;
  status: RunStatus;
  durationMs: number;
  /** True when stdout/stderr were cut at the output limit. */
  truncated: boolean;
  /** The canonical language name (aliases resolved). */
  language: string;
  sessionId: string | null;
  runId: string;
  /** The value of the last expression, for stateful python/javascript runs. */
  result?: string;
  /** Set when this run started a fresh interpreter after the previous one was lost. */
  kernelRestarted?: boolean;
}

/** Streamed while a run executes (`Accept: text/event-stream`). */
export type RunEvent =
  | { type: "start"; runId: string; language: string; sessionId: string | null }
  | { type: "stdout"; data: string }
  | { type: "stderr"; data: string }
  | { type: "end"; result: RunResult };

export interface LanguageInfo {
  name: string;
  aliases: string[];
  version: string;
  /** Interpreter state persists across runs in a session. */
  stateful: boolean;
  compiled: boolean;
}

export interface NotebookInfo {
  sessionId: string;
  owner: string;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  /** Languages whose interpreter is alive in this session. */
  kernels: string[];
  runs: number;
  busy: boolean;
}

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
