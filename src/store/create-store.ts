import { join } from "node:path";
import type { BridgeStateRepository } from "../bridges/bridge-state.js";
import type { EventRepository } from "../events/event-repository.js";
import type { AgentSessionRepository } from "../sessions/agent-session-repository.js";
import type { InteractionRepository } from "../sessions/interaction-repository.js";
import type { SessionMessageRepository } from "../agents/session-message-repository.js";
import type { SessionTurnRepository } from "../sessions/session-turn-repository.js";
import { openDatabase, type Database } from "./open-database.js";
import type { RunRepository } from "../runs/run-repository.js";
import type { SandboxRepository } from "../managed-sandboxes/sandbox-repository.js";
import type { CredentialRecords } from "../credentials/credential-records.js";
import { SqliteCredentialRepository } from "./sqlite-credential-repository.js";
import { SqliteBridgeStateRepository } from "./sqlite-bridge-state-repository.js";
import { SqliteAgentSessionRepository } from "./sqlite-agent-session-repository.js";
import { SqliteEventRepository } from "./sqlite-event-repository.js";
import { SqliteInteractionRepository } from "./sqlite-interaction-repository.js";
import { SqliteRunRepository } from "./sqlite-run-repository.js";
import { SqliteSandboxRepository } from "./sqlite-sandbox-repository.js";
import { SqliteSessionMessageRepository } from "./sqlite-session-message-repository.js";
import { SqliteSessionTurnRepository } from "./sqlite-session-turn-repository.js";

/** Every repository port, one adapter each; the database behind them stays inside `store/`. */
export interface Store {
  readonly runs: RunRepository;
  readonly sandboxes: SandboxRepository;
  readonly agentSessions: AgentSessionRepository;
  readonly turns: SessionTurnRepository;
  readonly events: EventRepository;
  readonly interactions: InteractionRepository;
  readonly messages: SessionMessageRepository;
  readonly bridges: BridgeStateRepository;
  /** Credentials and proxy grants, tokens encrypted (the default `[credentials] store`). */
  readonly credentials: CredentialRecords;
  /** Checkpoints the WAL into the main file and closes; safe to call twice. */
  close(): void;
}

export const databaseFileName = "hangar.db";

/** The embedded default store: one SQLite file, `<dataDirectory>/hangar.db`. */
export function createStore(dataDirectory: string): Store {
  return createSqliteStore(openDatabase(join(dataDirectory, databaseFileName)));
}

/**
 * The store over a database opened with `openDatabase`, which it owns from then on
 * (`close` closes it). Tests that check raw rows or integrity open the database
 * themselves and hand it here; nothing else ever sees it.
 */
export function createSqliteStore(database: Database): Store {
  return {
    runs: new SqliteRunRepository(database),
    sandboxes: new SqliteSandboxRepository(database),
    agentSessions: new SqliteAgentSessionRepository(database),
    turns: new SqliteSessionTurnRepository(database),
    events: new SqliteEventRepository(database),
    interactions: new SqliteInteractionRepository(database),
    messages: new SqliteSessionMessageRepository(database),
    bridges: new SqliteBridgeStateRepository(database),
    credentials: new SqliteCredentialRepository(database),
    close() {
      if (!database.open) return;
      // Refreshes query-planner statistics cheaply; what SQLite recommends before closing.
      database.pragma("optimize");
      database.close();
    },
  };
}
