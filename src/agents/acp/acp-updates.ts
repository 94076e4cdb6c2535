import type { AgentEvent } from "../agent-driver.js";

/**
 * Turns an ACP agent's `session/update` notifications into Hangar's session
 * events. ACP streams a message as chunks with no end marker and a tool call
 * as a start plus updates whose `content` replaces the previous content, so
 * the translation keeps a little state: the message being streamed (ended by
 * the next non-message update or the prompt's end) and each open tool call's
 * start time and text so far (so `tool.delta` carries only what is new).
 */

/** The parts of ACP's `SessionNotification` params this needs (the runner passes the JSON through). */
interface AcpNotification {
  update?: {
    sessionUpdate?: string;
    content?: unknown;
    toolCallId?: string;
    title?: string;
    kind?: string;
    status?: string;
    locations?: { path?: unknown; line?: unknown }[];
    rawInput?: unknown;
    entries?: { content?: unknown; priority?: unknown; status?: unknown }[];
  };
}

interface OpenToolCall {
  tool: string;
  startedAt: number;
  text: string;
}

const planPriorities = new Set(["high", "medium", "low"]);
const planStatuses = new Set(["pending", "in_progress", "completed"]);
/** The most of a tool's output kept in `tool.end` (front ends show it; the agent keeps the whole). */
const maxToolOutputCharacters = 64 * 1024;

export class AcpUpdateTranslator {
  readonly #newMessageId: () => string;
  readonly #now: () => number;
  #message: { id: string; kind: "message" | "reasoning"; text: string } | undefined;
  readonly #toolCalls = new Map<string, OpenToolCall>();

  constructor(options: { newMessageId: () => string; now?: () => number }) {
    this.#newMessageId = options.newMessageId;
    this.#now = options.now ?? Date.now;
  }

  /** The events of one `session/update` (its params as JSON). Unknown kinds give none. */
  translate(notification: unknown): AgentEvent[] {
    const update = (notification as AcpNotification | null)?.update;
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
  announce(toolCall: unknown): AgentEvent[] {
    const call = toolCall as { toolCallId?: unknown } | null;
    if (typeof call?.toolCallId !== "string" || this.#toolCalls.has(call.toolCallId)) return [];
    const { content: _content, status: _status, ...start } = call as Record<string, unknown>;
    return [...this.#endMessage(), ...this.translate({ update: { ...start, sessionUpdate: "tool_call" } })];
  }

  /** The prompt ended: close the message being streamed and any tool call the agent left open. */
  finish(reason: string): AgentEvent[] {
    const events = this.#endMessage();
    for (const [toolCallId, open] of this.#toolCalls) {
      events.push(this.#toolEnd(toolCallId, open, true, open.text === "" ? reason : open.text));
    }
    this.#toolCalls.clear();
    return events;
  }

  #chunk(kind: "message" | "reasoning", text: string): AgentEvent[] {
    if (text === "") return [];
    const events = this.#message?.kind === kind ? [] : this.#endMessage();
    this.#message ??= { id: this.#newMessageId(), kind, text: "" };
    this.#message.text += text;
    const data = { message_id: this.#message.id, text };
    events.push(kind === "message" ? { name: "message.delta", data } : { name: "reasoning.delta", data });
    return events;
  }

  #endMessage(): AgentEvent[] {
    const message = this.#message;
    this.#message = undefined;
    if (message?.kind !== "message") return [];
    return [{ name: "message.end", data: { message_id: message.id, text: message.text } }];
  }

  #toolCall(update: NonNullable<AcpNotification["update"]>): AgentEvent[] {
    const toolCallId = update.toolCallId;
    if (typeof toolCallId !== "string" || this.#toolCalls.has(toolCallId))
      return this.#toolCallUpdate(update);
    const tool = update.title ?? update.kind ?? "tool";
    this.#toolCalls.set(toolCallId, { tool, startedAt: this.#now(), text: "" });
    const locations = locationsOf(update.locations);
    const events: AgentEvent[] = [
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

  #toolCallUpdate(update: NonNullable<AcpNotification["update"]>): AgentEvent[] {
    const toolCallId = update.toolCallId;
    if (typeof toolCallId !== "string") return [];
    const open = this.#toolCalls.get(toolCallId);
    // An update for a call never seen start (announced only in a permission request, or
    // started before a restart): start it now, so every tool.end has its tool.start.
    if (open === undefined) return this.#toolCall({ ...update, sessionUpdate: "tool_call" });
    const events: AgentEvent[] = [];
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

  #toolEnd(toolCallId: string, open: OpenToolCall, isError: boolean, output: string): AgentEvent {
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
function textOf(content: unknown): string {
  if (typeof content !== "object" || content === null) return "";
  const { type, text } = content as { type?: unknown; text?: unknown };
  return type === "text" && typeof text === "string" ? text : "";
}

/** A tool call's content as text: text blocks as they are, a diff as its path, a terminal by its id. */
function toolContentText(content: unknown): string {
  if (!Array.isArray(content)) return "";
  return content
    .map((item: unknown) => {
      if (typeof item !== "object" || item === null) return "";
      const entry = item as { type?: unknown; content?: unknown; path?: unknown; terminalId?: unknown };
      if (entry.type === "content") return textOf(entry.content);
      if (entry.type === "diff" && typeof entry.path === "string") return `(edited ${entry.path})`;
      if (entry.type === "terminal" && typeof entry.terminalId === "string")
        return `(terminal ${entry.terminalId})`;
      return "";
    })
    .filter((text) => text !== "")
    .join("\n");
}

function locationsOf(locations: unknown): { path: string; line?: number }[] {
  if (!Array.isArray(locations)) return [];
  return locations.flatMap((location: { path?: unknown; line?: unknown }) =>
    typeof location.path === "string"
      ? [
          {
            path: location.path,
            ...(Number.isInteger(location.line) ? { line: location.line as number } : {}),
          },
        ]
      : [],
  );
}

function planOf(entries: unknown): {
  content: string;
  priority: "high" | "medium" | "low";
  status: "pending" | "in_progress" | "completed";
}[] {
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((entry: { content?: unknown; priority?: unknown; status?: unknown }) =>
    typeof entry.content === "string"
      ? [
          {
            content: entry.content,
            priority: planPriorities.has(entry.priority as string)
              ? (entry.priority as "high" | "medium" | "low")
              : "medium",
            status: planStatuses.has(entry.status as string)
              ? (entry.status as "pending" | "in_progress" | "completed")
              : "pending",
          },
        ]
      : [],
  );
}
