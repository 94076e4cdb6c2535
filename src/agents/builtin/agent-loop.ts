import { streamText, tool, type LanguageModel, type ModelMessage, type ToolSet } from "ai";
import { linkedAbortController } from "../../core/abort.js";
import { HangarError } from "../../core/errors.js";
import type { SessionEventName, SessionEventPayloads } from "../../events/session-events.js";
import { decideApproval, type ApprovalPolicy } from "./approval-policy.js";
import { fitContextWindow } from "./context-window.js";
import { DeltaBuffer } from "./delta-buffer.js";
import { systemPrompt } from "./system-prompt.js";
import type { AgentTool, ToolContext, ToolResult } from "./tools/agent-tool.js";

/**
 * The built-in agent's loop for one turn: call the model, stream its text,
 * run the tools it asks for (after approval where the policy says so), feed
 * the results back, until it answers without a tool call.
 *
 * The conversation is saved after every model step and after every tool
 * result, so a turn interrupted by a crash resumes from its last completed
 * step: tool calls that already have a result are never run again.
 */
export type EmitEvent = <Name extends SessionEventName>(name: Name, data: SessionEventPayloads[Name]) => void;

export interface InteractionGateway {
  /** Resolves true when approved; false when denied or timed out. */
  requestPermission(
    request: { toolCallId: string; tool: string; input: unknown; summary: string },
    signal: AbortSignal,
  ): Promise<boolean>;
  /** Resolves with the answer, or undefined when nobody answered in time. */
  askUser(
    request: { toolCallId: string; question: string; choices?: string[] },
    signal: AbortSignal,
  ): Promise<string | undefined>;
}

export interface AgentTurn {
  turnId: string;
  model: LanguageModel;
  /** The whole conversation, already ending with this turn's prompt (or mid-turn after a restart). */
  conversation: ModelMessage[];
  saveConversation(conversation: readonly ModelMessage[]): void;
  emit: EmitEvent;
  tools: readonly AgentTool[];
  /** The sandbox-bound part of a tool's context; the loop adds the call's signal and output stream. */
  toolContext(emitOutput: ToolContext["emitOutput"], signal: AbortSignal): ToolContext;
  approval: ApprovalPolicy;
  interactions: InteractionGateway;
  /** Adds a step's tokens to the session; throws when the session's budget is spent. */
  recordUsage(inputTokens: number, outputTokens: number): void;
  maxSteps: number;
  contextBudgetTokens: number;
  maxRetries: number;
  /** A model call that sends nothing for this long is abandoned (the turn fails with the reason). */
  requestTimeoutMs: number;
  signal: AbortSignal;
}

/** Streamed tool output beyond this is not sent as events (the model still gets its truncated result). */
const maxStreamedToolOutputChars = 256 * 1024;

export async function runAgentTurn(turn: AgentTurn): Promise<void> {
  const toolsByName = new Map(turn.tools.map((candidate) => [candidate.name, candidate]));
  const toolSet: ToolSet = {};
  for (const candidate of turn.tools) {
    toolSet[candidate.name] = tool({
      description: candidate.description,
      inputSchema: candidate.inputSchema,
    });
  }
  // A turn resumed after a restart may stop between a model step and its tool results.
  await runPendingToolCalls(turn, toolsByName);
  for (let step = 1; step <= turn.maxSteps; step++) {
    turn.signal.throwIfAborted();
    const messageId = `${turn.turnId}.${step}`;
    let text = "";
    const deltas = new DeltaBuffer((piece) =>
      turn.emit("message.delta", { message_id: messageId, text: piece }),
    );
    // One signal per step: the SDK adds listeners to the signal it is given and never
    // removes them, so the turn's own signal would collect one per step.
    const stepAbort = linkedAbortController(turn.signal);
    const result = streamText({
      model: turn.model,
      system: systemPrompt,
      messages: fitContextWindow(turn.conversation, turn.contextBudgetTokens),
      tools: toolSet,
      maxRetries: turn.maxRetries,
      abortSignal: stepAbort.signal,
      timeout: { chunkMs: turn.requestTimeoutMs },
      // The SDK's default prints the whole error (request included) to the console; errors
      // arrive as stream parts below and are reported, redacted, as events instead.
      onError: () => undefined,
    });
    let streamError: unknown;
    try {
      for await (const part of result.fullStream) {
        if (part.type === "text-delta") {
          text += part.text;
          deltas.push(part.text);
        } else if (part.type === "error") {
          streamError = part.error;
        }
      }
    } finally {
      stepAbort.dispose();
    }
    deltas.flush();
    turn.signal.throwIfAborted();
    // The SDK's own error object (APICallError, RetryError): described and redacted by the caller.
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    if (streamError !== undefined) throw streamError;
    const [response, usage, toolCalls] = await Promise.all([result.response, result.usage, result.toolCalls]);
    if (text !== "") turn.emit("message.end", { message_id: messageId, text });
    turn.conversation.push(...response.messages);
    turn.saveConversation(turn.conversation);
    turn.recordUsage(usage.inputTokens ?? 0, usage.outputTokens ?? 0);
    if (toolCalls.length === 0) return;
    await runPendingToolCalls(turn, toolsByName);
  }
  throw new HangarError(
    "BAD_REQUEST",
    `step limit reached: the model made ${turn.maxSteps} calls in this turn without finishing`,
    { details: { reason: "stepAbortlimit" } },
  );
}

