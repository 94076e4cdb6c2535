import type { LanguageModel, ModelMessage } from "ai";
import type { Sandbox } from "../../sandbox/sandbox-port.js";
import type { SessionMessageRepository } from "../session-message-repository.js";
import type { AgentDriver, AgentDriverContext, AgentPrompt, StartAgentDriver } from "../agent-driver.js";
import { runAgentTurn } from "./agent-loop.js";
import { Conversation } from "./conversation.js";
import type { AgentTool, RunCodeRequest, RunCodeResult } from "./tools/agent-tool.js";

/**
 * Hangar's own agent behind the driver port: the loop of
 * `agent-loop.ts` over a conversation appended to the store message by
 * message. A session's conversation stays in memory for a while after its
 * driver closes (the next prompt usually follows soon), so it is neither read
 * back nor converted for the provider again.
 */
export interface BuiltinDriverOptions {
  messages: SessionMessageRepository;
  /** `provider:model` → an AI SDK model; throws UNKNOWN_MODEL or MISSING_API_KEY. */
  resolveModel(name: string): LanguageModel;
  tools: readonly AgentTool[];
  runCode(sandbox: Sandbox): (request: RunCodeRequest, signal: AbortSignal) => Promise<RunCodeResult>;
  limits: {
    maxSteps: number;
    contextBudgetTokens: number;
    maxRetries: number;
    requestTimeoutMs: number;
    commandTimeoutMs: number;
    maxToolOutputChars: number;
  };
  /**
   * Tools of this session beyond `tools` (its MCP servers' tools, `http_request` with its
   * grants), made when a turn starts and released when the driver closes (the turn ends,
   * is cancelled, or Hangar stops), so nothing they hold outlives the turn.
   */
  sessionTools?: (context: AgentDriverContext, signal: AbortSignal) => Promise<SessionTools>;
  /** Conversations of idle sessions kept in memory; default 16. */
  keptConversations?: number;
}

export interface SessionTools {
  tools: AgentTool[];
  /** What could not be made (a server that did not start), said in the session's log. */
  problems: string[];
  close(): Promise<void>;
}

export function builtinAgentDriver(options: BuiltinDriverOptions): StartAgentDriver {
  const kept = new Map<string, Conversation>();
  const capacity = options.keptConversations ?? 16;
  const keep = (conversation: Conversation): void => {
    kept.delete(conversation.sessionId);
    kept.set(conversation.sessionId, conversation);
    // A Map iterates in insertion order: the first key is the least recently kept.
    for (const sessionId of kept.keys()) {
      if (kept.size <= capacity) break;
      kept.delete(sessionId);
    }
  };
  return async (context) => {
    // Taken out while a driver holds it: only one driver of a session runs at a time.
    const conversation =
      kept.get(context.sessionId) ?? (await Conversation.load(context.sessionId, options.messages));
    kept.delete(context.sessionId);
    return new BuiltinAgentDriver(options, context, conversation, keep);
  };
}

class BuiltinAgentDriver implements AgentDriver {
  #turnId: string | undefined;
  #sessionTools: SessionTools | undefined;
  /** The same array every prompt of this driver: the provider's tool list is cached per array. */
  #tools: readonly AgentTool[] | undefined;

  constructor(
    private readonly options: BuiltinDriverOptions,
    private readonly context: AgentDriverContext,
    private readonly conversation: Conversation,
    private readonly keep: (conversation: Conversation) => void,
  ) {}

  async prompt(prompt: AgentPrompt, signal: AbortSignal): Promise<void> {
    this.#turnId = prompt.turnId;
    const { options, context, conversation } = this;
    const model = options.resolveModel(prompt.model);
    const tools = await this.#toolsFor(signal);
    // After a restart the turn's prompt (and maybe some steps) are already stored.
    if (!conversation.isContinuing(prompt.turnId)) {
      await conversation.append(prompt.turnId, [{ role: "user", content: prompt.text }]);
    }
    await runAgentTurn({
      turnId: prompt.turnId,
      model,
      conversation,
      emit: (event) => context.emit(event),
      tools,
      toolContext: (emitOutput, toolSignal) => ({
        sandbox: context.sandbox,
        signal: toolSignal,
        emitOutput,
        runCode: options.runCode(context.sandbox),
        commandTimeoutMs: options.limits.commandTimeoutMs,
        maxOutputChars: options.limits.maxToolOutputChars,
      }),
      approval: prompt.approval,
      interactions: context.interactions,
      recordUsage: (inputTokens, outputTokens) => context.recordUsage(inputTokens, outputTokens),
      maxSteps: options.limits.maxSteps,
      contextBudgetTokens: options.limits.contextBudgetTokens,
      maxRetries: options.limits.maxRetries,
      requestTimeoutMs: options.limits.requestTimeoutMs,
      signal,
    });
  }

  /**
   * A turn that ends early leaves its last tool calls unanswered; they get a
   * result saying why, so the next turn neither re-runs them nor sends the model
   * a conversation it rejects (a tool call without a result).
   */
  async abandon(reason: string): Promise<void> {
    const pending = this.conversation.pendingToolCalls();
    if (pending.length === 0 || this.#turnId === undefined) return;
    const results: ModelMessage[] = pending.map((call) => ({
      role: "tool",
      content: [
        {
          type: "tool-result",
          toolCallId: call.toolCallId,
          toolName: call.toolName,
          output: { type: "error-text", value: `The tool call did not finish: the turn ended (${reason}).` },
        },
      ],
    }));
    await this.conversation.append(this.#turnId, results);
  }

  /** Memory never holds a message the store refused (store first), so the conversation can be kept. */
  async close(): Promise<void> {
    this.keep(this.conversation);
    const sessionTools = this.#sessionTools;
    this.#sessionTools = undefined;
    this.#tools = undefined;
    await sessionTools?.close();
  }

  async #toolsFor(signal: AbortSignal): Promise<readonly AgentTool[]> {
    if (this.#tools !== undefined) return this.#tools;
    const { options, context } = this;
    if (options.sessionTools === undefined) return (this.#tools = options.tools);
    const made = await options.sessionTools(context, signal);
    this.#sessionTools = made;
    for (const problem of made.problems) {
      context.emit({ name: "error", data: { code: "SESSION_TOOL_UNAVAILABLE", message: problem } });
    }
    return (this.#tools = [...options.tools, ...made.tools]);
  }
}
