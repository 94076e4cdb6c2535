import type { ModelMessage } from "ai";
import { pendingToolCalls, runAgentTurn } from "../agents/builtin/agent-loop.js";
import type {
  AgentTool,
  RunCodeRequest,
  RunCodeResult,
  ToolContext,
} from "../agents/builtin/tools/agent-tool.js";
import { HangarError, errorMessage, isHangarError } from "../core/errors.js";
import type { ModelRegistry } from "../llm/model-registry.js";
import { describeModelError } from "../llm/model-errors.js";
import type { Sandbox } from "../sandbox/sandbox-port.js";
import type { SandboxService } from "../managed-sandboxes/sandbox-service.js";
import type { AgentSessionRecord, AgentSessionRepository } from "../store/agent-session-repository.js";
import type { SessionTurnRecord } from "../store/session-turn-repository.js";
import type { InteractionBroker } from "./interaction-broker.js";
import type { EmitSessionEvent } from "./session-events-emitter.js";
import { TurnStop, turnStopOf } from "./turn-stop.js";

/**
 * Runs one turn of a session: makes sure its sandbox is there, drives the
 * agent loop inside the watchdog's limits, and says how the turn ended.
 */
export interface TurnRunnerOptions {
  sessions: AgentSessionRepository;
  sandboxes: SandboxService;
  models: ModelRegistry;
  interactions: InteractionBroker;
  emit: EmitSessionEvent;
  tools: readonly AgentTool[];
  runCode(sandbox: Sandbox): (request: RunCodeRequest, signal: AbortSignal) => Promise<RunCodeResult>;
  setStatus(sessionId: string, status: "starting" | "running", reason?: string): void;
  /** Milliseconds since the session's last event; the stuck-turn check reads it. */
  idleMilliseconds(sessionId: string): number;
  isWaiting(sessionId: string): boolean;
  limits: {
    turnTimeoutMs: number;
    stuckTurnMs: number;
    maxSteps: number;
    tokenBudget: number;
    contextBudgetTokens: number;
    maxRetries: number;
    requestTimeoutMs: number;
    commandTimeoutMs: number;
    maxToolOutputChars: number;
  };
  redact(text: string): string;
}

export type TurnOutcome = { outcome: "completed" | "failed" | "cancelled"; reason?: string };

export async function runTurn(
  options: TurnRunnerOptions,
  session: AgentSessionRecord,
  turn: SessionTurnRecord,
  controller: AbortController,
): Promise<TurnOutcome> {
  const { signal } = controller;
  const timeout = setTimeout(
    () =>
      controller.abort(
        new TurnStop("failed", `time limit of ${options.limits.turnTimeoutMs / 1000} s reached`),
      ),
    options.limits.turnTimeoutMs,
  );
  const stuckCheck = setInterval(
    () => {
      if (options.isWaiting(session.id)) return;
      if (options.idleMilliseconds(session.id) < options.limits.stuckTurnMs) return;
      controller.abort(
        new TurnStop("failed", `stuck: no progress for ${options.limits.stuckTurnMs / 1000} s`),
      );
    },
    Math.min(5000, options.limits.stuckTurnMs / 2),
  );
  timeout.unref();
  stuckCheck.unref();
  try {
    const resolved = options.models.resolve(turn.model ?? session.model);
    const sandbox = await openSandbox(options, session, signal);
    options.setStatus(session.id, "running");
    await runAgentTurn({
      turnId: turn.id,
      model: resolved.model,
      conversation: [...(session.messages as ModelMessage[])],
      saveConversation: (conversation) => options.sessions.saveMessages(session.id, [...conversation]),
      emit: (name, data) => options.emit(session.id, name, data),
      tools: options.tools,
      toolContext: (emitOutput, toolSignal): ToolContext => ({
        sandbox,
        signal: toolSignal,
        emitOutput,
        runCode: options.runCode(sandbox),
        commandTimeoutMs: options.limits.commandTimeoutMs,
        maxOutputChars: options.limits.maxToolOutputChars,
      }),
      approval: session.approval,
      interactions: {
        requestPermission: async (request, interactionSignal) => {
          const resolution = await options.interactions.request(
            {
              sessionId: session.id,
              turnId: turn.id,
              kind: "permission",
              toolCallId: request.toolCallId,
              payload: { tool: request.tool, input: request.input, summary: request.summary },
            },
            interactionSignal,
          );
          return resolution.outcome === "approved";
        },
        askUser: async (request, interactionSignal) => {
          const resolution = await options.interactions.request(
            {
              sessionId: session.id,
              turnId: turn.id,
              kind: "question",
              toolCallId: request.toolCallId,
              payload: {
                question: request.question,
                ...(request.choices ? { choices: request.choices } : {}),
              },
            },
            interactionSignal,
          );
          return resolution.outcome === "answered" ? resolution.answer : undefined;
        },
      },
      recordUsage: (inputTokens, outputTokens) => {
        const totals = options.sessions.addUsage(session.id, inputTokens, outputTokens);
        options.emit(session.id, "usage", {
          input_tokens: inputTokens,
          output_tokens: outputTokens,
          session_input_tokens: totals.inputTokens,
          session_output_tokens: totals.outputTokens,
        });
        const spent = totals.inputTokens + totals.outputTokens;
        if (spent > options.limits.tokenBudget) {
          throw new HangarError(
            "QUOTA_EXCEEDED",
            `token budget spent: ${spent} of ${options.limits.tokenBudget} tokens used by this session`,
          );
        }
      },
      maxSteps: options.limits.maxSteps,
      contextBudgetTokens: options.limits.contextBudgetTokens,
      maxRetries: options.limits.maxRetries,
      requestTimeoutMs: options.limits.requestTimeoutMs,
      signal,
    });
    return { outcome: "completed" };
  } catch (error) {
    const stop = turnStopOf(signal);
    if (stop?.outcome === "interrupted") throw stop;
    const ended: TurnOutcome =
      stop !== undefined
        ? { outcome: stop.outcome, reason: stop.message }
        : { outcome: "failed", reason: reportFailure(options, session.id, error) };
    closePendingToolCalls(options.sessions, session.id, ended.reason ?? ended.outcome);
    return ended;
  } finally {
    clearTimeout(timeout);
    clearInterval(stuckCheck);
  }
}

