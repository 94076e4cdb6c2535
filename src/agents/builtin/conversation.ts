import type { ModelMessage } from "ai";
import type { SessionMessageRepository } from "../session-message-repository.js";
import { charactersPerToken, fitContextWindow } from "./context-window.js";

export interface PendingToolCall {
  toolCallId: string;
  toolName: string;
  input: unknown;
}

/**
 * The built-in agent's conversation: AI SDK messages in memory, each one also
 * appended to the store (store first, so memory never holds what a restart
 * would lose). Everything a model step needs is kept incrementally — the size
 * for the context budget; the provider prompt is converted once per message
 * (`model-prompt.ts`) — so a step costs the same at message 10 and message 500.
 */
export class Conversation {
  readonly #messages: ModelMessage[] = [];
  /** The JSON length of all messages, for the token estimate. */
  #characters = 0;
  #lastTurnId: string | null = null;
  /** Model steps (assistant messages) stored for the last turn: a resumed turn numbers on from them. */
  #lastTurnSteps = 0;

  constructor(
    readonly sessionId: string,
    private readonly store: SessionMessageRepository,
  ) {}

  /** The conversation as stored (written by the loop, so trusted as it is). */
  static async load(sessionId: string, store: SessionMessageRepository): Promise<Conversation> {
    const conversation = new Conversation(sessionId, store);
    for (const stored of await store.list(sessionId)) {
      conversation.#remember(stored.message as ModelMessage, stored.turnId);
    }
    return conversation;
  }

  get messages(): readonly ModelMessage[] {
    return this.#messages;
  }

  /** Whether the last stored message belongs to this turn: the turn started before (a restart). */
  isContinuing(turnId: string): boolean {
    return this.#lastTurnId === turnId;
  }

  /** How many model steps of this turn are stored already (0 for a turn that has not started). */
  stepsTaken(turnId: string): number {
    return this.#lastTurnId === turnId ? this.#lastTurnSteps : 0;
  }

  async append(turnId: string, messages: readonly ModelMessage[]): Promise<void> {
    await this.store.append(this.sessionId, turnId, messages);
    for (const message of messages) this.#remember(message, turnId);
  }

  /** What is sent to the model: the whole conversation, or old tool output trimmed to fit the budget. */
  fitted(budgetTokens: number): ModelMessage[] {
    // The estimate of the whole array's JSON: the messages, their commas and the brackets.
    const characters = this.#characters + this.#messages.length + 1;
    if (Math.ceil(characters / charactersPerToken) <= budgetTokens) return [...this.#messages];
    return fitContextWindow(this.#messages, budgetTokens);
  }

  /** Tool calls of the last assistant message that have no result yet. */
  pendingToolCalls(): PendingToolCall[] {
    return pendingToolCalls(this.#messages);
  }

  #remember(message: ModelMessage, turnId: string | null): void {
    this.#messages.push(message);
    this.#characters += JSON.stringify(message).length;
    if (turnId !== this.#lastTurnId) {
      this.#lastTurnId = turnId;
      this.#lastTurnSteps = 0;
    }
    if (message.role === "assistant") this.#lastTurnSteps += 1;
  }
}

export function pendingToolCalls(conversation: readonly ModelMessage[]): PendingToolCall[] {
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
    .map((part) => part as PendingToolCall);
}
