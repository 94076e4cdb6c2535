import type { SessionEvent, SessionEventName, SessionEventPayloads } from "./session-events.js";
/**
 * Where a driver's events came from in its own source: a number it attaches to each event
 * it emits (an external agent runner's event number), stored with the event in one insert.
 */
export interface LoggedOrigin {
    origin: number;
    /** Events logged with this origin (one source item may become several events). */
    count: number;
}
/**
 * The store port for session events, owned by the event log that uses it.
 * `seq` is assigned by the store inside the insert, so it is 1, 2, 3, … per
 * session with no gaps even when two writers race. Methods return promises so
 * a remote store fits; the SQLite adapter does its work before returning.
 */
export interface EventRepository {
    /**
     * Stores the event (committed when the promise resolves) and returns it as a
     * reader will see it: `data` went through JSON, so a live subscriber and a
     * replay get equal values.
     */
    append<Name extends SessionEventName>(sessionId: string, name: Name, data: SessionEventPayloads[Name], createdAt: Date, origin?: number): Promise<SessionEvent<Name>>;
    /**
     * The origin of the session's newest event that has one, and how many events carry
     * that origin; undefined when none has.
     */
    lastOrigin(sessionId: string): Promise<LoggedOrigin | undefined>;
    /** Events with seq > afterSeq, ascending, at most `limit`. */
    list(sessionId: string, afterSeq: number, limit: number): Promise<SessionEvent[]>;
    /** The seq of the session's last event, 0 when it has none. */
    lastSeq(sessionId: string): Promise<number>;
}
