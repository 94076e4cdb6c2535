import type { SessionMessage, SessionMessageRepository } from "../agents/session-message-repository.js";
import type { Database } from "./open-database.js";
/**
 * A conversation as rows: each message is inserted once, its position computed
 * inside the insert (like an event's seq), so appending costs the same at the
 * 5th message and the 500th, and a crash can lose at most the append in flight.
 */
export declare class SqliteSessionMessageRepository implements SessionMessageRepository {
    #private;
    constructor(database: Database);
    append(sessionId: string, turnId: string | null, messages: readonly unknown[]): Promise<void>;
    list(sessionId: string): Promise<SessionMessage[]>;
}
