import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { errorMessage, HangarError } from "../core/errors.js";
import { migrations as knownMigrations } from "./migrations.js";
const inMemory = ":memory:";
/**
 * Opens (creating if needed) a SQLite database tuned for Hangar: WAL so readers
 * never block the writer, synchronous=NORMAL because WAL keeps it safe against a
 * process crash (a power loss may drop the last commits, never corrupt the file),
 * and a busy timeout so a second process waits instead of failing at once.
 */
export function openDatabase(path, options = {}) {
    const migrations = options.migrations ?? knownMigrations;
    assertOrdered(migrations);
    if (path !== inMemory)
        mkdirSync(dirname(path), { recursive: true });
    const database = new BetterSqlite3(path);
    try {
        database.pragma("busy_timeout = 5000");
        const journalMode = database.pragma("journal_mode = WAL", { simple: true });
        if (path !== inMemory && journalMode !== "wal") {
            throw new HangarError("CONFIG_INVALID", `The database ${path} cannot use write-ahead logging (journal mode is ${String(journalMode)}); ` +
                "put data_dir on a local file system.", { field: "data_dir" });
        }
        database.pragma("synchronous = NORMAL");
        database.pragma("foreign_keys = ON");
        migrate(database, path, migrations);
        return database;
    }
    catch (error) {
        database.close();
        throw error;
    }
}
/** Every problem `PRAGMA integrity_check` finds; empty when the database is sound. */
export function integrityCheck(database) {
    try {
        const rows = database.pragma("integrity_check");
        return rows.map((row) => row.integrity_check).filter((line) => line !== "ok");
    }
    catch (error) {
        // Damage bad enough to stop the check (SQLITE_CORRUPT, SQLITE_NOTADB) is itself the finding.
        return [errorMessage(error)];
    }
}
/** The highest migration version applied to this database, 0 for a new one. */
export function schemaVersion(database) {
    const row = database.prepare("SELECT max(version) AS version FROM schema_migrations").get();
    return row.version ?? 0;
}
function migrate(database, path, migrations) {
    database.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);
    const latestKnown = migrations.at(-1)?.version ?? 0;
    const current = schemaVersion(database);
    if (current > latestKnown) {
        throw new HangarError("CONFIG_INVALID", `The database ${path} has schema version ${current}, but this Hangar only knows versions up to ` +
            `${latestKnown}: it was written by a newer Hangar. Upgrade Hangar, or point data_dir at another directory.`, { field: "data_dir", details: { schemaVersion: current, supportedVersion: latestKnown } });
    }
    const isApplied = database.prepare("SELECT 1 FROM schema_migrations WHERE version = ?").pluck();
    const record = database.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
    for (const migration of migrations) {
        if (migration.version <= current)
            continue;
        // IMMEDIATE takes the write lock before re-checking, so two processes starting
        // together cannot both apply the same step; the loser sees it applied and skips.
        database
            .transaction(() => {
            if (isApplied.get(migration.version) !== undefined)
                return;
            migration.up(database);
            record.run(migration.version, migration.name, new Date().toISOString());
        })
            .immediate();
    }
}
function assertOrdered(migrations) {
    migrations.forEach((migration, index) => {
        if (migration.version !== index + 1) {
            throw new HangarError("INTERNAL", `Migration "${migration.name}" has version ${migration.version}, expected ${index + 1}: ` +
                "versions must count up from 1 with no gaps.");
        }
    });
}
//# sourceMappingURL=open-database.js.map