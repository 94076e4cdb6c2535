import type { SessionEvent, SessionEventName, SessionEventPayloads } from "../events/session-events.js";

/**
 * The store port for session events. `seq` is assigned by the store inside the
 * insert, so it is 1, 2, 3, … per session with no gaps even when two writers race.
 */
export interface EventRepository {
  /**
   * Stores the event and returns it as a reader will see it: `data` went through
   * JSON, so a live subscriber and a replay get equal values.
   */
  append<Name extends SessionEventName>(
    sessionId: string,
    name: Name,
    data: SessionEventPayloads[Name],
    createdAt: Date,
  ): SessionEvent<Name>;
  /** Events with seq > afterSeq, ascending, at most `limit`. */
  list(sessionId: string, afterSeq: number, limit: number): SessionEvent[];
  /** The seq of the session's last event, 0 when it has none. */
  lastSeq(sessionId: string): number;
}
