import type { SessionEvent, SessionEventPayloads, SessionStatus } from "../protocol/index.js";
import { sanitizeTerminalText } from "../core/terminal-text.js";
import { approvalPreview, type PreviewLine } from "./approval-preview.js";

export { sanitizeTerminalText };

/**
 * Turns a session's events into terminal text, one event at a time. Pure: it
 * returns strings and keeps just enough state to stream (is the cursor
 * mid-line? which messages and tool calls already showed their text?). The
 * command writes what it returns. ANSI styles only when `color` is set.
 */
export interface TaskRendererOptions {
  /** Styles (dim, red, green…) for a terminal; plain text for pipes and files. */
  color: boolean;
  /** Lines of a tool's output shown when it did not stream any. Default 12. */
  maxOutputLines?: number;
}

type Style = "dim" | "bold" | "red" | "green" | "yellow" | "cyan";
const styleCodes: Record<Style, string> = {
  dim: "2",
  bold: "1",
  red: "31",
  green: "32",
  yellow: "33",
  cyan: "36",
};
const indent = "    ";

export class TaskRenderer {
  private readonly color: boolean;
  private readonly maxOutputLines: number;
  private isMidLine = false;
  /** The tool call whose streamed output the cursor is in, if any. */
  private streamingToolCall: string | undefined;
  private readonly streamedMessages = new Set<string>();
  private readonly streamedToolCalls = new Set<string>();
  private tokens = { input: 0, output: 0 };
  /** The last error shown: a turn and a session failing for the same reason say it once. */
  private lastError: string | undefined;
  /** The last status shown, so only changes are said. */
  private lastStatus: SessionStatus | undefined;

  constructor(options: TaskRendererOptions) {
    this.color = options.color;
    this.maxOutputLines = options.maxOutputLines ?? 12;
  }

  render(event: SessionEvent): string {
    switch (event.name) {
      case "message.delta":
        return this.messageDelta(event.data);
      case "message.end":
        return this.messageEnd(event.data);
      case "tool.start":
        return this.toolStart(event.data);
      case "tool.delta":
        return this.toolDelta(event.data);
      case "tool.end":
        return this.toolEnd(event.data);
      case "permission.requested":
        return this.permission(event.data);
      case "question.asked":
        return this.question(event.data);
      case "interaction.resolved":
        return this.resolved(event.data);
      case "turn.start":
        return this.turnStart(event.data);
      case "turn.end":
        return this.turnEnd(event.data);
      case "error":
        return this.error(event.data);
      case "usage":
        this.tokens = { input: event.data.session_input_tokens, output: event.data.session_output_tokens };
        return "";
      case "session.ended":
        return this.ended(event.data);
      case "plan.update":
        return this.plan(event.data);
      case "egress.denied":
        return this.block(
          this.style(
            "yellow",
            `⊘ network: ${sanitizeTerminalText(event.data.host)}:${event.data.port} refused (${sanitizeTerminalText(event.data.reason)})`,
          ),
        );
      case "session.status":
        return this.status(event.data);
      default:
        return "";
    }
  }

  /** An external agent's plan, whole each time (it replaces the last one). */
  private plan(data: SessionEventPayloads["plan.update"]): string {
    const marks = { pending: "○", in_progress: "◐", completed: "●" } as const;
    const lines = data.entries.map(
      (entry) =>
        `  ${marks[entry.status]} ${truncate(sanitizeTerminalText(entry.content).split("\n")[0] ?? "", 100)}`,
    );
    return this.block(this.style("dim", ["plan:", ...lines].join("\n")));
  }

  private turnStart(data: SessionEventPayloads["turn.start"]): string {
    const prompt = sanitizeTerminalText(data.prompt).split("\n")[0] ?? "";
    return this.block(this.style("dim", `› ${truncate(prompt, 100)}`));
  }

  private turnEnd(data: SessionEventPayloads["turn.end"]): string {
    if (data.outcome !== "failed" || (data.reason !== undefined && data.reason === this.lastError)) return "";
    this.lastError = data.reason;
    const reason = data.reason ? `: ${sanitizeTerminalText(data.reason)}` : "";
    return this.block(this.style("red", `✗ turn failed${reason}`));
  }

