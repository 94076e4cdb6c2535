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
export declare const migrations: readonly Migration[];
