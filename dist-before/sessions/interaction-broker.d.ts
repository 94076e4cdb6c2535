import type { InteractionKind, InteractionOutcome } from "../events/session-events.js";
import type { InteractionAnswer, PendingInteraction } from "../protocol/index.js";
import type { EmitSessionEvent } from "./session-events-emitter.js";
import type { InteractionRecord, InteractionRepository } from "./interaction-repository.js";
/**
 * Questions and permission requests that wait for a human. Each is stored
 * (so it survives a restart) and announced as an event; any front end may
 * answer, the first answer wins (a conditional update in the store), and
 * everyone sees `interaction.resolved`. Unanswered ones end by policy.
 */
export interface InteractionBrokerOptions {
    interactions: InteractionRepository;
    emit: EmitSessionEvent;
    timeoutMs: number;
    /** deny: the tool call is refused (a question gets no answer); cancel: the whole turn is cancelled. */
    timeoutAction: "deny" | "cancel";
    /** A session starts or stops waiting for a human. */
    onWaiting(sessionId: string, isWaiting: boolean): Promise<void>;
    /** Called when an interaction timed out under the `cancel` action. */
    cancelTurn(sessionId: string, reason: string): void;
    /** A timeout could not be stored (the store failed); the interaction stays pending. */
    onTimeoutError(record: InteractionRecord, error: unknown): void;
    now?: () => Date;
}
export type { InteractionAnswer, PendingInteraction } from "../protocol/index.js";
export interface InteractionResolution {
    outcome: InteractionOutcome;
    answer?: string;
}
/** What a question or permission request shows a human (stored as the interaction's request). */
export interface InteractionPayload {
    tool?: string;
    input?: unknown;
    summary?: string;
    question?: string;
    choices?: string[];
}
export declare class InteractionBroker {
    #private;
    constructor(options: InteractionBrokerOptions);
    /**
     * Asks and waits. After a restart the same tool call finds its interaction
     * again: a resolved one answers at once, a pending one is waited on (no
     * second event is sent).
     */
    request(request: {
        sessionId: string;
        turnId: string;
        kind: InteractionKind;
        toolCallId: string;
        payload: InteractionPayload;
    }, signal: AbortSignal): Promise<InteractionResolution>;
    /** A front end's answer. Rejects with NOT_FOUND, CONFLICT (already resolved) or VALIDATION_FAILED. */
    reply(sessionId: string, interactionId: string, answer: InteractionAnswer): Promise<InteractionResolution>;
    /** What a session waits for, for front ends that join late. */
    pending(sessionId: string): Promise<PendingInteraction[]>;
    /** Start-up: pending interactions keep their deadlines across a restart. */
    rearm(): Promise<void>;
    stop(): void;
}
