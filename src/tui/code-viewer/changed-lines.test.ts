import { describe, expect, it } from "vitest";
import type { ChatItem } from "../view-state.js";
import { changedLines } from "./changed-lines.js";

function tool(target: string, added: string[], removed: string[] = []): ChatItem {
  return {
    kind: "tool",
    id: `t-${target}-${added.join()}`,
    tool: "edit_file",
    target,
    status: "succeeded",
    durationMs: 3,
    output: "",
    isOutputCollapsed: false,
    diff: [
      ...removed.map((text) => ({ sign: "-" as const, text })),
      ...added.map((text) => ({ sign: "+" as const, text })),
    ],
  };
}

describe("changedLines", () => {
  const content = "import a\n\nconst x = 1;\nconst y = 2;\nexport { x, y };\n";

  it("marks the lines an edit of that file added, whatever way the path was written", () => {
    const items = [
      tool("./src/a.ts", ["const y = 2;"], ["const y = 1;"]),
      tool("/workspace/src/a.ts", ["export { x, y };"]),
    ];
    expect(changedLines(items, "src/a.ts", content)).toEqual([4, 5]);
  });

  it("ignores other files, removed lines and blank lines", () => {
    const items = [tool("src/b.ts", ["const x = 1;"]), tool("src/a.ts", [""], ["const x = 1;"])];
    expect(changedLines(items, "src/a.ts", content)).toEqual([]);
  });
});
