export interface ProgressRecord {
    messageType: string;
    subType: string;
    payload: string;
    requestId?: string;
    seq: bigint;
    timestamp: bigint;
}
export declare class ProgressLog {
    private readonly capacity;
    private readonly held;
    private readonly listeners;
    private lastSeq;
    constructor(capacity: number);
    append(messageType: string, subType: string, payload: string, requestId?: string): ProgressRecord;
    get last(): bigint;
    get firstHeld(): bigint;
    /** Held events after fromSeq, then live ones until signal aborts. */
    follow(fromSeq: bigint, signal: AbortSignal, heartbeatMs: number): AsyncGenerator<ProgressRecord>;
}
