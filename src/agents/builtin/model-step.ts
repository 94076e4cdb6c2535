import type { AssistantModelMessage, ModelMessage, ToolModelMessage } from "ai";
import { withModelRetries, type ModelRetry } from "./model-retry.js";
import type {
  ModelStreamPart,
  ProviderFunctionTool,
  ProviderPrompt,
  StreamingModel,
} from "./provider-model.js";

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

type AssistantPart = Exclude<AssistantModelMessage["content"], string>[number];
type TextLikePart = Extract<AssistantPart, { type: "text" | "reasoning" }>;
type ProviderOptions = TextLikePart["providerOptions"];
type ToolResultPart = Extract<ToolModelMessage["content"][number], { type: "tool-result" }>;

/**
 * Throws what the provider or the retries produced (`APICallError`, `RetryError`, an
 * `error` part's error), a `TimeoutError` when the model went quiet for
 * `chunkTimeoutMs`, or the signal's reason.
 */
export async function runModelStep(request: ModelStepRequest): Promise<ModelStepResult> {
  // One controller per call: providers add listeners to the signal they get and
  // never remove them, so the turn's own signal would collect one per step.
  const abort = new AbortController();
  const forwardAbort = (): void => abort.abort(request.signal.reason);
  if (request.signal.aborted) forwardAbort();
  else request.signal.addEventListener("abort", forwardAbort, { once: true });
  const quiet = new QuietTimer(abort, request.chunkTimeoutMs);
  try {
    const { stream } = await withModelRetries(
      async () => {
        quiet.restart();
        try {
          return await request.model.doStream({
            prompt: request.prompt,
            tools: request.tools,
            toolChoice: { type: "auto" },
            abortSignal: abort.signal,
          });
        } finally {
          // Waiting between attempts is the retries' business, not a quiet model.
          quiet.stop();
        }
      },
      {
        maxRetries: request.maxRetries,
        signal: abort.signal,
        ...(request.onRetry === undefined ? {} : { onRetry: request.onRetry }),
      },
    );
    quiet.restart();
    return await readStep(stream, abort.signal, quiet, request.onText);
  } finally {
    quiet.stop();
    request.signal.removeEventListener("abort", forwardAbort);
  }
}

async function readStep(
  stream: ReadableStream<ModelStreamPart>,
  signal: AbortSignal,
  quiet: QuietTimer,
  onText: (text: string) => void,
): Promise<ModelStepResult> {
  const collector = new StepCollector();
  const reader = stream.getReader();
  // A provider stream that ignores the signal must not keep the step waiting.
  const cancel = (): void => void reader.cancel(signal.reason).catch(() => undefined);
  signal.addEventListener("abort", cancel, { once: true });
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (signal.aborted) throw signal.reason;
      if (done) break;
      quiet.restart();
      const text = collector.add(value);
      if (text !== "") onText(text);
    }
  } catch (error) {
    // Whatever stopped the reading, the provider's stream (and its connection) is let go.
    await reader.cancel(error).catch(() => undefined);
    throw signal.aborted ? signal.reason : error;
  } finally {
    signal.removeEventListener("abort", cancel);
    reader.releaseLock();
  }
  return collector.result();
}

/** Gathers a step's stream parts as the SDK did for `response.messages`. */
class StepCollector {
  readonly #content: AssistantPart[] = [];
  readonly #openParts = new Map<string, TextLikePart>();
  readonly #invalidResults: ToolResultPart[] = [];
  #text = "";
  #toolCalls = 0;
  #error: { error: unknown } | undefined;
  #finishReason = "other";
  #inputTokens = 0;
  #outputTokens = 0;

