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
  {
    version: 3,
    name: "agent sessions, turns, events and interactions",
    up: (database) =>
      database.exec(`
        CREATE TABLE agent_sessions (
          id             TEXT PRIMARY KEY,
          owner          TEXT NOT NULL,
          project_id     TEXT NOT NULL,
          user_id        TEXT,
          model          TEXT NOT NULL,
          approval       TEXT NOT NULL CHECK (approval IN ('auto', 'ask', 'read-only')),
          status         TEXT NOT NULL CHECK (status IN ('pending', 'starting', 'running', 'waiting',
                           'completed', 'failed', 'cancelled')),
          status_reason  TEXT,
          sandbox_id     TEXT,
          -- The conversation as AI SDK messages; opaque to the store.
          messages       TEXT NOT NULL CHECK (json_valid(messages) AND json_type(messages) = 'array'),
          input_tokens   INTEGER NOT NULL CHECK (input_tokens >= 0),
          output_tokens  INTEGER NOT NULL CHECK (output_tokens >= 0),
          created_at     INTEGER NOT NULL,
          updated_at     INTEGER NOT NULL
        ) STRICT;
        -- Serve listByOwner's newest-first pages, with and without a project.
        CREATE INDEX agent_sessions_by_owner ON agent_sessions (owner, created_at DESC, id DESC);
        CREATE INDEX agent_sessions_by_project ON agent_sessions (owner, project_id, created_at DESC, id DESC);
        -- Serves recovery's search for sessions that were not finished at a crash.
        CREATE INDEX agent_sessions_by_status ON agent_sessions (status);

        CREATE TABLE session_turns (
          id          TEXT PRIMARY KEY,
          session_id  TEXT NOT NULL REFERENCES agent_sessions (id) ON DELETE CASCADE,
          prompt      TEXT NOT NULL,
          model       TEXT,
          status      TEXT NOT NULL CHECK (status IN ('queued', 'running', 'completed', 'failed', 'cancelled')),
          reason      TEXT,
          created_at  INTEGER NOT NULL,
          started_at  INTEGER,
          ended_at    INTEGER
        ) STRICT;
        -- Serves a session's turn history and the cascade from agent_sessions.
        CREATE INDEX session_turns_by_session ON session_turns (session_id, created_at);
        -- Serves nextQueued and countQueued; the implicit rowid breaks ties in created order.
        CREATE INDEX session_turns_queued ON session_turns (session_id, created_at) WHERE status = 'queued';
        CREATE INDEX session_turns_by_status ON session_turns (status);

        -- Clustered on (session_id, seq): a replay page and MAX(seq) are one range read.
        CREATE TABLE session_events (
          session_id  TEXT NOT NULL REFERENCES agent_sessions (id) ON DELETE CASCADE,
          seq         INTEGER NOT NULL CHECK (seq >= 1),
          name        TEXT NOT NULL,
          data        TEXT NOT NULL,
          created_at  INTEGER NOT NULL,
          PRIMARY KEY (session_id, seq)
        ) STRICT, WITHOUT ROWID;

        CREATE TABLE interactions (
          id            TEXT PRIMARY KEY,
          session_id    TEXT NOT NULL REFERENCES agent_sessions (id) ON DELETE CASCADE,
          turn_id       TEXT NOT NULL,
          kind          TEXT NOT NULL CHECK (kind IN ('permission', 'question')),
          tool_call_id  TEXT NOT NULL,
          request       TEXT NOT NULL CHECK (json_valid(request)),
          status        TEXT NOT NULL CHECK (status IN ('pending', 'resolved')),
          outcome       TEXT CHECK (outcome IN ('approved', 'denied', 'answered', 'timeout', 'cancelled')),
          answer        TEXT,
          created_at    INTEGER NOT NULL,
          expires_at    INTEGER NOT NULL,
          resolved_at   INTEGER,
          -- Resolved means it has an outcome and a time; pending means neither.
          CHECK ((status = 'resolved') = (outcome IS NOT NULL AND resolved_at IS NOT NULL))
        ) STRICT;
        CREATE INDEX interactions_by_session ON interactions (session_id, created_at);
        -- Serves findByToolCall: a turn replayed after a restart finds the interaction it already asked.
        CREATE INDEX interactions_by_tool_call ON interactions (session_id, tool_call_id);
        -- Serves listPending (recovery and the expiry watchdog) without scanning resolved history.
        CREATE INDEX interactions_pending ON interactions (created_at) WHERE status = 'pending';
      `),
  },
  {
    version: 4,
    name: "agent drivers: agent and driver state per session, the conversation as appended messages",
    // The conversation was one JSON array rewritten twice per agent step; it becomes one row
    // per message, appended. Existing conversations move over in order, so resumed sessions
    // keep their history.
    up: (database) =>
      database.exec(`
        ALTER TABLE agent_sessions ADD COLUMN agent TEXT NOT NULL DEFAULT 'builtin';
        ALTER TABLE agent_sessions ADD COLUMN driver_state TEXT
          CHECK (driver_state IS NULL OR json_valid(driver_state));

        -- Clustered on (session_id, position): loading a conversation and MAX(position) are one range read.
        CREATE TABLE session_messages (
          session_id  TEXT NOT NULL REFERENCES agent_sessions (id) ON DELETE CASCADE,
          position    INTEGER NOT NULL CHECK (position >= 1),
          turn_id     TEXT,
          message     TEXT NOT NULL CHECK (json_valid(message)),
          PRIMARY KEY (session_id, position)
        ) STRICT, WITHOUT ROWID;
        -- json_each's value is the element's JSON text for objects; key is its 0-based index.
        INSERT INTO session_messages (session_id, position, turn_id, message)
          SELECT agent_sessions.id, element.key + 1, NULL,
                 CASE WHEN element.type IN ('object', 'array') THEN element.value ELSE json_quote(element.value) END
          FROM agent_sessions, json_each(agent_sessions.messages) AS element;
        ALTER TABLE agent_sessions DROP COLUMN messages;
      `),
  },
  {
    version: 5,
    name: "session events: the driver's origin of each event",
    // Written in the same insert as the event, so after a crash the log itself says how far
    // a driver's source (an external agent runner's numbered events) had been logged.
    up: (database) => database.exec(`ALTER TABLE session_events ADD COLUMN origin INTEGER;`),
  },
  {
    version: 6,
    name: "runs: asynchronous runs (queued, running, interrupted) and their kept results",
    // SQLite cannot change a CHECK constraint in place, so the table is rebuilt. Runs recorded
    // before this step have no result: their output was never kept.
    up: (database) =>
      database.exec(`
        CREATE TABLE runs_next (
          id            TEXT PRIMARY KEY,
          owner         TEXT NOT NULL,
          language      TEXT NOT NULL,
          status        TEXT NOT NULL CHECK (status IN ('queued', 'running', 'ok', 'error', 'compile_error',
                          'timeout', 'memory_limit', 'pids_limit', 'output_limit', 'sandbox_error', 'interrupted')),
          exit_code     INTEGER,
          duration_ms   REAL NOT NULL CHECK (duration_ms >= 0),
          stdin_bytes   INTEGER NOT NULL CHECK (stdin_bytes >= 0),
          code_bytes    INTEGER NOT NULL CHECK (code_bytes >= 0),
          stdout_bytes  INTEGER NOT NULL CHECK (stdout_bytes >= 0),
          stderr_bytes  INTEGER NOT NULL CHECK (stderr_bytes >= 0),
          code_sha256   TEXT NOT NULL CHECK (length(code_sha256) = 64),
          session_id    TEXT,
          created_at    INTEGER NOT NULL,
          -- The answer as the caller gets it (output included, never the code), kept for
          -- runs.result_retention_seconds; the row goes with it.
          result        TEXT CHECK (result IS NULL OR json_valid(result))
        ) STRICT;
        INSERT INTO runs_next (id, owner, language, status, exit_code, duration_ms, stdin_bytes, code_bytes,
            stdout_bytes, stderr_bytes, code_sha256, session_id, created_at)
          SELECT id, owner, language, status, exit_code, duration_ms, stdin_bytes, code_bytes,
            stdout_bytes, stderr_bytes, code_sha256, session_id, created_at FROM runs;
        DROP TABLE runs;
        ALTER TABLE runs_next RENAME TO runs;
        CREATE INDEX runs_by_owner ON runs (owner, created_at DESC, id DESC);
        CREATE INDEX runs_by_status ON runs (status);
        -- Serves the retention purge (oldest first).
        CREATE INDEX runs_by_created ON runs (created_at);
      `),
  },
  {
    version: 7,
    name: "chat bridges: sessions followed into chats, chats bound to projects, long-polling offsets",
    up: (database) =>
      database.exec(`
        -- One session followed into one chat; what a restarted bridge needs to continue
        -- the stream in the same thread with nothing missing or repeated.
        CREATE TABLE bridge_deliveries (
          platform        TEXT NOT NULL CHECK (platform IN ('telegram', 'slack')),
          session_id      TEXT NOT NULL,
          owner           TEXT NOT NULL,
          chat_id         TEXT NOT NULL,
          thread_id       TEXT,
          delivered_seq   INTEGER NOT NULL CHECK (delivered_seq >= 0),
          text_start_seq  INTEGER NOT NULL CHECK (text_start_seq >= 0),
          messages        TEXT NOT NULL CHECK (json_valid(messages)),
          interactions    TEXT NOT NULL CHECK (json_valid(interactions)),
          active          INTEGER NOT NULL CHECK (active IN (0, 1)),
          updated_at      INTEGER NOT NULL,
          PRIMARY KEY (platform, session_id)
        ) STRICT;
        CREATE INDEX bridge_deliveries_active ON bridge_deliveries (platform) WHERE active = 1;
        CREATE INDEX bridge_deliveries_by_chat ON bridge_deliveries (platform, chat_id, updated_at DESC);
        CREATE TABLE bridge_chats (
          platform    TEXT NOT NULL,
          chat_id     TEXT NOT NULL,
          project_id  TEXT NOT NULL,
          PRIMARY KEY (platform, chat_id)
        ) STRICT, WITHOUT ROWID;
        CREATE TABLE bridge_update_offsets (
          platform     TEXT PRIMARY KEY,
          next_offset  INTEGER NOT NULL
        ) STRICT, WITHOUT ROWID;
      `),
  },
  {
    version: 8,
    name: "credentials and their proxy grants (tokens encrypted, see src/credentials/token-cipher.ts)",
    up: (database) =>
      database.exec(`
        -- The token is only ever here as AES-256-GCM ciphertext; key_id names the key that sealed it.
        CREATE TABLE credentials (
          id          TEXT PRIMARY KEY,
          owner       TEXT NOT NULL,
          name        TEXT NOT NULL,
          kind        TEXT NOT NULL CHECK (kind IN ('github', 'graph', 'bearer')),
          base_url    TEXT,
          key_id      TEXT NOT NULL,
          ciphertext  BLOB NOT NULL,
          created_at  INTEGER NOT NULL,
          UNIQUE (owner, name)
        ) STRICT;
        -- Revoked grants stay (revoked_at set) for audit; removing the credential removes them.
        CREATE TABLE proxy_grants (
          id                     TEXT PRIMARY KEY,
          credential_id          TEXT NOT NULL REFERENCES credentials (id) ON DELETE CASCADE,
          owner                  TEXT NOT NULL,
          expires_at             INTEGER,
          allowed_path_prefixes  TEXT NOT NULL CHECK (json_valid(allowed_path_prefixes)),
          allowed_methods        TEXT NOT NULL CHECK (json_valid(allowed_methods)),
          session_id             TEXT,
          revoked_at             INTEGER,
          created_at             INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX proxy_grants_by_credential ON proxy_grants (credential_id, created_at);
        CREATE INDEX proxy_grants_by_owner ON proxy_grants (owner, created_at);
      `),
  },
];
