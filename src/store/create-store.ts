import { join } from "node:path";
import type { EventRepository } from "../events/event-repository.js";
import type { AgentSessionRepository } from "../sessions/agent-session-repository.js";
import type { InteractionRepository } from "../sessions/interaction-repository.js";
import type { SessionMessageRepository } from "../sessions/session-message-repository.js";
import type { SessionTurnRepository } from "../sessions/session-turn-repository.js";
import { openDatabase, type Database } from "./open-database.js";
import type { RunRepository } from "./run-repository.js";
import type { SandboxRepository } from "./sandbox-repository.js";
import { SqliteAgentSessionRepository } from "./sqlite-agent-session-repository.js";
import { SqliteEventRepository } from "./sqlite-event-repository.js";
import { SqliteInteractionRepository } from "./sqlite-interaction-repository.js";
import { SqliteRunRepository } from "./sqlite-run-repository.js";
import { SqliteSandboxRepository } from "./sqlite-sandbox-repository.js";
import { SqliteSessionMessageRepository } from "./sqlite-session-message-repository.js";
import { SqliteSessionTurnRepository } from "./sqlite-session-turn-repository.js";

export interface Store {
  readonly database: Database;
  readonly runs: RunRepository;
  readonly sandboxes: SandboxRepository;
  readonly agentSessions: AgentSessionRepository;
  readonly turns: SessionTurnRepository;
  readonly events: EventRepository;
  readonly interactions: InteractionRepository;
  readonly messages: SessionMessageRepository;
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
    agentSessions: new SqliteAgentSessionRepository(database),
    turns: new SqliteSessionTurnRepository(database),
    events: new SqliteEventRepository(database),
    interactions: new SqliteInteractionRepository(database),
    messages: new SqliteSessionMessageRepository(database),
    close() {
      if (!database.open) return;
      // Refreshes query-planner statistics cheaply; what SQLite recommends before closing.
      database.pragma("optimize");
      database.close();
    },
  };
}
