/**
 * `live`: the provider should have it. `gone`: it vanished or expired (kept so the
 * owner can see why). `removed`: its owner removed it; no longer shown.
 */
export type SandboxRecordStatus = "live" | "gone" | "removed";
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
    /** Why it went away (destroyed, expired, lost on restart); set once status is not `live`. */
    goneReason?: string;
    /** The user and project a managed sandbox serves; both or neither. */
    userId?: string;
    projectId?: string;
    /** The image it runs, for providers that have images. */
    image?: string;
}
/** Where a page of `listByOwner` starts: after this (createdAt, id), newest first. */
export interface SandboxPagePosition {
    createdAt: Date;
    id: string;
}
export interface SandboxCount {
    provider: string;
    status: SandboxRecordStatus;
    count: number;
}
/**
 * The store port for sandboxes, owned by the managed-sandboxes domain: SQLite today
 * (`src/store/`), Postgres or a remote store later. Every method returns a Promise so
 * such a store fits without touching the service; the SQLite adapter resolves at once.
 */
export interface SandboxRepository {
    /** Inserts, or updates everything but `createdAt`, which stays as first recorded. */
    upsert(record: SandboxRecord): Promise<void>;
    /** Idempotent: an unknown or already-gone sandbox is left as it is, keeping the first reason. */
    markGone(id: string, reason: string): Promise<void>;
    /** Live sandboxes of one provider, oldest first. */
    listLive(provider: string): Promise<SandboxRecord[]>;
    get(id: string): Promise<SandboxRecord | undefined>;
    /**
     * Inserts a new record. False when a live sandbox already holds its
     * (owner, userId, projectId): the unique index is the backstop against two creators.
     */
    insertIfFree(record: SandboxRecord): Promise<boolean>;
    /** The live sandbox of one (owner, user, project), if any. */
    findLive(owner: string, userId: string, projectId: string): Promise<SandboxRecord | undefined>;
    /** An owner's sandboxes that are not removed, newest first. */
    listByOwner(owner: string, limit: number, after?: SandboxPagePosition): Promise<SandboxRecord[]>;
    /** Every owner's sandboxes that are not removed, newest first (for administrators). */
    listAll(limit: number, after?: SandboxPagePosition): Promise<SandboxRecord[]>;
    /** An owner's sandboxes that are not removed, grouped by provider and status. */
    countByOwner(owner: string): Promise<SandboxCount[]>;
    /** Live sandboxes of one owner, or of everyone when owner is undefined. */
    countLive(owner?: string): Promise<number>;
    /** Live sandboxes of every provider, oldest first. */
    listAllLive(): Promise<SandboxRecord[]>;
    /** Live sandboxes last used before `cutoff`, least recently used first. */
    listIdleSince(cutoff: Date): Promise<SandboxRecord[]>;
    /** Records a use; a record that is not live is left alone. */
    touch(id: string, at: Date): Promise<void>;
    /** Live or gone → removed; idempotent. */
    markRemoved(id: string, reason: string): Promise<void>;
    /** Forgets every gone and removed record; returns how many. */
    deleteInactive(): Promise<number>;
}