  /** While a session gets going, what it waits for; afterwards the other events say what changed. */
  private status(data: SessionEventPayloads["session.status"]): string {
    const previous = this.lastStatus;
    this.lastStatus = data.status;
    const reason = data.reason === undefined ? "" : ` (${sanitizeTerminalText(data.reason)})`;
    switch (data.status) {
      case "pending":
        return previous === "pending"
          ? ""
          : this.block(this.style("dim", `… queued: waiting for a free agent slot${reason}`));
      case "starting":
        return this.block(this.style("dim", `… starting: opening the project's sandbox${reason}`));
      case "running":
        return previous === "starting" || previous === "pending"
          ? this.block(this.style("dim", "… sandbox ready; asking the model"))
          : "";
      default:
        return "";
    }
  }

  private error(data: SessionEventPayloads["error"]): string {
    // The session goes on after a retry: not a failure, and a later failure must still be shown.
    if (data.code === "MODEL_RETRY") {
      return this.block(this.style("yellow", `↻ model: ${sanitizeTerminalText(data.message)}`));
    }
    this.lastError = data.message;
    return this.block(this.style("red", `✗ ${data.code}: ${sanitizeTerminalText(data.message)}`));
  }

  private messageDelta(data: SessionEventPayloads["message.delta"]): string {
    this.streamedMessages.add(data.message_id);
    return this.text(sanitizeTerminalText(data.text));
  }

  private messageEnd(data: SessionEventPayloads["message.end"]): string {
    if (this.streamedMessages.delete(data.message_id)) return this.newline();
    const text = sanitizeTerminalText(data.text);
    return text === "" ? "" : this.block(text);
  }

  private toolStart(data: SessionEventPayloads["tool.start"]): string {
    const input = (typeof data.input === "object" && data.input !== null ? data.input : {}) as Record<
      string,
      unknown
    >;
    const lines = [this.style("cyan", `▶ ${sanitizeTerminalText(toolHeadline(data.tool, input))}`)];
    if (
      data.tool === "edit_file" &&
      typeof input.old_text === "string" &&
      typeof input.new_text === "string"
    ) {
      for (const line of sanitizeTerminalText(input.old_text).split("\n"))
        lines.push(this.style("red", `${indent}- ${line}`));
      for (const line of sanitizeTerminalText(input.new_text).split("\n"))
        lines.push(this.style("green", `${indent}+ ${line}`));
    }
    return this.block(lines.join("\n"));
  }

  private toolDelta(data: SessionEventPayloads["tool.delta"]): string {
    this.streamedToolCalls.add(data.tool_call_id);
    let output = "";
    if (this.streamingToolCall !== data.tool_call_id) {
      output += this.newline();
      this.streamingToolCall = data.tool_call_id;
    }
    const style: Style = data.stream === "stderr" ? "yellow" : "dim";
    for (const piece of sanitizeTerminalText(data.text).split(/(\n)/)) {
      if (piece === "") continue;
      if (piece === "\n") {
        output += "\n";
        this.isMidLine = false;
        continue;
      }
      output += (this.isMidLine ? "" : indent) + this.style(style, piece);
      this.isMidLine = true;
    }
    return output;
  }

  private toolEnd(data: SessionEventPayloads["tool.end"]): string {
    const didStream = this.streamedToolCalls.delete(data.tool_call_id);
    let output = this.newline();
    this.streamingToolCall = undefined;
    // ask_user's output is the answer, which interaction.resolved already showed.
    if (!didStream && data.output.trim() !== "" && data.tool !== "ask_user") {
      const lines = sanitizeTerminalText(data.output).replace(/\n+$/, "").split("\n");
      const shown = lines.slice(0, this.maxOutputLines);
      if (lines.length > shown.length) shown.push(`… ${lines.length - shown.length} more lines`);
      const style: Style = data.is_error ? "red" : "dim";
      output += shown.map((line) => indent + this.style(style, line)).join("\n") + "\n";
    } else if (data.is_error) {
      output += indent + this.style("red", `✗ ${data.tool} failed`) + "\n";
    }
    return output;
  }

