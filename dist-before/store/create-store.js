import { join } from "node:path";
import { openDatabase } from "./open-database.js";
import { SqliteAgentSessionRepository } from "./sqlite-agent-session-repository.js";
import { SqliteEventRepository } from "./sqlite-event-repository.js";
import { SqliteInteractionRepository } from "./sqlite-interaction-repository.js";
import { SqliteRunRepository } from "./sqlite-run-repository.js";
import { SqliteSandboxRepository } from "./sqlite-sandbox-repository.js";
import { SqliteSessionMessageRepository } from "./sqlite-session-message-repository.js";
import { SqliteSessionTurnRepository } from "./sqlite-session-turn-repository.js";
export const databaseFileName = "hangar.db";
/** The embedded default store: one SQLite file, `<dataDirectory>/hangar.db`. */
export function createStore(dataDirectory) {
    return createSqliteStore(openDatabase(join(dataDirectory, databaseFileName)));
}
/**
 * The store over a database opened with `openDatabase`, which it owns from then on
 * (`close` closes it). Tests that check raw rows or integrity open the database
 * themselves and hand it here; nothing else ever sees it.
 */
export function createSqliteStore(database) {
    return {
        runs: new SqliteRunRepository(database),
        sandboxes: new SqliteSandboxRepository(database),
        agentSessions: new SqliteAgentSessionRepository(database),
        turns: new SqliteSessionTurnRepository(database),
        events: new SqliteEventRepository(database),
        interactions: new SqliteInteractionRepository(database),
        messages: new SqliteSessionMessageRepository(database),
        close() {
            if (!database.open)
                return;
            // Refreshes query-planner statistics cheaply; what SQLite recommends before closing.
            database.pragma("optimize");
            database.close();
        },
    };
}
//# sourceMappingURL=create-store.js.map