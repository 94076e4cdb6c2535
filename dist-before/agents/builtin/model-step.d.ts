import type { ModelMessage } from "ai";
import { type ModelRetry } from "./model-retry.js";
import type { ProviderFunctionTool, ProviderPrompt, StreamingModel } from "./provider-model.js";
/**
 * One model call of the built-in agent, straight to the provider model's
 * `doStream`: what `streamText` did for the loop (retries, a timeout between
 * chunks, collecting the step's messages), without its per-step stream
 * machinery and prompt validation, which cost more CPU than all of Hangar's
 * own work in a tool step.
 */
export interface ModelStepRequest {
    model: StreamingModel;
    prompt: ProviderPrompt;
    tools: ProviderFunctionTool[];
    maxRetries: number;
    /** A call that sends nothing for this long (no answer, or no chunk) is abandoned. */
    chunkTimeoutMs: number;
    signal: AbortSignal;
    /** Each piece of answer text as it arrives. */
    onText: (text: string) => void;
    /** A failed attempt about to be retried. */
    onRetry?: (retry: ModelRetry) => void;
}
export interface ModelStepResult {
    /** All answer text of the step. */
    text: string;
    /**
     * To append to the conversation, shaped as the AI SDK's `response.messages`: the
     * assistant message (text, reasoning, tool calls), then the results of tool calls
     * whose input was not JSON (the model reads why; the loop never runs them).
     */
    messages: ModelMessage[];
    /** How many tool calls the model made (runnable or not). */
    toolCalls: number;
    finishReason: string;
    inputTokens: number;
    outputTokens: number;
}
/**
 * Throws what the provider or the retries produced (`APICallError`, `RetryError`, an
 * `error` part's error), a `TimeoutError` when the model went quiet for
 * `chunkTimeoutMs`, or the signal's reason.
 */
export declare function runModelStep(request: ModelStepRequest): Promise<ModelStepResult>;
