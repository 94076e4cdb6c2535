/**
 * Keeps what is sent to the model within a token budget. Old tool output goes
 * first: it is cut to its head with a note saying so (the model can run the
 * tool again), never dropped silently. The stored conversation is untouched;
 * only the copy sent to the model is trimmed.
 */
export const charactersPerToken = 4;
/** Tool results of the most recent messages are kept whole. */
const recentMessagesKept = 6;
export function estimateTokens(messages) {
    return Math.ceil(JSON.stringify(messages).length / charactersPerToken);
}
export function fitContextWindow(messages, budgetTokens) {
    if (estimateTokens(messages) <= budgetTokens)
        return [...messages];
    const fitted = [...messages];
    const oldEnd = Math.max(0, fitted.length - recentMessagesKept);
    // Two passes: first cut old output to a short head, then to a bare note.
    for (const keep of [400, 0]) {
        for (let index = 0; index < oldEnd; index++) {
            const message = fitted[index];
            if (message?.role !== "tool")
                continue;
            fitted[index] = { ...message, content: message.content.map((part) => trimToolPart(part, keep)) };
            if (estimateTokens(fitted) <= budgetTokens)
                return fitted;
        }
    }
    return fitted;
}
function trimToolPart(part, keep) {
    if (part.type !== "tool-result")
        return part;
    const output = part.output;
    if (output.type !== "text" && output.type !== "error-text")
        return part;
    if (output.value.length <= keep + 200)
        return part;
    const note = `[older output of ${part.toolName} trimmed to save context: ${output.value.length} characters; run the tool again if you need it]`;
    const value = keep === 0 ? note : `${output.value.slice(0, keep)}\n${note}`;
    return { ...part, output: { ...output, value } };
}
//# sourceMappingURL=context-window.js.map