// `/diff`: what the latest turn of a session wrote and edited, from its tool
// calls, as diff blocks a chat can show (each side cut short like the TUI's).

import type { SessionEvent } from "../protocol/index.js";
import { describeToolCall } from "../protocol/tool-summary.js";

const changingTools = new Set(["write_file", "edit_file"]);

/** The latest turn's changes as Markdown; undefined when it changed no file. */
export function turnDiff(events: readonly SessionEvent[]): string | undefined {
  const turnStart = events.findLastIndex((event) => event.name === "turn.start");
  const turn = events.slice(Math.max(0, turnStart));
  const failed = new Set(
    turn.flatMap((event) =>
      event.name === "tool.end" && event.data.is_error ? [event.data.tool_call_id] : [],
    ),
  );
  const blocks: string[] = [];
  for (const event of turn) {
    if (event.name !== "tool.start" || !changingTools.has(event.data.tool)) continue;
    if (failed.has(event.data.tool_call_id)) continue;
    const description = describeToolCall(event.data);
    const lines = description.diff.map((line) => `${line.sign} ${line.text.replaceAll("```", "ˋˋˋ")}`);
    blocks.push(
      `**${event.data.tool === "write_file" ? "wrote" : "edited"}** \`${description.target}\`\n\`\`\`diff\n${lines.join("\n")}\n\`\`\``,
    );
  }
  return blocks.length === 0 ? undefined : blocks.join("\n");
}
