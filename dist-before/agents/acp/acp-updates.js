const planPriorities = new Set(["high", "medium", "low"]);
const planStatuses = new Set(["pending", "in_progress", "completed"]);
/** The most of a tool's output kept in `tool.end` (front ends show it; the agent keeps the whole). */
const maxToolOutputCharacters = 64 * 1024;
export class AcpUpdateTranslator {
    #newMessageId;
    #now;
    #message;
    #toolCalls = new Map();
    constructor(options) {
        this.#newMessageId = options.newMessageId;
        this.#now = options.now ?? Date.now;
    }
    /** The events of one `session/update` (its params as JSON). Unknown kinds give none. */
    translate(notification) {
        const update = notification?.update;
        switch (update?.sessionUpdate) {
            case "agent_message_chunk":
                return this.#chunk("message", textOf(update.content));
            case "agent_thought_chunk":
                return this.#chunk("reasoning", textOf(update.content));
            case "tool_call":
                return [...this.#endMessage(), ...this.#toolCall(update)];
            case "tool_call_update":
                return [...this.#endMessage(), ...this.#toolCallUpdate(update)];
            case "plan":
                return [...this.#endMessage(), { name: "plan.update", data: { entries: planOf(update.entries) } }];
            default:
                // user_message_chunk (a loaded session replaying history), commands, modes, usage:
                // usage is read from the model relay, which sees every request.
                return [];
        }
    }
    /**
     * A permission request names its tool call, which some agents (Gemini CLI) announce only
     * there: start it if unseen, so `tool.start` comes before `permission.requested`.
     */
    announce(toolCall) {
        const call = toolCall;
        if (typeof call?.toolCallId !== "string" || this.#toolCalls.has(call.toolCallId))
            return [];
        const { content: _content, status: _status, ...start } = call;
        return [...this.#endMessage(), ...this.translate({ update: { ...start, sessionUpdate: "tool_call" } })];
    }
    /** The prompt ended: close the message being streamed and any tool call the agent left open. */
    finish(reason) {
        const events = this.#endMessage();
        for (const [toolCallId, open] of this.#toolCalls) {
            events.push(this.#toolEnd(toolCallId, open, true, open.text === "" ? reason : open.text));
        }
        this.#toolCalls.clear();
        return events;
    }
    #chunk(kind, text) {
        if (text === "")
            return [];
        const events = this.#message?.kind === kind ? [] : this.#endMessage();
        this.#message ??= { id: this.#newMessageId(), kind, text: "" };
        this.#message.text += text;
        const data = { message_id: this.#message.id, text };
        events.push(kind === "message" ? { name: "message.delta", data } : { name: "reasoning.delta", data });
        return events;
    }
    #endMessage() {
        const message = this.#message;
        this.#message = undefined;
        if (message?.kind !== "message")
            return [];
        return [{ name: "message.end", data: { message_id: message.id, text: message.text } }];
    }
    #toolCall(update) {
        const toolCallId = update.toolCallId;
        if (typeof toolCallId !== "string" || this.#toolCalls.has(toolCallId))
            return this.#toolCallUpdate(update);
        const tool = update.title ?? update.kind ?? "tool";
        this.#toolCalls.set(toolCallId, { tool, startedAt: this.#now(), text: "" });
        const locations = locationsOf(update.locations);
        const events = [
            {
                name: "tool.start",
                data: {
                    tool_call_id: toolCallId,
                    tool,
                    input: update.rawInput,
                    ...(update.title === undefined ? {} : { title: update.title }),
                    ...(update.kind === undefined ? {} : { kind: update.kind }),
                    ...(locations.length === 0 ? {} : { locations }),
                },
            },
        ];
        // A tool call may arrive already finished, or with content.
        return [...events, ...this.#toolCallUpdate(update)];
    }
    #toolCallUpdate(update) {
        const toolCallId = update.toolCallId;
        if (typeof toolCallId !== "string")
            return [];
        const open = this.#toolCalls.get(toolCallId);
        // An update for a call never seen start (announced only in a permission request, or
        // started before a restart): start it now, so every tool.end has its tool.start.
        if (open === undefined)
            return this.#toolCall({ ...update, sessionUpdate: "tool_call" });
        const events = [];
        if (update.content !== undefined) {
            const text = toolContentText(update.content);
            const added = text.startsWith(open.text) ? text.slice(open.text.length) : text;
            open.text = text;
            if (added !== "") {
                events.push({
                    name: "tool.delta",
                    data: { tool_call_id: toolCallId, stream: "stdout", text: added },
                });
            }
        }
        if (update.status === "completed" || update.status === "failed") {
            this.#toolCalls.delete(toolCallId);
            events.push(this.#toolEnd(toolCallId, open, update.status === "failed", open.text));
        }
        return events;
    }
    #toolEnd(toolCallId, open, isError, output) {
        return {
            name: "tool.end",
            data: {
                tool_call_id: toolCallId,
                tool: open.tool,
                is_error: isError,
                output: output.length > maxToolOutputCharacters ? output.slice(0, maxToolOutputCharacters) : output,
                duration_ms: this.#now() - open.startedAt,
            },
        };
    }
}
/** An ACP content block's text (`{type: "text", text}`); other blocks (images, resources) have none. */
function textOf(content) {
    if (typeof content !== "object" || content === null)
        return "";
    const { type, text } = content;
    return type === "text" && typeof text === "string" ? text : "";
}
/** A tool call's content as text: text blocks as they are, a diff as its path, a terminal by its id. */
function toolContentText(content) {
    if (!Array.isArray(content))
        return "";
    return content
        .map((item) => {
        if (typeof item !== "object" || item === null)
            return "";
        const entry = item;
        if (entry.type === "content")
            return textOf(entry.content);
        if (entry.type === "diff" && typeof entry.path === "string")
            return `(edited ${entry.path})`;
        if (entry.type === "terminal" && typeof entry.terminalId === "string")
            return `(terminal ${entry.terminalId})`;
        return "";
    })
        .filter((text) => text !== "")
        .join("\n");
}
function locationsOf(locations) {
    if (!Array.isArray(locations))
        return [];
    return locations.flatMap((location) => typeof location.path === "string"
        ? [
            {
                path: location.path,
                ...(Number.isInteger(location.line) ? { line: location.line } : {}),
            },
        ]
        : []);
}
function planOf(entries) {
    if (!Array.isArray(entries))
        return [];
    return entries.flatMap((entry) => typeof entry.content === "string"
        ? [
            {
                content: entry.content,
                priority: planPriorities.has(entry.priority)
                    ? entry.priority
                    : "medium",
                status: planStatuses.has(entry.status)
                    ? entry.status
                    : "pending",
            },
        ]
        : []);
}
//# sourceMappingURL=acp-updates.js.map