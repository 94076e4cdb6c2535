import type { LanguageModel } from "ai";
import { HangarError } from "../../core/errors.js";
import type { AgentEvent, AgentInteractions } from "../agent-driver.js";
import { decideApproval, type ApprovalPolicy } from "./approval-policy.js";
import type { Conversation, PendingToolCall } from "./conversation.js";
import { DeltaBuffer } from "./delta-buffer.js";
import { providerPrompt } from "./model-prompt.js";
import { describeModelError } from "../../llm/model-errors.js";
import type { ModelRetry } from "./model-retry.js";
import { runModelStep, type ModelStepResult } from "./model-step.js";
import { modelToolSet } from "./model-tool-set.js";
import { streamingModel } from "./provider-model.js";
import { systemPrompt } from "./system-prompt.js";
import type { AgentTool, ToolContext, ToolResult } from "./tools/agent-tool.js";

/**
 * The built-in agent's loop for one turn: call the model (`model-step.ts`,
 * straight to the provider's `doStream`), stream its text,
 * run the tools it asks for (after approval where the policy says so), feed
 * the results back, until it answers without a tool call.
 *
 * Every model step's messages and every tool result are appended to the
 * conversation (and the store) as they happen, so a turn interrupted by a
 * crash resumes from its last completed step: tool calls that already have a
 * result are never run again.
 */
export interface AgentTurn {
  turnId: string;
  model: LanguageModel;
  /** Already ending with this turn's prompt (or mid-turn after a restart). */
  conversation: Conversation;
  emit(event: AgentEvent): void;
  tools: readonly AgentTool[];
  /** The sandbox-bound part of a tool's context; the loop adds the call's signal and output stream. */
  toolContext(emitOutput: ToolContext["emitOutput"], signal: AbortSignal): ToolContext;
  approval: ApprovalPolicy;
  interactions: AgentInteractions;
  /** Adds a step's tokens to the session; rejects when the session's budget is spent. */
  recordUsage(inputTokens: number, outputTokens: number): Promise<void>;
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
  const model = streamingModel(turn.model);
  const toolsByName = new Map(turn.tools.map((candidate) => [candidate.name, candidate]));
  const tools = await modelToolSet(turn.tools);
  // A turn resumed after a restart may stop between a model step and its tool results.
  await runPendingToolCalls(turn, toolsByName);
  // A resumed turn numbers its steps on from those stored, so message ids stay unique within
  // the turn (a front end keys streamed text by them) and the step limit counts them all.
  for (let step = turn.conversation.stepsTaken(turn.turnId) + 1; step <= turn.maxSteps; step++) {
    turn.signal.throwIfAborted();
    const messageId = `${turn.turnId}.${step}`;
    const deltas = new DeltaBuffer((piece) =>
      turn.emit({ name: "message.delta", data: { message_id: messageId, text: piece } }),
    );
    let result: ModelStepResult;
    try {
      result = await runModelStep({
        model,
        prompt: providerPrompt(systemPrompt, turn.conversation.fitted(turn.contextBudgetTokens)),
        tools,
        maxRetries: turn.maxRetries,
        chunkTimeoutMs: turn.requestTimeoutMs,
        signal: turn.signal,
        onText: (text) => deltas.push(text),
        // A retried model call can wait a minute; the watcher is told why nothing happens.
        onRetry: (retry) => turn.emit({ name: "error", data: retryNotice(retry) }),
      });
    } catch (error) {
      // The provider's own error object (APICallError, RetryError, …): described and redacted by the caller.
      turn.signal.throwIfAborted();
      throw error;
    } finally {
      deltas.flush();
    }
    turn.signal.throwIfAborted();
    if (result.text !== "")
      turn.emit({ name: "message.end", data: { message_id: messageId, text: result.text } });
    await turn.conversation.append(turn.turnId, result.messages);
    await turn.recordUsage(result.inputTokens, result.outputTokens);
    if (result.toolCalls === 0) return;
    await runPendingToolCalls(turn, toolsByName);
  }
  throw new HangarError(
    "AGENT_STEP_LIMIT",
    `step limit reached: the model made ${turn.maxSteps} calls in this turn without finishing`,
  );
}

/**
 * `MODEL_RETRY`: the error event's "the session goes on" case, with the wait. Only the
 * status and code are said: the provider's message may echo the API key, and this
 * event is not redacted the way a turn's failure is.
 */
function retryNotice(retry: ModelRetry): { code: string; message: string } {
  const described = describeModelError(retry.error);
  const what =
    described.status === undefined
      ? `the model call failed (${described.code})`
      : `the model answered ${described.status} (${described.code})`;
  const seconds = Math.max(1, Math.round(retry.delayMs / 1000));
  return {
    code: "MODEL_RETRY",
    message: `${what}; retrying in ${seconds} s (retry ${retry.attempt} of ${retry.maxRetries})`,
  };
}

async function runPendingToolCalls(turn: AgentTurn, toolsByName: Map<string, AgentTool>): Promise<void> {
  for (const call of turn.conversation.pendingToolCalls()) {
    turn.signal.throwIfAborted();
    const startedAt = performance.now();
    turn.emit({
      name: "tool.start",
      data: { tool_call_id: call.toolCallId, tool: call.toolName, input: call.input },
    });
    const output = new ToolOutputStream((event) => turn.emit(event), call.toolCallId);
    let result: ToolResult;
    try {
      result = await runToolCall(turn, toolsByName, call, output.emitOutput);
    } finally {
      output.flush();
    }
    turn.signal.throwIfAborted();
    turn.emit({
      name: "tool.end",
      data: {
        tool_call_id: call.toolCallId,
        tool: call.toolName,
        is_error: result.isError,
        output: result.output,
        duration_ms: Math.round(performance.now() - startedAt),
      },
    });
    await turn.conversation.append(turn.turnId, [
      {
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: call.toolCallId,
            toolName: call.toolName,
            output: { type: result.isError ? "error-text" : "text", value: result.output },
          },
        ],
      },
    ]);
  }
}

async function runToolCall(
  turn: AgentTurn,
  toolsByName: Map<string, AgentTool>,
  call: PendingToolCall,
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

  constructor(emit: AgentTurn["emit"], toolCallId: string) {
    const bufferFor = (stream: "stdout" | "stderr") =>
      new DeltaBuffer((text) =>
        emit({ name: "tool.delta", data: { tool_call_id: toolCallId, stream, text } }),
      );
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
