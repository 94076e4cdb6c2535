import BetterSqlite3 from "better-sqlite3";
import { type Migration } from "./migrations.js";
export type Database = BetterSqlite3.Database;
export interface OpenDatabaseOptions {
    /** Replaces the shipped migrations; for tests of the migration runner itself. */
    migrations?: readonly Migration[];
}
/**
 * Opens (creating if needed) a SQLite database tuned for Hangar: WAL so readers
 * never block the writer, synchronous=NORMAL because WAL keeps it safe against a
 * process crash (a power loss may drop the last commits, never corrupt the file),
 * and a busy timeout so a second process waits instead of failing at once.
 */
export declare function openDatabase(path: string, options?: OpenDatabaseOptions): Database;
/** Every problem `PRAGMA integrity_check` finds; empty when the database is sound. */
export declare function integrityCheck(database: Database): string[];
/** The highest migration version applied to this database, 0 for a new one. */
export declare function schemaVersion(database: Database): number;
