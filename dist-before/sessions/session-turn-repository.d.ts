/** A turn is one prompt: it waits in the queue, runs, then ends one of three ways. */
export type TurnStatus = "queued" | "running" | "completed" | "failed" | "cancelled";
/** How a turn ended; the `turn.end` event and the stored status say the same. */
export type TurnOutcome = "completed" | "failed" | "cancelled";
export interface SessionTurnRecord {
    id: string;
    sessionId: string;
    prompt: string;
    /** A model for this turn only; null means the session's model. */
    model: string | null;
    status: TurnStatus;
    /** Why it failed or was cancelled. */
    reason: string | null;
    createdAt: Date;
    startedAt: Date | null;
    endedAt: Date | null;
}
export interface NewSessionTurn {
    id: string;
    sessionId: string;
    prompt: string;
    model?: string | null;
    createdAt: Date;
}
/**
 * The store port for turns, owned by the sessions service; queued turns survive
 * restarts and run in the order they were enqueued.
 */
export interface SessionTurnRepository {
    /** Stores a queued turn. The session must exist (foreign key). */
    enqueue(turn: NewSessionTurn): Promise<SessionTurnRecord>;
    get(id: string): Promise<SessionTurnRecord | undefined>;
    /** The oldest queued turn of a session (ties broken by enqueue order). */
    nextQueued(sessionId: string): Promise<SessionTurnRecord | undefined>;
    /** queued → running; false when the turn is not queued (already started, ended, or unknown). */
    start(id: string, at?: Date): Promise<boolean>;
    /** queued or running → an outcome; false when it had already ended or is unknown, so the first outcome stays. */
    finish(id: string, status: TurnOutcome, reason?: string, at?: Date): Promise<boolean>;
    countQueued(sessionId: string): Promise<number>;
    /** Cancels every queued turn of a session; returns how many. */
    cancelQueued(sessionId: string, reason: string, at?: Date): Promise<number>;
    /** Every turn in one of these statuses, oldest first: recovery after a restart. */
    listByStatus(statuses: readonly TurnStatus[]): Promise<SessionTurnRecord[]>;
    /** A session's turns, oldest first. */
    listBySession(sessionId: string): Promise<SessionTurnRecord[]>;
}