  private permission(data: SessionEventPayloads["permission.requested"]): string {
    const lines = [this.style("yellow", `? approve ${sanitizeTerminalText(data.summary)}`)];
    for (const line of approvalPreview(data.tool, data.input, data.summary))
      lines.push(this.previewLine(line));
    return this.block(lines.join("\n"));
  }

  private previewLine(line: PreviewLine): string {
    const text = sanitizeTerminalText(line.text);
    switch (line.kind) {
      case "added":
        return this.style("green", `${indent}+ ${text}`);
      case "removed":
        return this.style("red", `${indent}- ${text}`);
      case "command":
        return `${indent}$ ${text}`;
      case "note":
        return this.style("dim", `${indent}${text}`);
    }
  }

  private question(data: SessionEventPayloads["question.asked"]): string {
    const lines = [this.style("yellow", `? ${sanitizeTerminalText(data.question)}`)];
    (data.choices ?? []).forEach((choice, index) =>
      lines.push(`${indent}${index + 1}) ${sanitizeTerminalText(choice)}`),
    );
    return this.block(lines.join("\n"));
  }

  private resolved(data: SessionEventPayloads["interaction.resolved"]): string {
    switch (data.outcome) {
      case "approved":
        return this.block(this.style("green", `${indent}✓ approved`));
      case "denied":
        return this.block(this.style("red", `${indent}✗ denied`));
      case "answered":
        return this.block(this.style("green", `${indent}→ ${sanitizeTerminalText(data.answer ?? "")}`));
      case "timeout":
        return this.block(this.style("yellow", `${indent}… no answer in time`));
      default:
        return this.block(this.style("yellow", `${indent}… ${data.kind} cancelled`));
    }
  }

  private ended(data: SessionEventPayloads["session.ended"]): string {
    const isNews = data.reason !== undefined && data.reason !== "" && data.reason !== this.lastError;
    const reason = isNews ? `: ${sanitizeTerminalText(data.reason!)}` : "";
    const tokens =
      this.tokens.input + this.tokens.output > 0
        ? this.style("dim", ` (${this.tokens.input} tokens in, ${this.tokens.output} out)`)
        : "";
    if (data.status === "completed") return this.block(this.style("green", "✓ completed") + tokens);
    if (data.status === "cancelled") return this.block(this.style("yellow", `■ cancelled${reason}`) + tokens);
    return this.block(this.style("red", `✗ failed${reason}`) + tokens);
  }

  /** Free text, continuing the current line. */
  private text(text: string): string {
    if (text === "") return "";
    const prefix = this.streamingToolCall === undefined ? "" : this.newline();
    this.streamingToolCall = undefined;
    this.isMidLine = !text.endsWith("\n");
    return prefix + text;
  }

  /** Whole lines of their own, after whatever is on the current line. */
  private block(text: string): string {
    const prefix = this.newline();
    this.streamingToolCall = undefined;
    return `${prefix}${text}\n`;
  }

  private newline(): string {
    if (!this.isMidLine) return "";
    this.isMidLine = false;
    return "\n";
  }

  private style(style: Style, text: string): string {
    return this.color ? `\x1b[${styleCodes[style]}m${text}\x1b[0m` : text;
  }
}

/** `bash: pytest -q`, `edit_file: src/app.ts`: the tool and what it works on, in one line. */
export function toolHeadline(tool: string, input: Record<string, unknown>): string {
  const text = (value: unknown): string | undefined =>
    typeof value === "string" && value !== "" ? value : undefined;
  const subject =
    text(input.command) ??
    text(input.path) ??
    text(input.pattern) ??
    text(input.question) ??
    (text(input.subcommand) !== undefined
      ? `${text(input.subcommand)}${text(input.message) ? ` "${text(input.message)}"` : ""}`
      : undefined) ??
    (text(input.language) !== undefined ? `${text(input.language)}` : undefined);
  const detail = subject ?? (Object.keys(input).length > 0 ? JSON.stringify(input) : "");
  const bytes = typeof input.content === "string" ? ` (${Buffer.byteLength(input.content)} bytes)` : "";
  const headline = detail === "" ? tool : `${tool}: ${truncate(detail.split("\n")[0] ?? "", 160)}`;
  return headline + bytes;
}

function truncate(text: string, length: number): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