  /** Returns the answer text the part adds ("" for any other part). */
  add(part: ModelStreamPart): string {
    switch (part.type) {
      case "text-start":
      case "reasoning-start": {
        const type = part.type === "text-start" ? "text" : "reasoning";
        const started: TextLikePart = { type, text: "", ...options(part.providerMetadata) };
        this.#openParts.set(`${type}:${part.id}`, started);
        this.#content.push(started);
        return "";
      }
      case "text-delta":
      case "reasoning-delta": {
        const type = part.type === "text-delta" ? "text" : "reasoning";
        const open = this.#open(type, part.id);
        open.text += part.delta;
        if (part.providerMetadata !== undefined) open.providerOptions = part.providerMetadata;
        if (type !== "text") return "";
        this.#text += part.delta;
        return part.delta;
      }
      case "text-end":
      case "reasoning-end": {
        const type = part.type === "text-end" ? "text" : "reasoning";
        const open = this.#open(type, part.id);
        if (part.providerMetadata !== undefined) open.providerOptions = part.providerMetadata;
        this.#openParts.delete(`${type}:${part.id}`);
        return "";
      }
      case "tool-call":
        this.#addToolCall(part);
        return "";
      case "file":
        this.#content.push({
          type: "file",
          data: typeof part.data === "string" ? part.data : Buffer.from(part.data).toString("base64"),
          mediaType: part.mediaType,
          ...options(part.providerMetadata),
        });
        return "";
      case "finish":
        this.#finishReason = part.finishReason.unified;
        this.#inputTokens = part.usage.inputTokens.total ?? 0;
        this.#outputTokens = part.usage.outputTokens.total ?? 0;
        return "";
      case "error":
        // The SDK reads on after an error part; the step fails with the first one.
        this.#error ??= { error: part.error };
        return "";
      default:
        return "";
    }
  }

  result(): ModelStepResult {
    if (this.#error !== undefined) throw this.#error.error;
    const content = this.#content.filter((part) => part.type !== "text" || part.text !== "");
    const messages: ModelMessage[] = [];
    if (content.length > 0) messages.push({ role: "assistant", content });
    if (this.#invalidResults.length > 0) messages.push({ role: "tool", content: this.#invalidResults });
    return {
      text: this.#text,
      messages,
      toolCalls: this.#toolCalls,
      finishReason: this.#finishReason,
      inputTokens: this.#inputTokens,
      outputTokens: this.#outputTokens,
    };
  }

  /** A delta for a part that never started starts it (the SDK reported an error instead). */
  #open(type: TextLikePart["type"], id: string): TextLikePart {
    const open = this.#openParts.get(`${type}:${id}`);
    if (open !== undefined) return open;
    const started: TextLikePart = { type, text: "" };
    this.#openParts.set(`${type}:${id}`, started);
    this.#content.push(started);
    return started;
  }

  #addToolCall(part: Extract<ModelStreamPart, { type: "tool-call" }>): void {
    this.#toolCalls += 1;
    const parsed = parseToolInput(part.input);
    this.#content.push({
      type: "tool-call",
      toolCallId: part.toolCallId,
      toolName: part.toolName,
      // As the SDK stored a call whose input was not JSON: an empty object.
      input: parsed.isValid ? parsed.value : {},
      ...(part.providerExecuted === undefined ? {} : { providerExecuted: part.providerExecuted }),
      ...options(part.providerMetadata),
    });
    if (parsed.isValid) return;
    this.#invalidResults.push({
      type: "tool-result",
      toolCallId: part.toolCallId,
      toolName: part.toolName,
      output: {
        type: "error-text",
        value: `Invalid input for tool ${part.toolName}: the arguments are not valid JSON (${parsed.problem}). Call the tool again with a JSON object as its arguments.`,
      },
    });
  }
}

function parseToolInput(
  text: string,
): { isValid: true; value: unknown } | { isValid: false; problem: string } {
  // Providers send an empty string for a call without arguments.
  if (text.trim() === "") return { isValid: true, value: {} };
  try {
    return { isValid: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { isValid: false, problem: error instanceof Error ? error.message : String(error) };
  }
}

/** Provider metadata of a streamed part becomes the stored part's provider options (as the SDK did). */
function options(metadata: ProviderOptions): { providerOptions?: ProviderOptions } {
  return metadata === undefined ? {} : { providerOptions: metadata };
}

/** Aborts the call when the model sends nothing for `timeoutMs`. */
class QuietTimer {
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly abort: AbortController,
    private readonly timeoutMs: number,
  ) {}

  restart(): void {
    // Re-arming an existing timer is cheaper than a new one per chunk.
    if (this.#timer !== undefined) {
      this.#timer.refresh();
      return;
    }
    this.#timer = setTimeout(() => {
      this.abort.abort(
        new DOMException(
          `the model sent nothing for ${this.timeoutMs} ms: the call was abandoned`,
          "TimeoutError",
        ),
      );
    }, this.timeoutMs);
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
