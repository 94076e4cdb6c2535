import { runAgentTurn } from "./agent-loop.js";
import { Conversation } from "./conversation.js";
export function builtinAgentDriver(options) {
    const kept = new Map();
    const capacity = options.keptConversations ?? 16;
    const keep = (conversation) => {
        kept.delete(conversation.sessionId);
        kept.set(conversation.sessionId, conversation);
        // A Map iterates in insertion order: the first key is the least recently kept.
        for (const sessionId of kept.keys()) {
            if (kept.size <= capacity)
                break;
            kept.delete(sessionId);
        }
    };
    return async (context) => {
        // Taken out while a driver holds it: only one driver of a session runs at a time.
        const conversation = kept.get(context.sessionId) ?? (await Conversation.load(context.sessionId, options.messages));
        kept.delete(context.sessionId);
        return new BuiltinAgentDriver(options, context, conversation, keep);
    };
}
class BuiltinAgentDriver {
    options;
    context;
    conversation;
    keep;
    #turnId;
    constructor(options, context, conversation, keep) {
        this.options = options;
        this.context = context;
        this.conversation = conversation;
        this.keep = keep;
    }
    async prompt(prompt, signal) {
        this.#turnId = prompt.turnId;
        const { options, context, conversation } = this;
        const model = options.resolveModel(prompt.model);
        // After a restart the turn's prompt (and maybe some steps) are already stored.
        if (!conversation.isContinuing(prompt.turnId)) {
            await conversation.append(prompt.turnId, [{ role: "user", content: prompt.text }]);
        }
        await runAgentTurn({
            turnId: prompt.turnId,
            model,
            conversation,
            emit: (event) => context.emit(event),
            tools: options.tools,
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
    async abandon(reason) {
        const pending = this.conversation.pendingToolCalls();
        if (pending.length === 0 || this.#turnId === undefined)
            return;
        const results = pending.map((call) => ({
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
    async close() {
        this.keep(this.conversation);
    }
}
//# sourceMappingURL=builtin-driver.js.map