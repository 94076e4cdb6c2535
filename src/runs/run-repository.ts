import type { RunStatus } from "./run-types.js";

/**
 * What Hangar remembers about one code run. The code itself is deliberately
 * absent (it may carry secrets or personal data): only its size and sha256.
 */
export interface RunRecord {
  id: string;
  owner: string;
  language: string;
  status: RunStatus;
  exitCode: number | null;
  durationMs: number;
  stdinBytes: number;
  codeBytes: number;
  stdoutBytes: number;
  stderrBytes: number;
  /** Lowercase hex sha256 of the code, 64 characters. */
  codeSha256: string;
  sessionId: string | null;
  createdAt: Date;
}

/** Where the previous page ended; the id breaks ties between runs created in the same millisecond. */
export interface RunCursor {
  createdAt: Date;
  id: string;
}

export interface ListRunsOptions {
  /** 1 to `maxRunsPerPage`. */
  limit: number;
  /** Only runs strictly older than this time, or than this cursor (the last record of the previous page). */
  before?: Date | RunCursor;
}

export const maxRunsPerPage = 1000;

/**
 * The store port for runs, owned by the runs domain: SQLite today (`src/store/`),
 * Postgres or a remote store later. Every method returns a Promise so such a store
 * fits without touching the service; the SQLite adapter resolves at once.
 */
export interface RunRepository {
  insert(record: RunRecord): Promise<void>;
  get(id: string): Promise<RunRecord | undefined>;
  /** Newest first. */
  listByOwner(owner: string, options: ListRunsOptions): Promise<RunRecord[]>;
  /** Every known status is present, zero when no run has it, so metrics keep stable keys. */
  countByStatus(): Promise<Record<string, number>>;
}
