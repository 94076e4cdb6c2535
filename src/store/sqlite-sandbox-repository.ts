import type BetterSqlite3 from "better-sqlite3";
import { milliseconds } from "./milliseconds.js";
import type { Database } from "./open-database.js";
import type { SandboxRecord, SandboxRecordStatus, SandboxRepository } from "./sandbox-repository.js";

interface SandboxRow {
  id: string;
  provider: string;
  owner: string;
  status: SandboxRecordStatus;
  labels: string;
  created_at: number;
  last_used_at: number;
  gone_reason: string | null;
}

export class SqliteSandboxRepository implements SandboxRepository {
  readonly #upsert: BetterSqlite3.Statement;
  readonly #markGone: BetterSqlite3.Statement<[string, string]>;
  readonly #listLive: BetterSqlite3.Statement<[string], SandboxRow>;
  readonly #get: BetterSqlite3.Statement<[string], SandboxRow>;

  constructor(database: Database) {
    this.#upsert = database.prepare(`INSERT INTO sandboxes
        (id, provider, owner, status, labels, created_at, last_used_at, gone_reason)
      VALUES (@id, @provider, @owner, @status, @labels, @createdAt, @lastUsedAt, @goneReason)
      ON CONFLICT (id) DO UPDATE SET provider = excluded.provider, owner = excluded.owner,
        status = excluded.status, labels = excluded.labels, last_used_at = excluded.last_used_at,
        gone_reason = excluded.gone_reason`);
    this.#markGone = database.prepare(
      "UPDATE sandboxes SET status = 'gone', gone_reason = ? WHERE id = ? AND status = 'live'",
    );
    this.#listLive = database.prepare(
      "SELECT * FROM sandboxes WHERE provider = ? AND status = 'live' ORDER BY created_at, id",
    );
    this.#get = database.prepare("SELECT * FROM sandboxes WHERE id = ?");
  }

  upsert(record: SandboxRecord): void {
    this.#upsert.run({
      id: record.id,
      provider: record.provider,
      owner: record.owner,
      status: record.status,
      labels: JSON.stringify(record.labels),
      createdAt: milliseconds(record.createdAt, "createdAt"),
      lastUsedAt: milliseconds(record.lastUsedAt, "lastUsedAt"),
      // A live sandbox has no reason to be gone, whatever the caller left in the record.
      goneReason: record.status === "gone" ? (record.goneReason ?? null) : null,
    });
  }

  markGone(id: string, reason: string): void {
    this.#markGone.run(reason, id);
  }

  listLive(provider: string): SandboxRecord[] {
    return this.#listLive.all(provider).map(toRecord);
  }

  get(id: string): SandboxRecord | undefined {
    const row = this.#get.get(id);
    return row === undefined ? undefined : toRecord(row);
  }
}

function toRecord(row: SandboxRow): SandboxRecord {
  const record: SandboxRecord = {
    id: row.id,
    provider: row.provider,
    owner: row.owner,
    status: row.status,
    labels: JSON.parse(row.labels) as Record<string, string>,
    createdAt: new Date(row.created_at),
    lastUsedAt: new Date(row.last_used_at),
  };
  if (row.gone_reason !== null) record.goneReason = row.gone_reason;
  return record;
}