interface PendingCall {
  toolCallId: string;
  toolName: string;
  input: unknown;
}

/** Tool calls of the last assistant message that have no result yet. */
export function pendingToolCalls(conversation: readonly ModelMessage[]): PendingCall[] {
  const lastAssistant = conversation.findLastIndex((message) => message.role === "assistant");
  const assistant = conversation[lastAssistant];
  if (assistant?.role !== "assistant" || typeof assistant.content === "string") return [];
  const answered = new Set<string>();
  for (const message of conversation.slice(lastAssistant + 1)) {
    if (message.role !== "tool") continue;
    for (const part of message.content) if (part.type === "tool-result") answered.add(part.toolCallId);
  }
  return assistant.content
    .filter((part) => part.type === "tool-call" && !answered.has(part.toolCallId))
    .map((part) => part as PendingCall);
}

async function runPendingToolCalls(turn: AgentTurn, toolsByName: Map<string, AgentTool>): Promise<void> {
  for (const call of pendingToolCalls(turn.conversation)) {
    turn.signal.throwIfAborted();
    const startedAt = performance.now();
    turn.emit("tool.start", { tool_call_id: call.toolCallId, tool: call.toolName, input: call.input });
    const output = new ToolOutputStream(turn.emit, call.toolCallId);
    let result: ToolResult;
    try {
      result = await runToolCall(turn, toolsByName, call, output.emitOutput);
    } finally {
      output.flush();
    }
    turn.signal.throwIfAborted();
    turn.emit("tool.end", {
      tool_call_id: call.toolCallId,
      tool: call.toolName,
      is_error: result.isError,
      output: result.output,
      duration_ms: Math.round(performance.now() - startedAt),
    });
    turn.conversation.push({
      role: "tool",
      content: [
        {
          type: "tool-result",
          toolCallId: call.toolCallId,
          toolName: call.toolName,
          output: { type: result.isError ? "error-text" : "text", value: result.output },
        },
      ],
    });
    turn.saveConversation(turn.conversation);
  }
}

async function runToolCall(
  turn: AgentTurn,
  toolsByName: Map<string, AgentTool>,
  call: PendingCall,
  emitOutput: ToolContext["emitOutput"],
): Promise<ToolResult> {
  const selected = toolsByName.get(call.toolName);
  if (selected === undefined) {
    const names = [...toolsByName.keys()].join(", ");
    return { isError: true, output: `There is no tool named "${call.toolName}". Available tools: ${names}.` };
  }
  const parsed = selected.inputSchema.safeParse(call.input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join(".") || "input"}: ${issue.message}`,
    );
    return { isError: true, output: `Invalid input for ${selected.name}: ${problems.join("; ")}` };
  }
  const input = parsed.data;
  const kind = selected.kind(input);
  if (kind === "ask") {
    const { question, choices } = input as { question: string; choices?: string[] };
    const answer = await turn.interactions.askUser(
      { toolCallId: call.toolCallId, question, ...(choices ? { choices } : {}) },
      turn.signal,
    );
    return answer === undefined
      ? { isError: true, output: "The user did not answer in time. Continue with your best judgement." }
      : { isError: false, output: answer };
  }
  const decision = decideApproval(turn.approval, kind);
  if (decision === "refuse") {
    return {
      isError: true,
      output: `This session is read-only: ${selected.name} (${kind}) is not allowed. Use read-only tools, or explain what you would change.`,
    };
  }
  if (decision === "ask") {
    const isApproved = await turn.interactions.requestPermission(
      { toolCallId: call.toolCallId, tool: selected.name, input, summary: selected.summarize(input) },
      turn.signal,
    );
    if (!isApproved) {
      return {
        isError: true,
        output: `The user denied permission for ${selected.name}. Do not retry it as is.`,
      };
    }
  }
  return selected.execute(input, turn.toolContext(emitOutput, turn.signal));
}

/** A tool's live output as coalesced `tool.delta` events, one buffer per stream, capped. */
class ToolOutputStream {
  #streamed = 0;
  readonly #buffers: Record<"stdout" | "stderr", DeltaBuffer>;

  constructor(emit: EmitEvent, toolCallId: string) {
    const bufferFor = (stream: "stdout" | "stderr") =>
      new DeltaBuffer((text) => emit("tool.delta", { tool_call_id: toolCallId, stream, text }));
    this.#buffers = { stdout: bufferFor("stdout"), stderr: bufferFor("stderr") };
  }

  readonly emitOutput: ToolContext["emitOutput"] = (stream, text) => {
    if (this.#streamed >= maxStreamedToolOutputChars) return;
    const piece = text.slice(0, maxStreamedToolOutputChars - this.#streamed);
    this.#streamed += piece.length;
    this.#buffers[stream].push(piece);
  };

  flush(): void {
    this.#buffers.stdout.flush();
    this.#buffers.stderr.flush();
  }
}
