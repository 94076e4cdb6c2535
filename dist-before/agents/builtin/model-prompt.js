import { HangarError } from "../../core/errors.js";
/**
 * The conversation in the provider's prompt format, as the AI SDK's
 * `convertToLanguageModelPrompt` builds it, without its per-call validation of
 * every message: each message is converted once and the result kept for as
 * long as the message object lives, so a step costs the same at message 10 and
 * message 500. The messages are the conversation's own (written by the loop or
 * by the SDK before it), so they are trusted.
 */
const converted = new WeakMap();
export function providerPrompt(system, messages) {
    const prompt = [{ role: "system", content: system }];
    for (const message of messages) {
        let providerMessage = converted.get(message);
        if (providerMessage === undefined) {
            providerMessage = convertMessage(message);
            converted.set(message, providerMessage);
        }
        const previous = prompt.at(-1);
        // Results of one step are stored one message per call; providers want them as one.
        if (providerMessage.role === "tool" && previous?.role === "tool") {
            prompt[prompt.length - 1] = {
                ...providerMessage,
                content: [...previous.content, ...providerMessage.content],
            };
        }
        else {
            prompt.push(providerMessage);
        }
    }
    return prompt.filter((message) => message.role !== "tool" || message.content.length > 0);
}
function convertMessage(message) {
    switch (message.role) {
        case "system":
            return { role: "system", content: message.content, providerOptions: message.providerOptions };
        case "user":
            return convertUser(message);
        case "assistant":
            return convertAssistant(message);
        case "tool":
            return convertTool(message);
    }
}
function convertUser(message) {
    const content = typeof message.content === "string"
        ? [{ type: "text", text: message.content }]
        : message.content.map((part) => {
            // The built-in agent's prompts are text; files would need the SDK's downloads.
            if (part.type !== "text") {
                throw new HangarError("AGENT_FAILED", `the built-in agent sends text prompts only, not ${part.type}`);
            }
            return { type: "text", text: part.text, providerOptions: part.providerOptions };
        });
    return {
        role: "user",
        content: content.filter((part) => part.text !== ""),
        providerOptions: message.providerOptions,
    };
}
function convertAssistant(message) {
    if (typeof message.content === "string") {
        return {
            role: "assistant",
            content: [{ type: "text", text: message.content }],
            providerOptions: message.providerOptions,
        };
    }
    const content = [];
    for (const part of message.content) {
        if (part.type === "tool-approval-request")
            continue;
        const providerOptions = part.providerOptions;
        switch (part.type) {
            case "text":
                // An empty text part is dropped unless it carries provider data.
                if (part.text !== "" || providerOptions !== undefined) {
                    content.push({ type: "text", text: part.text, providerOptions });
                }
                break;
            case "reasoning":
                content.push({ type: "reasoning", text: part.text, providerOptions });
                break;
            case "tool-call":
                content.push({
                    type: "tool-call",
                    toolCallId: part.toolCallId,
                    toolName: part.toolName,
                    input: part.input,
                    providerExecuted: part.providerExecuted,
                    providerOptions,
                });
                break;
            case "tool-result":
                content.push(convertToolResult(part));
                break;
            case "file":
                if (typeof part.data !== "string" && !(part.data instanceof Uint8Array)) {
                    throw new HangarError("AGENT_FAILED", "an assistant file part must hold base64 text or bytes");
                }
                content.push({
                    type: "file",
                    data: part.data,
                    mediaType: part.mediaType,
                    filename: part.filename,
                    providerOptions,
                });
                break;
        }
    }
    return { role: "assistant", content, providerOptions: message.providerOptions };
}
function convertTool(message) {
    const content = [];
    for (const part of message.content) {
        if (part.type === "tool-result")
            content.push(convertToolResult(part));
        else if (part.providerExecuted === true) {
            content.push({
                type: "tool-approval-response",
                approvalId: part.approvalId,
                approved: part.approved,
                reason: part.reason,
            });
        }
    }
    return { role: "tool", content, providerOptions: message.providerOptions };
}
function convertToolResult(part) {
    return {
        type: "tool-result",
        toolCallId: part.toolCallId,
        toolName: part.toolName,
        output: convertOutput(part.output),
        providerOptions: part.providerOptions,
    };
}
/** As the SDK maps it, without downloading URLs (the loop's results are text). */
function convertOutput(output) {
    if (output.type !== "content")
        return output;
    return {
        type: "content",
        value: output.value.map((item) => {
            if (item.type !== "media")
                return item;
            return item.mediaType.startsWith("image/")
                ? { type: "image-data", data: item.data, mediaType: item.mediaType }
                : { type: "file-data", data: item.data, mediaType: item.mediaType };
        }),
    };
}
//# sourceMappingURL=model-prompt.js.map