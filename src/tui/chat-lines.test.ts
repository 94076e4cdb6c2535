import { describe, expect, it } from "vitest";
import { formatDuration, itemLines, plainText, scrollToItem, visibleChatLines } from "./chat-lines.js";
import { markdownLines, wrapLine } from "./markdown.js";
import { initialViewState, type ChatItem, type ViewState } from "./view-state.js";

function stateWith(items: ChatItem[]): ViewState {
  return { ...initialViewState(), items };
}

describe("markdownLines", () => {
  it("styles headings, bold, inline code, lists and fenced code", () => {
    const lines = markdownLines(
      "# Title\nSome **bold** and `code`.\n- item\n```ts\nconst a = 1;\n```\nafter",
    );
    expect(lines[0]).toEqual([{ text: "Title", style: "heading" }]);
    expect(lines[1]).toEqual([
      { text: "Some ", style: "plain" },
      { text: "bold", style: "bold" },
      { text: " and ", style: "plain" },
      { text: "code", style: "code" },
      { text: ".", style: "plain" },
    ]);
    expect(lines[2]).toEqual([
      { text: "• ", style: "plain" },
      { text: "item", style: "plain" },
    ]);
    expect(lines[3]).toEqual([{ text: "  ts", style: "dim" }]);
    expect(lines[4]).toEqual([
      { text: "  ", style: "code" },
      { text: "const", style: "code-keyword" },
      { text: " a = ", style: "code" },
      { text: "1", style: "code-number" },
      { text: ";", style: "code" },
    ]);
    expect(lines[5]).toEqual([{ text: "after", style: "plain" }]);
  });

  it("highlights a fenced block as one piece, also while it is still streaming in", () => {
    const styleOf = (lines: ReturnType<typeof markdownLines>, text: string) =>
      lines.flat().find((segment) => segment.text.includes(text))?.style;
    const closed = markdownLines('```python\ns = """a\nb"""  # done\n```\nafter');
    expect(styleOf(closed, 'b"""')).toBe("code-string");
    expect(styleOf(closed, "# done")).toBe("code-comment");
    expect(styleOf(closed, "after")).toBe("plain");
    const streaming = markdownLines("```sh\nfor name in a b; do echo $name # say it");
    expect(styleOf(streaming, "for")).toBe("code-keyword");
    expect(styleOf(streaming, "# say it")).toBe("code-comment");
    // Unknown languages stay plain code.
    expect(markdownLines("```brainfuck\n+[-]\n```")[1]).toEqual([
      { text: "  ", style: "code" },
      { text: "+[-]", style: "code" },
    ]);
  });

  it("drops terminal escape sequences a model or tool could send", () => {
    expect(plainText(markdownLines("safe\x1b[2J\x1b]0;title\x07 text"))).toBe("safe text");
  });
});

describe("wrapLine", () => {
  it("breaks at spaces within the width and cuts words longer than it", () => {
    const wrapped = wrapLine([{ text: "the quick brown fox", style: "plain" }], 10).map((line) =>
      line.map((segment) => segment.text).join(""),
    );
    expect(wrapped).toEqual(["the quick", "brown fox"]);
    const cut = wrapLine([{ text: "abcdefghijkl", style: "code" }], 5);
    expect(cut.map((line) => line.map((segment) => segment.text).join(""))).toEqual(["abcde", "fghij", "kl"]);
    expect(cut[0]).toEqual([{ text: "abcde", style: "code" }]);
  });

  it("never makes a line wider than the width, across styled segments", () => {
    const line = [
      { text: "✓ ", style: "success" as const },
      { text: "write_file", style: "bold" as const },
      { text: " a/very/long/path/that/goes/on/and/on.txt 12ms", style: "plain" as const },
    ];
    for (const width of [5, 12, 20, 33])
      for (const wrapped of wrapLine(line, width))
        expect(wrapped.map((segment) => segment.text).join("").length).toBeLessThanOrEqual(width);
  });
});

