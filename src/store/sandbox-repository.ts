export type SandboxRecordStatus = "live" | "gone";

/**
 * What Hangar remembers about a sandbox so it can find it again after a restart
 * (and reap it when it outlived its owner's session).
 */
export interface SandboxRecord {
  id: string;
  /** The provider that created it, e.g. `bwrap` or `docker`. */
  provider: string;
  owner: string;
  status: SandboxRecordStatus;
  labels: Record<string, string>;
  createdAt: Date;
  lastUsedAt: Date;
  /** Why it went away (destroyed, expired, lost on restart); set once status is `gone`. */
  goneReason?: string;
}

/** The store port for sandboxes; SQLite today, Postgres later. */
export interface SandboxRepository {
  /** Inserts, or updates everything but `createdAt`, which stays as first recorded. */
  upsert(record: SandboxRecord): void;
  /** Idempotent: an unknown or already-gone sandbox is left as it is, keeping the first reason. */
  markGone(id: string, reason: string): void;
  /** Live sandboxes of one provider, oldest first. */
  listLive(provider: string): SandboxRecord[];
  get(id: string): SandboxRecord | undefined;
}
