import { convertArrayToReadableStream, MockLanguageModelV3 } from "ai/test";
export function scriptedModel(...initial) {
    const replies = [...initial];
    let callCount = 0;
    const model = new MockLanguageModelV3({
        doStream: async () => {
            callCount += 1;
            const reply = replies.shift();
            if (reply === undefined)
                throw new Error(`the script has no reply for model call ${callCount}`);
            if (reply.error !== undefined)
                throw reply.error;
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
function streamParts(reply, call) {
    const parts = [{ type: "stream-start", warnings: [] }];
    if (reply.text !== undefined) {
        const id = `text-${call}`;
        // Two pieces, so a test sees deltas being coalesced.
        const middle = Math.ceil(reply.text.length / 2);
        parts.push({ type: "text-start", id }, { type: "text-delta", id, delta: reply.text.slice(0, middle) }, { type: "text-delta", id, delta: reply.text.slice(middle) }, { type: "text-end", id });
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
//# sourceMappingURL=scripted-model-test-support.js.map