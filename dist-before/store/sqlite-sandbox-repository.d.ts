import type { Database } from "./open-database.js";
import type { SandboxCount, SandboxPagePosition, SandboxRecord, SandboxRepository } from "../managed-sandboxes/sandbox-repository.js";
/** Sandboxes in SQLite; the port is async, these methods do their work before returning a settled Promise. */
export declare class SqliteSandboxRepository implements SandboxRepository {
    #private;
    constructor(database: Database);
    upsert(record: SandboxRecord): Promise<void>;
    insertIfFree(record: SandboxRecord): Promise<boolean>;
    markGone(id: string, reason: string): Promise<void>;
    markRemoved(id: string, reason: string): Promise<void>;
    listLive(provider: string): Promise<SandboxRecord[]>;
    listAllLive(): Promise<SandboxRecord[]>;
    get(id: string): Promise<SandboxRecord | undefined>;
    findLive(owner: string, userId: string, projectId: string): Promise<SandboxRecord | undefined>;
    listByOwner(owner: string, limit: number, after?: SandboxPagePosition): Promise<SandboxRecord[]>;
    listAll(limit: number, after?: SandboxPagePosition): Promise<SandboxRecord[]>;
    countByOwner(owner: string): Promise<SandboxCount[]>;
    countLive(owner?: string): Promise<number>;
    listIdleSince(cutoff: Date): Promise<SandboxRecord[]>;
    touch(id: string, at: Date): Promise<void>;
    deleteInactive(): Promise<number>;
}