/** The project's sandbox: the one the session used, or the (owner, user, project) one, ensured. */
async function openSandbox(
  options: TurnRunnerOptions,
  session: AgentSessionRecord,
  signal: AbortSignal,
): Promise<Sandbox> {
  options.setStatus(session.id, "starting");
  const { sandbox: managed, created } = await options.sandboxes.ensure(session.owner, {
    userId: session.userId ?? "default",
    projectId: session.projectId,
  });
  signal.throwIfAborted();
  if (session.sandboxId !== managed.id) {
    options.sessions.setSandbox(session.id, managed.id);
    if (session.sandboxId !== null && created) {
      options.emit(session.id, "session.status", {
        status: "starting",
        reason: `the session's sandbox ${session.sandboxId} is gone; continuing in ${managed.id}`,
      });
    }
  }
  return options.sandboxes.open(session.owner, managed.id);
}

function reportFailure(options: TurnRunnerOptions, sessionId: string, error: unknown): string {
  const described = describeFailure(error, (text) => options.redact(text));
  options.emit(sessionId, "error", described);
  return described.message;
}

/**
 * A turn that ends early leaves its last tool calls unanswered; they get a
 * result saying why, so the next turn neither re-runs them nor sends the model
 * a conversation it rejects (a tool call without a result).
 */
function closePendingToolCalls(sessions: AgentSessionRepository, sessionId: string, reason: string): void {
  const conversation = (sessions.get(sessionId)?.messages ?? []) as ModelMessage[];
  const pending = pendingToolCalls(conversation);
  if (pending.length === 0) return;
  for (const call of pending) {
    conversation.push({
      role: "tool",
      content: [
        {
          type: "tool-result",
          toolCallId: call.toolCallId,
          toolName: call.toolName,
          output: { type: "error-text", value: `The tool call did not finish: the turn ended (${reason}).` },
        },
      ],
    });
  }
  sessions.saveMessages(sessionId, conversation);
}

function describeFailure(
  error: unknown,
  redact: (text: string) => string,
): { code: string; message: string } {
  if (isHangarError(error)) return { code: error.code, message: redact(error.message) };
  const described = describeModelError(error);
  if (described !== undefined) return { code: described.code, message: redact(described.message) };
  return { code: "INTERNAL", message: redact(errorMessage(error)) };
}
