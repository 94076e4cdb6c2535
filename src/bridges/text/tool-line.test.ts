import { describe, expect, it } from "vitest";
import type { SessionEventPayloads } from "../../protocol/session-events.js";
import { markdownToSlack } from "./markdown-to-slack.js";
import { markdownToTelegram } from "./markdown-to-telegram.js";
import { formatToolDuration, shortenTarget, toolLine } from "./tool-line.js";

function start(tool: string, input: unknown, extra: Partial<SessionEventPayloads["tool.start"]> = {}) {
  return { tool_call_id: "call-1", tool, input, ...extra };
}

function end(isError: boolean, durationMs: number): SessionEventPayloads["tool.end"] {
  return {
    tool_call_id: "call-1",
    tool: "bash",
    is_error: isError,
    output: "lots of output",
    duration_ms: durationMs,
  };
}

describe("toolLine", () => {
  it("says what runs, then how it ended and how long it took, never the output", () => {
    const bash = start("bash", { command: "npm test" });
    expect(toolLine(bash)).toBe("▶️ bash `npm test` …");
    expect(toolLine(bash, end(false, 2412))).toBe("▶️ bash `npm test` ✓ 2.4s");
    expect(toolLine(bash, end(true, 350))).toBe("▶️ bash `npm test` ✗ failed 350ms");
    expect(toolLine(bash, end(false, 1))).not.toContain("lots of output");
  });

  it("picks an icon by tool or by an external agent's kind, and the path as target", () => {
    expect(toolLine(start("edit_file", { path: "src/app.ts", old_text: "a", new_text: "b" }))).toBe(
      "✏️ edit\\_file `src/app.ts` …",
    );
    expect(toolLine(start("read_file", { path: "README.md" }))).toBe("📖 read\\_file `README.md` …");
    expect(toolLine(start("grep", { pattern: "TODO", path: "src" }))).toBe("🔍 grep `TODO in src` …");
    expect(toolLine(start("fetch", {}, { kind: "fetch", title: "GET https://x.y" }))).toBe(
      "🌐 fetch `GET https://x.y` …",
    );
    expect(toolLine(start("mystery", "not an object"))).toBe("🔧 mystery …");
  });

  it("keeps a tool's name and target as typed through both renderers", () => {
    const line = toolLine(start("mcp__git__log", { command: "echo `a` *b* _c_ <d>" }), end(false, 12));
    expect(line).toBe("🔧 mcp\\_\\_git\\_\\_log ``echo `a` *b* _c_ <d>`` ✓ 12ms");
    expect(markdownToTelegram(line)).toBe("🔧 mcp\\_\\_git\\_\\_log `echo \\`a\\` *b* _c_ <d>` ✓ 12ms");
    expect(markdownToSlack(line)).toBe("🔧 mcp__git__log ```echo `a` *b* _c_ &lt;d&gt;``` ✓ 12ms");
  });

  it("cuts a long command at its end and a long path at its start", () => {
    const command = `python -c "${"x".repeat(100)}"`;
    const short = shortenTarget(command);
    expect([...short]).toHaveLength(60);
    expect(short.startsWith("python -c")).toBe(true);
    const path = `src/${"deep/".repeat(20)}file.ts`;
    const shortPath = shortenTarget(path);
    expect(shortPath.endsWith("/file.ts")).toBe(true);
    expect(shortPath.startsWith("…")).toBe(true);
    expect(shortenTarget("😀".repeat(70)).endsWith("😀…")).toBe(true);
  });

  it("formats durations to the precision a reader cares about", () => {
    expect([0, 999, 1000, 59_940, 59_960, 65_000, 3_600_000].map(formatToolDuration)).toEqual([
      "0ms",
      "999ms",
      "1.0s",
      "59.9s",
      "1m00s",
      "1m05s",
      "60m00s",
    ]);
  });
});
