import type { Database } from "./open-database.js";
import type { NewSessionTurn, SessionTurnRecord, SessionTurnRepository, TurnOutcome, TurnStatus } from "../sessions/session-turn-repository.js";
export declare class SqliteSessionTurnRepository implements SessionTurnRepository {
    #private;
    constructor(database: Database);
    enqueue(turn: NewSessionTurn): Promise<SessionTurnRecord>;
    get(id: string): Promise<SessionTurnRecord | undefined>;
    nextQueued(sessionId: string): Promise<SessionTurnRecord | undefined>;
    start(id: string, at?: Date): Promise<boolean>;
    finish(id: string, status: TurnOutcome, reason?: string, at?: Date): Promise<boolean>;
    countQueued(sessionId: string): Promise<number>;
    cancelQueued(sessionId: string, reason: string, at?: Date): Promise<number>;
    listByStatus(statuses: readonly TurnStatus[]): Promise<SessionTurnRecord[]>;
    listBySession(sessionId: string): Promise<SessionTurnRecord[]>;
}
