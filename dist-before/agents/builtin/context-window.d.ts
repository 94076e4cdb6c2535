import type { ModelMessage } from "ai";
/**
 * Keeps what is sent to the model within a token budget. Old tool output goes
 * first: it is cut to its head with a note saying so (the model can run the
 * tool again), never dropped silently. The stored conversation is untouched;
 * only the copy sent to the model is trimmed.
 */
export declare const charactersPerToken = 4;
export declare function estimateTokens(messages: readonly ModelMessage[]): number;
export declare function fitContextWindow(messages: readonly ModelMessage[], budgetTokens: number): ModelMessage[];
