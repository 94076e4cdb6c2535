import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { HangarError } from "../core/errors.js";
import { migrations as shippedMigrations, type Migration } from "./migrations.js";
import { integrityCheck, openDatabase, schemaVersion, type Database } from "./open-database.js";

const opened: Database[] = [];
function open(path: string, migrations?: readonly Migration[]): Database {
  const database = openDatabase(path, migrations === undefined ? {} : { migrations });
  opened.push(database);
  return database;
}
const directories: string[] = [];
afterEach(() => {
  for (const database of opened.splice(0)) if (database.open) database.close();
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function temporaryPath(): string {
  const directory = mkdtempSync(join(tmpdir(), "hangar-store-"));
  directories.push(directory);
  return join(directory, "nested", "deeper", "test.db");
}

// Counts its own runs in a table, so a second application would show.
const countingMigration: Migration = {
  version: 1,
  name: "counter",
  up: (database) => database.exec("CREATE TABLE applied (at INTEGER); INSERT INTO applied VALUES (1)"),
};

describe("openDatabase", () => {
  it("creates the parent directory and sets WAL, NORMAL sync, busy timeout and foreign keys", () => {
    const path = temporaryPath();
    const database = open(path);
    expect(existsSync(path)).toBe(true);
    expect(database.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(database.pragma("synchronous", { simple: true })).toBe(1); // NORMAL
    expect(database.pragma("busy_timeout", { simple: true })).toBe(5000);
    expect(database.pragma("foreign_keys", { simple: true })).toBe(1);
  });

  it("applies the shipped migrations once and records them", () => {
    const path = temporaryPath();
    const first = open(path);
    const latest = shippedMigrations.at(-1)?.version;
    expect(schemaVersion(first)).toBe(latest);
    const recorded = first.prepare("SELECT version, name, applied_at FROM schema_migrations").all();
    first.close();
    const second = open(path);
    expect(second.prepare("SELECT version, name, applied_at FROM schema_migrations").all()).toEqual(recorded);
    expect(recorded).toHaveLength(shippedMigrations.length);
  });

  it("is idempotent on reopen and applies only steps added since", () => {
    const path = temporaryPath();
    open(path, [countingMigration]).close();
    const again = open(path, [countingMigration]);
    expect(again.prepare("SELECT count(*) FROM applied").pluck().get()).toBe(1);
    again.close();
    const addColumn: Migration = {
      version: 2,
      name: "second",
      up: (database) => database.exec("INSERT INTO applied VALUES (2)"),
    };
    const upgraded = open(path, [countingMigration, addColumn]);
    expect(upgraded.prepare("SELECT at FROM applied ORDER BY at").pluck().all()).toEqual([1, 2]);
    expect(schemaVersion(upgraded)).toBe(2);
  });

  it("rolls a failing step back entirely and keeps the earlier ones", () => {
    const path = temporaryPath();
    const broken: Migration = {
      version: 2,
      name: "broken",
      up: (database) => {
        database.exec("CREATE TABLE half_done (x INTEGER)");
        throw new Error("step failed halfway");
      },
    };
    expect(() => openDatabase(path, { migrations: [countingMigration, broken] })).toThrow(/halfway/);
    const database = open(path, [countingMigration]);
    expect(schemaVersion(database)).toBe(1);
    const tables = database.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all();
    expect(tables).toContain("applied");
    expect(tables).not.toContain("half_done");
  });

  it("refuses a database written by a newer Hangar, saying so", () => {
    const path = temporaryPath();
    const database = open(path);
    database.prepare("INSERT INTO schema_migrations VALUES (999, 'from the future', 'x')").run();
    database.close();
    let caught: unknown;
    try {
      openDatabase(path);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(HangarError);
    expect((caught as HangarError).code).toBe("CONFIG_INVALID");
    expect((caught as HangarError).message).toMatch(/schema version 999.*newer Hangar/);
  });

  it("rejects migrations whose versions do not count up from 1", () => {
    const gap: Migration = { ...countingMigration, version: 3 };
    expect(() => openDatabase(temporaryPath(), { migrations: [countingMigration, gap] })).toThrow(
      /expected 2/,
    );
  });

  it("opens an in-memory database for callers that want no file", () => {
    const database = open(":memory:");
    expect(schemaVersion(database)).toBe(shippedMigrations.length);
  });
});

describe("integrityCheck", () => {
  it("finds nothing wrong with a fresh store", () => {
    expect(integrityCheck(open(temporaryPath()))).toEqual([]);
  });

  it("reports an index that no longer matches its table", () => {
    const path = temporaryPath();
    const withIndex: Migration = {
      version: 1,
      name: "indexed",
      up: (database) => database.exec("CREATE TABLE t (a TEXT); CREATE INDEX t_a ON t (a)"),
    };
    const database = open(path, [withIndex]);
    const insert = database.prepare("INSERT INTO t VALUES (?)");
    for (let index = 0; index < 20; index++) insert.run(`value-${index}`);
    const rootPage = database.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 't_a'").pluck().get();
    const pageSize = database.pragma("page_size", { simple: true });
    database.close(); // checkpoints the WAL, so the index page is in the main file
    // Rewrite the keys inside the index page only: still well-formed, no longer the table's values.
    const bytes = readFileSync(path);
    const start = (Number(rootPage) - 1) * Number(pageSize);
    const page = bytes.subarray(start, start + Number(pageSize));
    for (let offset = page.indexOf("value-"); offset !== -1; offset = page.indexOf("value-", offset)) {
      page.write("VALUE-", offset);
    }
    writeFileSync(path, bytes);
    const problems = integrityCheck(open(path, [withIndex]));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(/missing from index t_a/);
  });
});
