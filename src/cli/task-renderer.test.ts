import { describe, expect, it } from "vitest";
import type { SessionEvent, SessionEventName, SessionEventPayloads } from "../protocol/index.js";
import { TaskRenderer, sanitizeTerminalText, toolHeadline } from "./task-renderer.js";

let seq = 0;
function event<Name extends SessionEventName>(
  name: Name,
  data: SessionEventPayloads[Name],
): SessionEvent<Name> {
  seq += 1;
  return { session_id: "ses_1", seq, name, data, created_at: new Date(0).toISOString() };
}

function renderAll(renderer: TaskRenderer, events: SessionEvent[]): string {
  return events.map((item) => renderer.render(item)).join("");
}

describe("TaskRenderer", () => {
  it("shows an external agent's plan and a refused network connection", () => {
    const output = renderAll(new TaskRenderer({ color: false }), [
      event("plan.update", {
        entries: [
          { content: "write the test", priority: "high", status: "completed" },
          { content: "make it \u001b[31mpass", priority: "medium", status: "in_progress" },
        ],
      }),
      event("egress.denied", { host: "evil.test", port: 443, reason: "not in sandboxes.egress.allow" }),
    ]);
    expect(output).toContain("● write the test");
    expect(output).toContain("◐ make it");
    expect(output).not.toContain("\u001b[31m");
    expect(output).toContain("⊘ network: evil.test:443 refused (not in sandboxes.egress.allow)");
  });

  it("streams assistant text, shows tools with their output indented, and the end", () => {
    const output = renderAll(new TaskRenderer({ color: false }), [
      event("session.status", { status: "running" }),
      event("message.delta", { message_id: "m1", text: "Let me " }),
      event("message.delta", { message_id: "m1", text: "run the tests." }),
      event("message.end", { message_id: "m1", text: "Let me run the tests." }),
      event("tool.start", { tool_call_id: "c1", tool: "bash", input: { command: "pytest -q" } }),
      event("tool.delta", { tool_call_id: "c1", stream: "stdout", text: "..\n2 pass" }),
      event("tool.delta", { tool_call_id: "c1", stream: "stdout", text: "ed\n" }),
      event("tool.end", {
        tool_call_id: "c1",
        tool: "bash",
        is_error: false,
        output: "..\n2 passed\n",
        duration_ms: 5,
      }),
      event("message.end", { message_id: "m2", text: "All green." }),
      event("usage", {
        input_tokens: 1,
        output_tokens: 2,
        session_input_tokens: 10,
        session_output_tokens: 20,
      }),
      event("session.ended", { status: "completed" }),
    ]);
    expect(output).toBe(
      [
        "Let me run the tests.",
        "▶ bash: pytest -q",
        "    ..",
        "    2 passed",
        "All green.",
        "✓ completed (10 tokens in, 20 out)",
        "",
      ].join("\n"),
    );
    expect(output).not.toContain("\x1b");
  });

  it("shows an edit as a diff, and a tool's output when nothing streamed, cut to the line limit", () => {
    const output = renderAll(new TaskRenderer({ color: false, maxOutputLines: 2 }), [
      event("tool.start", {
        tool_call_id: "c1",
        tool: "edit_file",
        input: { path: "app.py", old_text: "a = 1\nb = 2", new_text: "a = 3" },
      }),
      event("tool.end", {
        tool_call_id: "c1",
        tool: "edit_file",
        is_error: false,
        output: "one\ntwo\nthree\nfour",
        duration_ms: 1,
      }),
    ]);
    expect(output).toBe(
      [
        "▶ edit_file: app.py",
        "    - a = 1",
        "    - b = 2",
        "    + a = 3",
        "    one",
        "    two",
        "    … 2 more lines",
        "",
      ].join("\n"),
    );
  });

  it("colours errors red and tool output dim on a terminal", () => {
    const renderer = new TaskRenderer({ color: true });
    const error = renderer.render(event("error", { code: "MODEL_ERROR", message: "rate limited" }));
    expect(error).toBe("\x1b[31m✗ MODEL_ERROR: rate limited\x1b[0m\n");
    renderer.render(event("tool.start", { tool_call_id: "c2", tool: "bash", input: { command: "ls" } }));
    const delta = renderer.render(
      event("tool.delta", { tool_call_id: "c2", stream: "stdout", text: "a.txt\n" }),
    );
    expect(delta).toBe("    \x1b[2ma.txt\x1b[0m\n");
    const failed = renderer.render(event("session.ended", { status: "failed", reason: "model gave up" }));
    expect(failed).toBe("\x1b[31m✗ failed: model gave up\x1b[0m\n");
  });

  it("ends a streamed line before the next block, and shows approvals, questions and their outcome", () => {
    const output = renderAll(new TaskRenderer({ color: false }), [
      event("message.delta", { message_id: "m1", text: "Thinking" }),
      event("permission.requested", {
        interaction_id: "i1",
        tool_call_id: "c1",
        tool: "bash",
        input: { command: "rm -rf build" },
        summary: "bash: rm -rf build",
        expires_at: "",
      }),
      event("interaction.resolved", { interaction_id: "i1", kind: "permission", outcome: "denied" }),
      event("question.asked", {
        interaction_id: "i2",
        tool_call_id: "c2",
        question: "Which one?",
        choices: ["flask", "fastapi"],
        expires_at: "",
      }),
      event("interaction.resolved", {
        interaction_id: "i2",
        kind: "question",
        outcome: "answered",
        answer: "flask",
      }),
      event("session.ended", { status: "cancelled" }),
    ]);
    expect(output).toBe(
      [
        "Thinking",
        "? approve bash: rm -rf build",
        "    ✗ denied",
        "? Which one?",
        "    1) flask",
        "    2) fastapi",
        "    → flask",
        "■ cancelled",
        "",
      ].join("\n"),
    );
  });

  it("says a failure's reason once, not again for the turn and the session", () => {
    const output = renderAll(new TaskRenderer({ color: false }), [
      event("error", { code: "MODEL_ERROR", message: "quota exceeded" }),
      event("turn.end", { turn_id: "t1", outcome: "failed", reason: "quota exceeded" }),
      event("session.ended", { status: "failed", reason: "quota exceeded" }),
    ]);
    expect(output).toBe("✗ MODEL_ERROR: quota exceeded\n✗ failed\n");
  });

  it("strips escape sequences and control characters from untrusted text", () => {
    expect(sanitizeTerminalText("a\x1b[2J\x1b]0;title\x07b\rc\r\nd\x07")).toBe("abc\nd");
    const output = new TaskRenderer({ color: false }).render(
      event("tool.end", {
        tool_call_id: "c9",
        tool: "bash",
        is_error: true,
        output: "\x1b[31mboom\x1b[0m",
        duration_ms: 1,
      }),
    );
    expect(output).toBe("    boom\n");
  });
});

