import { describe, expect, it } from "vitest";
import { hasToolLines, moveToolSelection, nextPane, toggleBounded } from "./pane-focus.js";
import type { ChatItem } from "./view-state.js";

function tool(id: string): ChatItem {
  return {
    kind: "tool",
    id,
    tool: "bash",
    target: "",
    status: "succeeded",
    durationMs: 1,
    output: "",
    isOutputCollapsed: false,
    diff: [],
  };
}

describe("pane focus", () => {
  it("walks prompt → tree → chat → prompt, skipping what is hidden or has nothing to select", () => {
    const all = { isTreeShown: true, hasToolLines: true };
    expect(nextPane("prompt", all)).toBe("tree");
    expect(nextPane("tree", all)).toBe("chat");
    expect(nextPane("chat", all)).toBe("prompt");
    expect(nextPane("prompt", { isTreeShown: false, hasToolLines: true })).toBe("chat");
    expect(nextPane("prompt", { isTreeShown: true, hasToolLines: false })).toBe("tree");
    expect(nextPane("tree", { isTreeShown: true, hasToolLines: false })).toBe("prompt");
    expect(nextPane("prompt", { isTreeShown: false, hasToolLines: false })).toBe("prompt");
  });

  it("moves over tool lines only, clamped, starting from the newest", () => {
    const items: ChatItem[] = [
      tool("a"),
      { kind: "notice", id: "n", text: "x", tone: "info" },
      tool("b"),
      tool("c"),
    ];
    expect(hasToolLines(items)).toBe(true);
    expect(hasToolLines([items[1]!])).toBe(false);
    expect(moveToolSelection(items, undefined, 0)).toBe("c");
    expect(moveToolSelection(items, "c", -1)).toBe("b");
    expect(moveToolSelection(items, "b", -1)).toBe("a");
    expect(moveToolSelection(items, "a", -1)).toBe("a");
    expect(moveToolSelection(items, "a", 10)).toBe("c");
    // A selection whose line was dropped starts again from the newest.
    expect(moveToolSelection(items, "gone", -1)).toBe("c");
    expect(moveToolSelection([], undefined, 1)).toBeUndefined();
  });

  it("toggles ids in a bounded set, forgetting the oldest", () => {
    let ids: ReadonlySet<string> = new Set();
    for (const id of ["a", "b", "c"]) ids = toggleBounded(ids, id, 2);
    expect([...ids]).toEqual(["b", "c"]);
    expect([...toggleBounded(ids, "b", 2)]).toEqual(["c"]);
  });
});
