import type { ModelMessage } from "ai";
import type { SessionMessageRepository } from "../session-message-repository.js";
export interface PendingToolCall {
    toolCallId: string;
    toolName: string;
    input: unknown;
}
/**
 * The built-in agent's conversation: AI SDK messages in memory, each one also
 * appended to the store (store first, so memory never holds what a restart
 * would lose). Everything a model step needs is kept incrementally — the size
 * for the context budget; the provider prompt is converted once per message
 * (`model-prompt.ts`) — so a step costs the same at message 10 and message 500.
 */
export declare class Conversation {
    #private;
    readonly sessionId: string;
    private readonly store;
    constructor(sessionId: string, store: SessionMessageRepository);
    /** The conversation as stored (written by the loop, so trusted as it is). */
    static load(sessionId: string, store: SessionMessageRepository): Promise<Conversation>;
    get messages(): readonly ModelMessage[];
    /** Whether the last stored message belongs to this turn: the turn started before (a restart). */
    isContinuing(turnId: string): boolean;
    append(turnId: string, messages: readonly ModelMessage[]): Promise<void>;
    /** What is sent to the model: the whole conversation, or old tool output trimmed to fit the budget. */
    fitted(budgetTokens: number): ModelMessage[];
    /** Tool calls of the last assistant message that have no result yet. */
    pendingToolCalls(): PendingToolCall[];
}
export declare function pendingToolCalls(conversation: readonly ModelMessage[]): PendingToolCall[];
