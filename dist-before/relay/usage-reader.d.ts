/**
 * Reads the token usage out of a model answer while the relay passes it on,
 * without holding a streamed answer back: event streams are scanned line by
 * line as chunks go by; a whole JSON answer (or Gemini's unstreamed JSON array)
 * is kept, up to a limit, and read at its end. One reader serves every format,
 * since their usage objects are told apart by their field names:
 *
 * - OpenAI chat: `usage.{prompt,completion}_tokens` (streamed in the last chunk)
 * - OpenAI responses: `usage.{input,output}_tokens`, streamed in `response.completed`'s `response`
 * - Anthropic: `usage.input_tokens` (+ cache tokens) in `message_start.message`, the
 *   running `usage.output_tokens` in each `message_delta`
 * - Gemini: `usageMetadata.{promptTokenCount,candidatesTokenCount,thoughtsTokenCount}`
 */
export interface TokenUsage {
    inputTokens: number;
    outputTokens: number;
}
export declare class UsageReader {
    #private;
    /** `keptLimit`: the most bytes of a JSON answer kept for reading at its end. */
    constructor(contentType: string | undefined, keptLimit: number);
    push(chunk: Buffer): void;
    /** The usage the answer reported, or undefined when it reported none. */
    finish(): TokenUsage | undefined;
}
