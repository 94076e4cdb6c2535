import type BetterSqlite3 from "better-sqlite3";

/**
 * The schema, as an ordered list of steps. A step is never edited once it has
 * shipped: databases in the field have already run it. Change the schema by
 * appending a step with the next version.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (database: BetterSqlite3.Database) => void;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: "runs and sandboxes",
    up: (database) =>
      database.exec(`
        -- One row per code run. The code itself is never stored (it may hold secrets
        -- or personal data); its sha256 is enough to correlate repeated runs.
        CREATE TABLE runs (
          id            TEXT PRIMARY KEY,
          owner         TEXT NOT NULL,
          language      TEXT NOT NULL,
          status        TEXT NOT NULL CHECK (status IN ('ok', 'error', 'compile_error', 'timeout',
                          'memory_limit', 'pids_limit', 'output_limit', 'sandbox_error')),
          exit_code     INTEGER,
          duration_ms   REAL NOT NULL CHECK (duration_ms >= 0),
          stdin_bytes   INTEGER NOT NULL CHECK (stdin_bytes >= 0),
          code_bytes    INTEGER NOT NULL CHECK (code_bytes >= 0),
          stdout_bytes  INTEGER NOT NULL CHECK (stdout_bytes >= 0),
          stderr_bytes  INTEGER NOT NULL CHECK (stderr_bytes >= 0),
          code_sha256   TEXT NOT NULL CHECK (length(code_sha256) = 64),
          session_id    TEXT,
          created_at    INTEGER NOT NULL
        ) STRICT;
        -- Serves listByOwner's newest-first keyset pagination without a sort.
        CREATE INDEX runs_by_owner ON runs (owner, created_at DESC, id DESC);
        CREATE INDEX runs_by_status ON runs (status);

        CREATE TABLE sandboxes (
          id            TEXT PRIMARY KEY,
          provider      TEXT NOT NULL,
          owner         TEXT NOT NULL,
          status        TEXT NOT NULL CHECK (status IN ('live', 'gone')),
          labels        TEXT NOT NULL CHECK (json_valid(labels)),
          created_at    INTEGER NOT NULL,
          last_used_at  INTEGER NOT NULL,
          gone_reason   TEXT
        ) STRICT;
        CREATE INDEX sandboxes_by_provider_status ON sandboxes (provider, status);
      `),
  },
  {
    version: 2,
    name: "managed sandboxes: user, project, image, removed",
    // SQLite cannot change a CHECK constraint in place, so the table is rebuilt.
    up: (database) =>
      database.exec(`
        CREATE TABLE sandboxes_next (
          id            TEXT PRIMARY KEY,
          provider      TEXT NOT NULL,
          owner         TEXT NOT NULL,
          status        TEXT NOT NULL CHECK (status IN ('live', 'gone', 'removed')),
          labels        TEXT NOT NULL CHECK (json_valid(labels)),
          created_at    INTEGER NOT NULL,
          last_used_at  INTEGER NOT NULL,
          gone_reason   TEXT,
          user_id       TEXT,
          project_id    TEXT,
          image         TEXT,
          -- A sandbox serves a (user, project) pair or neither, never half of one.
          CHECK ((user_id IS NULL) = (project_id IS NULL))
        ) STRICT;
        INSERT INTO sandboxes_next (id, provider, owner, status, labels, created_at, last_used_at, gone_reason)
          SELECT id, provider, owner, status, labels, created_at, last_used_at, gone_reason FROM sandboxes;
        DROP TABLE sandboxes;
        ALTER TABLE sandboxes_next RENAME TO sandboxes;
        CREATE INDEX sandboxes_by_provider_status ON sandboxes (provider, status);
        -- The backstop of ensure(): at most one live sandbox per (owner, user, project),
        -- even if two processes share the database.
        CREATE UNIQUE INDEX sandboxes_one_live_per_project ON sandboxes (owner, user_id, project_id)
          WHERE status = 'live' AND user_id IS NOT NULL;
        -- Serves the owner's newest-first keyset pagination.
        CREATE INDEX sandboxes_by_owner ON sandboxes (owner, created_at DESC, id DESC);
        -- Serves the reaper's search for idle sandboxes.
        CREATE INDEX sandboxes_live_by_last_use ON sandboxes (last_used_at) WHERE status = 'live';
      `),
  },
];
