import { join } from "node:path";
import { openDatabase, type Database } from "./open-database.js";
import type { RunRepository } from "./run-repository.js";
import type { SandboxRepository } from "./sandbox-repository.js";
import { SqliteRunRepository } from "./sqlite-run-repository.js";
import { SqliteSandboxRepository } from "./sqlite-sandbox-repository.js";

export interface Store {
  readonly database: Database;
  readonly runs: RunRepository;
  readonly sandboxes: SandboxRepository;
  /** Checkpoints the WAL into the main file and closes; safe to call twice. */
  close(): void;
}

export const databaseFileName = "hangar.db";

/** The embedded default store: one SQLite file, `<dataDirectory>/hangar.db`. */
export function createStore(dataDirectory: string): Store {
  const database = openDatabase(join(dataDirectory, databaseFileName));
  return {
    database,
    runs: new SqliteRunRepository(database),
    sandboxes: new SqliteSandboxRepository(database),
    close() {
      if (!database.open) return;
      // Refreshes query-planner statistics cheaply; what SQLite recommends before closing.
      database.pragma("optimize");
      database.close();
    },
  };
}