describe("visibleChatLines", () => {
  const tool: ChatItem = {
    kind: "tool",
    id: "c1",
    tool: "bash",
    target: "ls",
    status: "succeeded",
    durationMs: 1250,
    output: "a\nb\nc\nd\ne\nf\n",
    isOutputCollapsed: false,
    diff: [],
  };

  it("shows a tool as one line with its last output lines, and the newest lines that fit", () => {
    const state = stateWith([{ kind: "prompt", id: "t1", text: "list" }, tool]);
    expect(plainText(visibleChatLines(state, 40, 10))).toBe("› list\n✓ bash ls 1.3s\n  c\n  d\n  e\n  f");
    expect(plainText(visibleChatLines(state, 40, 2))).toBe("  e\n  f");
  });

  it("shows an edit's diff instead of its output, and a waiting tool as such", () => {
    const edit: ChatItem = {
      ...tool,
      tool: "edit_file",
      target: "a.ts",
      status: "waiting",
      durationMs: undefined,
      diff: [
        { sign: "-", text: "old" },
        { sign: "+", text: "new" },
      ],
    };
    const lines = visibleChatLines(stateWith([edit]), 60, 10);
    expect(plainText(lines)).toBe("? edit_file a.ts waiting for approval\n  - old\n  + new");
    expect(lines[1]?.[0]?.style).toBe("removed");
    expect(lines[2]?.[0]?.style).toBe("added");
  });

  it("collapses reasoning, hints when empty, and renders only the items that can show", () => {
    expect(
      plainText(visibleChatLines(stateWith([{ kind: "reasoning", id: "r", characters: 12 }]), 40, 5)),
    ).toBe("▸ thought (12 characters)");
    expect(plainText(visibleChatLines(stateWith([]), 80, 5))).toContain("/help");
    const many = Array.from({ length: 300 }, (_, index): ChatItem => ({
      kind: "prompt",
      id: `t${index}`,
      text: `p${index}`,
    }));
    expect(plainText(visibleChatLines(stateWith(many), 40, 3))).toBe("› p298\n\n› p299");
  });

  it("formats durations for a compact line", () => {
    expect([formatDuration(12), formatDuration(1500), formatDuration(125_000)]).toEqual([
      "12ms",
      "1.5s",
      "2m5s",
    ]);
  });
});

describe("tool lines selected and expanded", () => {
  const collapsed: ChatItem = {
    kind: "tool",
    id: "c1",
    tool: "bash",
    target: "seq 30",
    status: "succeeded",
    durationMs: 5,
    output: Array.from({ length: 25 }, (_, index) => `n${index}`).join("\n"),
    isOutputCollapsed: true,
    diff: [],
  };

  it("shows a collapsed call as its line alone, expanded as its first 20 output lines and how many more", () => {
    expect(plainText(itemLines(collapsed))).toBe("✓ bash seq 30 5ms");
    const expanded = plainText(itemLines(collapsed, { expandedToolIds: new Set(["c1"]) })).split("\n");
    expect(expanded[0]).toBe("✓ bash seq 30 5ms");
    expect(expanded[1]).toBe("  │ n0");
    expect(expanded[20]).toBe("  │ n19");
    expect(expanded[21]).toBe("  │ … 5 more lines");
    expect(expanded).toHaveLength(22);
    const empty = { ...collapsed, output: "" };
    expect(plainText(itemLines(empty, { expandedToolIds: new Set(["c1"]) }))).toContain("(no output)");
  });

  it("marks the selected line", () => {
    const [head] = itemLines(collapsed, { selectedToolId: "c1" });
    expect(plainText([head!])).toBe("» ✓ bash seq 30 5ms");
    expect(head![1]!.style).toBe("selected");
  });

  it("scrolls just enough to bring an item's first line on screen", () => {
    const notices: ChatItem[] = Array.from({ length: 10 }, (_, index) => ({
      kind: "notice",
      id: `n${index}`,
      text: `n${index}`,
      tone: "info",
    }));
    const state = stateWith([collapsed, ...notices]);
    // Ten notice lines below the tool line: at a height of 4 it needs a scroll of 7 to be the top line.
    expect(scrollToItem(state, 40, 4, 0, "c1")).toBe(7);
    expect(scrollToItem(state, 40, 4, 10, "c1")).toBe(10);
    expect(scrollToItem(state, 40, 4, 20, "c1")).toBe(10);
    expect(scrollToItem(state, 40, 4, 3, "n8")).toBe(1);
    expect(scrollToItem(state, 40, 4, 0, "n9")).toBe(0);
    expect(plainText(visibleChatLines(state, 40, 4, 7))).toMatch(/^✓ bash seq 30/);
  });
});