describe("toolHeadline", () => {
  it("names what the tool works on", () => {
    expect(toolHeadline("bash", { command: "pytest -q\necho more" })).toBe("bash: pytest -q");
    expect(toolHeadline("write_file", { path: "a.py", content: "print(1)\n" })).toBe(
      "write_file: a.py (9 bytes)",
    );
    expect(toolHeadline("git", { subcommand: "commit", message: "fix" })).toBe('git: commit "fix"');
    expect(toolHeadline("list_files", {})).toBe("list_files");
    expect(toolHeadline("custom", { x: 1 })).toBe('custom: {"x":1}');
  });
});

describe("TaskRenderer while a session starts, retries and asks", () => {
  const plain = () => new TaskRenderer({ color: false });

  it("says what the session waits for until it runs, once per change", () => {
    const renderer = plain();
    const lines = [
      renderer.render(event("session.status", { status: "pending" })),
      renderer.render(event("session.status", { status: "pending", queued_turns: 1 })),
      renderer.render(event("session.status", { status: "starting" })),
      renderer.render(event("session.status", { status: "running" })),
      renderer.render(event("session.status", { status: "waiting" })),
      renderer.render(event("session.status", { status: "running" })),
    ].join("");
    expect(lines).toBe(
      "… queued: waiting for a free agent slot\n… starting: opening the project's sandbox\n… sandbox ready; asking the model\n",
    );
  });

  it("shows a model retry as a notice, and a later failure still", () => {
    const renderer = plain();
    expect(
      renderer.render(
        event("error", { code: "MODEL_RETRY", message: "rate limited; retrying in 2 s (retry 1 of 3)" }),
      ),
    ).toBe("↻ model: rate limited; retrying in 2 s (retry 1 of 3)\n");
    expect(
      renderer.render(event("error", { code: "MODEL_RATE_LIMITED", message: "rate limited" })),
    ).toContain("✗");
  });

  it("previews what an approval writes, edits or runs", () => {
    const renderer = plain();
    const write = renderer.render(
      event("permission.requested", {
        interaction_id: "i1",
        tool_call_id: "t1",
        tool: "write_file",
        input: { path: "app.py", content: "print('hi')\nprint('there')\n" },
        summary: "write_file: app.py (26 bytes)",
        expires_at: "2030-01-01T00:00:00Z",
      }),
    );
    expect(write).toBe("? approve write_file: app.py (26 bytes)\n    + print('hi')\n    + print('there')\n");
    const edit = renderer.render(
      event("permission.requested", {
        interaction_id: "i2",
        tool_call_id: "t2",
        tool: "edit_file",
        input: { path: "app.py", old_text: "print('hi')", new_text: "print('hello')" },
        summary: "edit_file: app.py",
        expires_at: "2030-01-01T00:00:00Z",
      }),
    );
    expect(edit).toBe("? approve edit_file: app.py\n    - print('hi')\n    + print('hello')\n");
    const script = renderer.render(
      event("permission.requested", {
        interaction_id: "i3",
        tool_call_id: "t3",
        tool: "bash",
        input: { command: "cd src\nmake \u001b[31mall" },
        summary: "bash: cd src",
        expires_at: "2030-01-01T00:00:00Z",
      }),
    );
    expect(script).toBe("? approve bash: cd src\n    $ cd src\n    $ make all\n");
    const long = renderer.render(
      event("permission.requested", {
        interaction_id: "i4",
        tool_call_id: "t4",
        tool: "write_file",
        input: {
          path: "big.txt",
          content: Array.from({ length: 20 }, (_, index) => `line ${index}`).join("\n"),
        },
        summary: "write_file: big.txt",
        expires_at: "2030-01-01T00:00:00Z",
      }),
    );
    expect(long).toContain("    + line 11\n    … 8 more lines\n");
  });
});
