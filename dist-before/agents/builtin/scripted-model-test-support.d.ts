import { MockLanguageModelV3 } from "ai/test";
/**
 * The AI SDK's own mock model, answering from a script: each model call takes
 * the next reply (text and/or tool calls) and streams it the way a provider
 * would. For unit tests of the loop that run in milliseconds; the wire-level
 * tests in test/agents use a scripted HTTP model server instead.
 */
export interface ScriptedReply {
    text?: string;
    toolCalls?: Array<{
        name: string;
        input: unknown;
    }>;
    /** Fails the call with this error instead of answering. */
    error?: Error;
    inputTokens?: number;
    outputTokens?: number;
}
export type ModelCall = MockLanguageModelV3["doStreamCalls"][number];
export interface ScriptedModel {
    model: MockLanguageModelV3;
    /** The options of every call so far (prompt, tools, …). */
    readonly calls: ModelCall[];
    enqueue(...replies: ScriptedReply[]): void;
}
export declare function scriptedModel(...initial: ScriptedReply[]): ScriptedModel;
