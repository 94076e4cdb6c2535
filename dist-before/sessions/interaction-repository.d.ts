import type { InteractionKind, InteractionOutcome } from "../events/session-events.js";
export type InteractionStatus = "pending" | "resolved";
/** A question or permission request that waits for a human. */
export interface InteractionRecord {
    id: string;
    sessionId: string;
    turnId: string;
    kind: InteractionKind;
    toolCallId: string;
    /** The `permission.requested` or `question.asked` payload, as sent. */
    request: unknown;
    status: InteractionStatus;
    outcome: InteractionOutcome | null;
    answer: string | null;
    createdAt: Date;
    expiresAt: Date;
    resolvedAt: Date | null;
}
export interface NewInteraction {
    id: string;
    sessionId: string;
    turnId: string;
    kind: InteractionKind;
    toolCallId: string;
    request: unknown;
    createdAt: Date;
    expiresAt: Date;
}
export interface ListPendingInteractionsOptions {
    sessionId?: string;
}
/** The store port for interactions, owned by the sessions service. */
export interface InteractionRepository {
    /** Stores a pending interaction. The session must exist (foreign key). */
    create(interaction: NewInteraction): Promise<InteractionRecord>;
    get(id: string): Promise<InteractionRecord | undefined>;
    /** The newest interaction a tool call of a session raised, so a replayed turn does not ask twice. */
    findByToolCall(sessionId: string, toolCallId: string): Promise<InteractionRecord | undefined>;
    /** Pending interactions, oldest first, of one session or of all. */
    listPending(options?: ListPendingInteractionsOptions): Promise<InteractionRecord[]>;
    /**
     * pending → resolved. True only for the first caller: a click, a timeout and a
     * cancel may race, and exactly one of them decides.
     */
    resolve(id: string, outcome: InteractionOutcome, answer?: string, at?: Date): Promise<boolean>;
}
