import { charactersPerToken, fitContextWindow } from "./context-window.js";
/**
 * The built-in agent's conversation: AI SDK messages in memory, each one also
 * appended to the store (store first, so memory never holds what a restart
 * would lose). Everything a model step needs is kept incrementally — the size
 * for the context budget; the provider prompt is converted once per message
 * (`model-prompt.ts`) — so a step costs the same at message 10 and message 500.
 */
export class Conversation {
    sessionId;
    store;
    #messages = [];
    /** The JSON length of all messages, for the token estimate. */
    #characters = 0;
    #lastTurnId = null;
    constructor(sessionId, store) {
        this.sessionId = sessionId;
        this.store = store;
    }
    /** The conversation as stored (written by the loop, so trusted as it is). */
    static async load(sessionId, store) {
        const conversation = new Conversation(sessionId, store);
        for (const stored of await store.list(sessionId)) {
            conversation.#remember(stored.message);
            conversation.#lastTurnId = stored.turnId;
        }
        return conversation;
    }
    get messages() {
        return this.#messages;
    }
    /** Whether the last stored message belongs to this turn: the turn started before (a restart). */
    isContinuing(turnId) {
        return this.#lastTurnId === turnId;
    }
    async append(turnId, messages) {
        await this.store.append(this.sessionId, turnId, messages);
        for (const message of messages)
            this.#remember(message);
        if (messages.length > 0)
            this.#lastTurnId = turnId;
    }
    /** What is sent to the model: the whole conversation, or old tool output trimmed to fit the budget. */
    fitted(budgetTokens) {
        // The estimate of the whole array's JSON: the messages, their commas and the brackets.
        const characters = this.#characters + this.#messages.length + 1;
        if (Math.ceil(characters / charactersPerToken) <= budgetTokens)
            return [...this.#messages];
        return fitContextWindow(this.#messages, budgetTokens);
    }
    /** Tool calls of the last assistant message that have no result yet. */
    pendingToolCalls() {
        return pendingToolCalls(this.#messages);
    }
    #remember(message) {
        this.#messages.push(message);
        this.#characters += JSON.stringify(message).length;
    }
}
export function pendingToolCalls(conversation) {
    const lastAssistant = conversation.findLastIndex((message) => message.role === "assistant");
    const assistant = conversation[lastAssistant];
    if (assistant?.role !== "assistant" || typeof assistant.content === "string")
        return [];
    const answered = new Set();
    for (const message of conversation.slice(lastAssistant + 1)) {
        if (message.role !== "tool")
            continue;
        for (const part of message.content)
            if (part.type === "tool-result")
                answered.add(part.toolCallId);
    }
    return assistant.content
        .filter((part) => part.type === "tool-call" && !answered.has(part.toolCallId))
        .map((part) => part);
}
//# sourceMappingURL=conversation.js.map