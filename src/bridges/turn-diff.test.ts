import { describe, expect, it } from "vitest";
import type { SessionEvent } from "../protocol/index.js";
import { turnDiff } from "./turn-diff.js";

let seq = 0;
function event(name: string, data: unknown): SessionEvent {
  seq += 1;
  return { session_id: "ses_1", seq, name, data, created_at: "2026-12-05T00:00:00.000Z" } as SessionEvent;
}

describe("turnDiff", () => {
  it("shows the latest turn's successful writes and edits, not earlier turns' or failed ones", () => {
    const events = [
      event("turn.start", { turn_id: "t1", prompt: "one", model: "m" }),
      event("tool.start", {
        tool_call_id: "c1",
        tool: "write_file",
        input: { path: "old.txt", content: "old\n" },
      }),
      event("turn.start", { turn_id: "t2", prompt: "two", model: "m" }),
      event("tool.start", {
        tool_call_id: "c2",
        tool: "write_file",
        input: { path: "a.txt", content: "1\n2\n" },
      }),
      event("tool.start", {
        tool_call_id: "c3",
        tool: "edit_file",
        input: { path: "b.txt", old_text: "x", new_text: "y" },
      }),
      event("tool.start", {
        tool_call_id: "c4",
        tool: "edit_file",
        input: { path: "c.txt", old_text: "p", new_text: "q" },
      }),
      event("tool.end", {
        tool_call_id: "c4",
        tool: "edit_file",
        is_error: true,
        output: "no match",
        duration_ms: 1,
      }),
      event("tool.start", { tool_call_id: "c5", tool: "bash", input: { command: "ls" } }),
    ];
    expect(turnDiff(events)).toBe(
      "**wrote** `a.txt`\n```diff\n+ 1\n+ 2\n```\n**edited** `b.txt`\n```diff\n- x\n+ y\n```",
    );
  });

  it("says nothing when the turn changed no file, and keeps code fences in content from ending the block", () => {
    expect(turnDiff([event("turn.start", { turn_id: "t", prompt: "p", model: "m" })])).toBeUndefined();
    const fenced = turnDiff([
      event("tool.start", {
        tool_call_id: "c",
        tool: "write_file",
        input: { path: "r.md", content: "```\nx\n```" },
      }),
    ]);
    expect(fenced?.match(/```/g)).toHaveLength(2);
  });
});
