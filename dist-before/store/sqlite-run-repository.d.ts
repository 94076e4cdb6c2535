import type { Database } from "./open-database.js";
import { type ListRunsOptions, type RunRecord, type RunRepository } from "../runs/run-repository.js";
/**
 * Runs in SQLite. Each insert is its own autocommit transaction: in WAL mode with
 * synchronous=NORMAL a commit appends to the WAL without fsync. Measured at about
 * 50 µs per insert on ext4 (batches of 100 still cost about 20 µs, the B-tree page
 * writes dominate), next to a run that takes milliseconds; a write-behind queue
 * would save little and would delay errors and open a window for losing records.
 * The port is async; these methods do their work before returning a settled Promise.
 */
export declare class SqliteRunRepository implements RunRepository {
    #private;
    constructor(database: Database);
    insert(record: RunRecord): Promise<void>;
    update(record: RunRecord): Promise<void>;
    listUnfinished(): Promise<RunRecord[]>;
    deleteCreatedBefore(time: Date): Promise<number>;
    get(id: string): Promise<RunRecord | undefined>;
    listByOwner(owner: string, options: ListRunsOptions): Promise<RunRecord[]>;
    countByStatus(): Promise<Record<string, number>>;
}
