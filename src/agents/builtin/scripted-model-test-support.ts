import { convertArrayToReadableStream, MockLanguageModelV3 } from "ai/test";

/**
 * The AI SDK's own mock model, answering from a script: each model call takes
 * the next reply (text and/or tool calls) and streams it the way a provider
 * would. For unit tests of the loop that run in milliseconds; the wire-level
 * tests in test/agents use a scripted HTTP model server instead.
 */
export interface ScriptedReply {
  text?: string;
  toolCalls?: Array<{ name: string; input: unknown }>;
  /** Fails the call with this error instead of answering. */
  error?: Error;
  inputTokens?: number;
  outputTokens?: number;
}

type StreamResult = Awaited<ReturnType<MockLanguageModelV3["doStream"]>>;
type StreamPart = StreamResult["stream"] extends ReadableStream<infer Part> ? Part : never;
export type ModelCall = MockLanguageModelV3["doStreamCalls"][number];

export interface ScriptedModel {
  model: MockLanguageModelV3;
  /** The options of every call so far (prompt, tools, …). */
  readonly calls: ModelCall[];
  enqueue(...replies: ScriptedReply[]): void;
}

export function scriptedModel(...initial: ScriptedReply[]): ScriptedModel {
  const replies = [...initial];
  let callCount = 0;
  const model = new MockLanguageModelV3({
    doStream: async () => {
      callCount += 1;
      const reply = replies.shift();
      if (reply === undefined) throw new Error(`the script has no reply for model call ${callCount}`);
      if (reply.error !== undefined) throw reply.error;
      return { stream: convertArrayToReadableStream(streamParts(reply, callCount)) };
    },
  });
  return {
    model,
    get calls() {
      return model.doStreamCalls;
    },
    enqueue: (...more) => replies.push(...more),
  };
}

function streamParts(reply: ScriptedReply, call: number): StreamPart[] {
  const parts: StreamPart[] = [{ type: "stream-start", warnings: [] }];
  if (reply.text !== undefined) {
    const id = `text-${call}`;
    // Two pieces, so a test sees deltas being coalesced.
    const middle = Math.ceil(reply.text.length / 2);
    parts.push(
      { type: "text-start", id },
      { type: "text-delta", id, delta: reply.text.slice(0, middle) },
      { type: "text-delta", id, delta: reply.text.slice(middle) },
      { type: "text-end", id },
    );
  }
  (reply.toolCalls ?? []).forEach((toolCall, index) => {
    parts.push({
      type: "tool-call",
      toolCallId: `call_${call}_${index}`,
      toolName: toolCall.name,
      input: JSON.stringify(toolCall.input),
    });
  });
  const hasToolCalls = (reply.toolCalls?.length ?? 0) > 0;
  parts.push({
    type: "finish",
    finishReason: { unified: hasToolCalls ? "tool-calls" : "stop", raw: undefined },
    usage: {
      inputTokens: {
        total: reply.inputTokens ?? 10,
        noCache: undefined,
        cacheRead: undefined,
        cacheWrite: undefined,
      },
      outputTokens: { total: reply.outputTokens ?? 5, text: undefined, reasoning: undefined },
    },
  });
  return parts;
}
