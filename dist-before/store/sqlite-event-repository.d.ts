import type { SessionEvent, SessionEventName, SessionEventPayloads } from "../events/session-events.js";
import type { EventRepository, LoggedOrigin } from "../events/event-repository.js";
import type { Database } from "./open-database.js";
/**
 * The seq is computed inside the insert: a write statement takes the write lock
 * before it reads, so two writers (even two processes) can never see the same
 * max(seq), and the primary key would refuse a duplicate anyway. Parameters:
 * session id, name, data, created_at, origin, session id.
 */
export declare const appendEventStatement = "INSERT INTO session_events (session_id, seq, name, data, created_at, origin)\n  SELECT ?, coalesce(max(seq), 0) + 1, ?, ?, ?, ? FROM session_events WHERE session_id = ?\n  RETURNING seq";
export declare class SqliteEventRepository implements EventRepository {
    #private;
    constructor(database: Database);
    append<Name extends SessionEventName>(sessionId: string, name: Name, data: SessionEventPayloads[Name], createdAt: Date, origin?: number): Promise<SessionEvent<Name>>;
    list(sessionId: string, afterSeq: number, limit: number): Promise<SessionEvent[]>;
    lastSeq(sessionId: string): Promise<number>;
    lastOrigin(sessionId: string): Promise<LoggedOrigin | undefined>;
}
