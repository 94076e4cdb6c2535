import type { EventRepository } from "../events/event-repository.js";
import type { AgentSessionRepository } from "../sessions/agent-session-repository.js";
import type { InteractionRepository } from "../sessions/interaction-repository.js";
import type { SessionMessageRepository } from "../agents/session-message-repository.js";
import type { SessionTurnRepository } from "../sessions/session-turn-repository.js";
import { type Database } from "./open-database.js";
import type { RunRepository } from "../runs/run-repository.js";
import type { SandboxRepository } from "../managed-sandboxes/sandbox-repository.js";
/** Every repository port, one adapter each; the database behind them stays inside `store/`. */
export interface Store {
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
export declare const databaseFileName = "hangar.db";
/** The embedded default store: one SQLite file, `<dataDirectory>/hangar.db`. */
export declare function createStore(dataDirectory: string): Store;
/**
 * The store over a database opened with `openDatabase`, which it owns from then on
 * (`close` closes it). Tests that check raw rows or integrity open the database
 * themselves and hand it here; nothing else ever sees it.
 */
export declare function createSqliteStore(database: Database): Store;
