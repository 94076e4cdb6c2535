import { HangarError } from "../../core/errors.js";
import { decideApproval } from "./approval-policy.js";
import { DeltaBuffer } from "./delta-buffer.js";
import { providerPrompt } from "./model-prompt.js";
import { describeModelError } from "../../llm/model-errors.js";
import { runModelStep } from "./model-step.js";
import { modelToolSet } from "./model-tool-set.js";
import { streamingModel } from "./provider-model.js";
import { systemPrompt } from "./system-prompt.js";
/** Streamed tool output beyond this is not sent as events (the model still gets its truncated result). */
const maxStreamedToolOutputChars = 256 * 1024;
export async function runAgentTurn(turn) {
    const model = streamingModel(turn.model);
    const toolsByName = new Map(turn.tools.map((candidate) => [candidate.name, candidate]));
    const tools = await modelToolSet(turn.tools);
    // A turn resumed after a restart may stop between a model step and its tool results.
    await runPendingToolCalls(turn, toolsByName);
    for (let step = 1; step <= turn.maxSteps; step++) {
        turn.signal.throwIfAborted();
        const messageId = `${turn.turnId}.${step}`;
        const deltas = new DeltaBuffer((piece) => turn.emit({ name: "message.delta", data: { message_id: messageId, text: piece } }));
        let result;
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
        }
        catch (error) {
            // The provider's own error object (APICallError, RetryError, …): described and redacted by the caller.
            turn.signal.throwIfAborted();
            throw error;
        }
        finally {
            deltas.flush();
        }
        turn.signal.throwIfAborted();
        if (result.text !== "")
            turn.emit({ name: "message.end", data: { message_id: messageId, text: result.text } });
        await turn.conversation.append(turn.turnId, result.messages);
        await turn.recordUsage(result.inputTokens, result.outputTokens);
        if (result.toolCalls === 0)
            return;
        await runPendingToolCalls(turn, toolsByName);
    }
    throw new HangarError("AGENT_STEP_LIMIT", `step limit reached: the model made ${turn.maxSteps} calls in this turn without finishing`);
}
/**
 * `MODEL_RETRY`: the error event's "the session goes on" case, with the wait. Only the
 * status and code are said: the provider's message may echo the API key, and this
 * event is not redacted the way a turn's failure is.
 */
function retryNotice(retry) {
    const described = describeModelError(retry.error);
    const what = described.status === undefined
        ? `the model call failed (${described.code})`
        : `the model answered ${described.status} (${described.code})`;
    const seconds = Math.max(1, Math.round(retry.delayMs / 1000));
    return {
        code: "MODEL_RETRY",
        message: `${what}; retrying in ${seconds} s (retry ${retry.attempt} of ${retry.maxRetries})`,
    };
}
async function runPendingToolCalls(turn, toolsByName) {
    for (const call of turn.conversation.pendingToolCalls()) {
        turn.signal.throwIfAborted();
        const startedAt = performance.now();
        turn.emit({
            name: "tool.start",
            data: { tool_call_id: call.toolCallId, tool: call.toolName, input: call.input },
        });
        const output = new ToolOutputStream((event) => turn.emit(event), call.toolCallId);
        let result;
        try {
            result = await runToolCall(turn, toolsByName, call, output.emitOutput);
        }
        finally {
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
async function runToolCall(turn, toolsByName, call, emitOutput) {
    const selected = toolsByName.get(call.toolName);
    if (selected === undefined) {
        const names = [...toolsByName.keys()].join(", ");
        return { isError: true, output: `There is no tool named "${call.toolName}". Available tools: ${names}.` };
    }
    const parsed = selected.inputSchema.safeParse(call.input);
    if (!parsed.success) {
        const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "input"}: ${issue.message}`);
        return { isError: true, output: `Invalid input for ${selected.name}: ${problems.join("; ")}` };
    }
    const input = parsed.data;
    const kind = selected.kind(input);
    if (kind === "ask") {
        const { question, choices } = input;
        const answer = await turn.interactions.askUser({ toolCallId: call.toolCallId, question, ...(choices ? { choices } : {}) }, turn.signal);
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
        const isApproved = await turn.interactions.requestPermission({ toolCallId: call.toolCallId, tool: selected.name, input, summary: selected.summarize(input) }, turn.signal);
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
    #buffers;
    constructor(emit, toolCallId) {
        const bufferFor = (stream) => new DeltaBuffer((text) => emit({ name: "tool.delta", data: { tool_call_id: toolCallId, stream, text } }));
        this.#buffers = { stdout: bufferFor("stdout"), stderr: bufferFor("stderr") };
    }
    emitOutput = (stream, text) => {
        if (this.#streamed >= maxStreamedToolOutputChars)
            return;
        const piece = text.slice(0, maxStreamedToolOutputChars - this.#streamed);
        this.#streamed += piece.length;
        this.#buffers[stream].push(piece);
    };
    flush() {
        this.#buffers.stdout.flush();
        this.#buffers.stderr.flush();
    }
}
//# sourceMappingURL=agent-loop.js.map