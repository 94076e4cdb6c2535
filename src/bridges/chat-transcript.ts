// The text a chat shows for one stretch of a session (from a turn's start, a
// question, or the last turn's end): the assistant's text and a compact line per
// tool call, in the order they happened. It is rebuilt whole from events, so a
// restarted bridge gets exactly the text it had, and the chat is made to match.

import type { SessionEvent, SessionEventPayloads } from "../protocol/index.js";

type Block = { kind: "text"; text: string } | { kind: "tool"; id: string; line: string };

export type ToolLineFormatter = (
  start: SessionEventPayloads["tool.start"],
  end: SessionEventPayloads["tool.end"] | undefined,
) => string;

export class ChatTranscript {
  readonly #blocks: Block[] = [];
  readonly #toolLine: ToolLineFormatter;
  /** Tool calls of the whole session by id: a call that began before this stretch may end in it. */
  readonly #starts: ReadonlyMap<string, SessionEventPayloads["tool.start"]>;

  constructor(toolLine: ToolLineFormatter, starts: ReadonlyMap<string, SessionEventPayloads["tool.start"]>) {
    this.#toolLine = toolLine;
    this.#starts = starts;
  }

  /** Takes in an event; true when the text changed. */
  apply(event: SessionEvent): boolean {
    switch (event.name) {
      case "message.delta":
        this.#appendText(event.data.text);
        return event.data.text !== "";
      case "message.end":
        // The deltas already carried the text; an end closes the paragraph.
        this.#appendText("\n");
        return false;
      case "tool.start":
        this.#blocks.push({
          kind: "tool",
          id: event.data.tool_call_id,
          line: this.#toolLine(event.data, undefined),
        });
        return true;
      case "tool.end": {
        const start = this.#starts.get(event.data.tool_call_id);
        if (start === undefined) return false;
        const line = this.#toolLine(start, event.data);
        const block = this.#blocks.find(
          (each) => each.kind === "tool" && each.id === event.data.tool_call_id,
        );
        // Begun in an earlier stretch (before a permission request, say): it ends here, on a line of its own.
        if (block === undefined || block.kind !== "tool") {
          this.#blocks.push({ kind: "tool", id: event.data.tool_call_id, line });
        } else {
          block.line = line;
        }
        return true;
      }
      case "error":
        this.#blocks.push({ kind: "tool", id: `error:${event.seq}`, line: `⚠️ ${event.data.message}` });
        return true;
      default:
        return false;
    }
  }

  get isEmpty(): boolean {
    return this.#blocks.length === 0;
  }

  /** The stretch as Markdown: text as the agent wrote it, each tool line on a line of its own. */
  render(): string {
    let markdown = "";
    for (const block of this.#blocks) {
      if (block.kind === "text") {
        markdown += block.text;
      } else {
        if (markdown !== "" && !markdown.endsWith("\n")) markdown += "\n";
        markdown += `${block.line}\n`;
      }
    }
    return markdown.trim();
  }

  #appendText(text: string): void {
    const last = this.#blocks.at(-1);
    if (last?.kind === "text") last.text += text;
    else if (text.trim() !== "") this.#blocks.push({ kind: "text", text });
  }
}
