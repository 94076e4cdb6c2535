import { useInput, type Key } from "ink";
import { render } from "ink-testing-library";
import { useState } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { keyBindings } from "../key-bindings.js";
import {
  CodeViewer,
  codeRows,
  cutLine,
  headerText,
  scrollToLine,
  viewerKeys,
  viewerLines,
  type CodeViewerProps,
} from "./code-viewer.js";

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

/** The frame as plain text: colours (if the test's terminal has any) taken out. */
function show(props: Partial<CodeViewerProps> & Pick<CodeViewerProps, "content">): string[] {
  const app = render(
    <CodeViewer path="src/app.ts" width={80} height={10} scrollTop={0} colourLevel="16" {...props} />,
  );
  unmount = app.unmount;
  // eslint-disable-next-line no-control-regex
  return (app.lastFrame() ?? "").replace(/\x1b\[[0-9;]*m/g, "").split("\n");
}

/** Display width, counting the wide characters these tests use as two columns. */
function columns(line: string): number {
  return [...line].reduce(
    (sum, character) => sum + (/[\u4e00-\u9fff\u{1f300}-\u{1faff}]/u.test(character) ? 2 : 1),
    0,
  );
}

const thirty =
  Array.from({ length: 30 }, (_, index) => `const line${index + 1} = ${index + 1};`).join("\n") + "\n";

describe("CodeViewer at 80 columns", () => {
  it("shows the header with the path and the lines shown, then numbered lines, in its height", () => {
    const frame = show({ content: thirty });
    expect(frame).toHaveLength(10);
    expect(frame[0]).toMatch(/^src\/app\.ts +lines 1–9 of 30$/);
    expect(columns(frame[0] ?? "")).toBe(80);
    expect(frame[1]).toBe("  1 const line1 = 1;");
    expect(frame[9]).toBe("  9 const line9 = 9;");
  });

  it("scrolls, clamps past the end, and sizes the gutter from the line count", () => {
    const scrolled = show({ content: thirty, scrollTop: 25 });
    expect(scrolled[0]).toContain("lines 22–30 of 30");
    expect(scrolled[1]).toBe(" 22 const line22 = 22;");
    expect(scrolled[9]).toBe(" 30 const line30 = 30;");
    const thousand = Array.from({ length: 1000 }, (_, index) => `x${index + 1}`).join("\n");
    expect(show({ content: thousand, scrollTop: 5000, height: 3 })).toEqual([
      expect.stringMatching(/lines 999–1000 of 1000$/),
      "  999 x999",
      " 1000 x1000",
    ]);
  });

  it("marks the lines an edit changed in the gutter", () => {
    const frame = show({ content: thirty, markedLines: [2, 4] });
    expect(frame[2]).toBe("▌ 2 const line2 = 2;");
    expect(frame[4]).toBe("▌ 4 const line4 = 4;");
    expect(frame[3]).toBe("  3 const line3 = 3;");
  });

  it("cuts long lines at the edge with …, never wraps, and counts wide characters as two columns", () => {
    const long = `const s = "${"x".repeat(200)}";\nconst t = "${"漢".repeat(60)}";\nconst e = "${"🙂".repeat(60)}";`;
    const frame = show({ content: long });
    expect(frame).toHaveLength(10);
    expect(columns(frame[1] ?? "")).toBe(80);
    // A wide character that would straddle the edge goes whole, so those lines may end a column short.
    for (const line of frame.slice(1, 4)) {
      expect(columns(line)).toBeGreaterThanOrEqual(79);
      expect(columns(line)).toBeLessThanOrEqual(80);
      expect(line.endsWith("…")).toBe(true);
    }
    expect(frame[4]?.trim() ?? "").toBe("");
  });

  it("shows no escape sequence or control character from the file, whatever it holds", () => {
    const hostile = 'echo "\x1b[2J\x1b]0;pwned\x07hi"\r\n\x1b[31mred\x1b[0m \u202eevil\x9b1m';
    const frame = show({ content: hostile, path: "run.sh" });
    expect(frame[1]).toBe(' 1 echo "hi"');
    expect(frame[2]).toBe(" 2 red evil1m");
    // eslint-disable-next-line no-control-regex
    expect(frame.join("\n")).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e]/);
  });

  it("says when the file is empty, and cuts a long path from the left", () => {
    expect(show({ content: "" })[0]).toMatch(/^src\/app\.ts +empty$/);
    const path = `deep/${"dir/".repeat(30)}file.py`;
    const header = show({ content: "x = 1", path })[0] ?? "";
    expect(header).toMatch(/^…(dir\/)*file\.py +lines 1–1 of 1$/);
    expect(columns(header)).toBe(80);
  });

  it("renders with no colour level without losing text", () => {
    expect(show({ content: thirty, colourLevel: "none", markedLines: [1] })[1]).toBe("▌ 1 const line1 = 1;");
  });
});

describe("cutLine and headerText", () => {
  it("keep the roles of the parts that fit", () => {
    const line = [
      { text: "const", role: "keyword" as const },
      { text: " x = ", role: "plain" as const },
      { text: "12345", role: "number" as const },
    ];
    expect(cutLine(line, 15)).toBe(line);
    expect(cutLine(line, 8)).toEqual([
      { text: "const", role: "keyword" },
      { text: " x", role: "plain" },
      { text: "…", role: "plain" },
    ]);
    expect(cutLine(line, 0)).toEqual([]);
    expect(headerText("a.ts", 1, 2, 2, 20)).toBe("a.ts  lines 1–2 of 2");
    expect(headerText("a.ts", 1, 2, 2, 12)).toBe(" lines 1–2 of 2".slice(0, 12));
  });
});

const noKey: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

describe("scrollToLine", () => {
  it("puts the line a third of the way down, within the file", () => {
    expect(scrollToLine(50, 9, 100)).toBe(46);
    expect(scrollToLine(2, 9, 100)).toBe(0);
    expect(scrollToLine(100, 9, 100)).toBe(91);
    expect(scrollToLine(5, 9, 3)).toBe(0);
    expect(codeRows(10)).toBe(9);
  });
});

describe("viewerKeys", () => {
  const at = (scrollTop: number, markedLines: number[] = []) => ({
    scrollTop,
    rows: 9,
    total: 100,
    markedLines,
  });
  const press = (scrollTop: number, input: string, key: Partial<Key> = {}, marks: number[] = []) =>
    viewerKeys(at(scrollTop, marks), input, { ...noKey, ...key });

  it("scrolls by line and page with ↑/↓/PgUp/PgDn, and g/G go to the ends, all within the file", () => {
    expect(press(10, "", { downArrow: true })).toBe(11);
    expect(press(10, "", { upArrow: true })).toBe(9);
    expect(press(0, "", { upArrow: true })).toBe(0);
    expect(press(91, "", { downArrow: true })).toBe(91);
    expect(press(10, "", { pageDown: true })).toBe(18);
    expect(press(10, "", { pageUp: true })).toBe(2);
    expect(press(88, "", { pageDown: true })).toBe(91);
    expect(press(50, "g")).toBe(0);
    expect(press(50, "G", { shift: true })).toBe(91);
  });

  it("n jumps to the next marked line below what is shown, then round to the first", () => {
    const marks = [70, 3, 40];
    expect(press(0, "n", {}, marks)).toBe(scrollToLine(40, 9, 100));
    expect(press(37, "n", {}, marks)).toBe(scrollToLine(70, 9, 100));
    expect(press(67, "n", {}, marks)).toBe(0);
    expect(press(20, "n")).toBe(20);
  });

  it("leaves keys that are not the viewer's to the caller, and follows overridden bindings", () => {
    expect(press(10, "x")).toBeUndefined();
    expect(press(10, "", { tab: true })).toBeUndefined();
    const bindings = keyBindings({ scroll_down: "ctrl+e" });
    expect(viewerKeys(at(10), "e", { ...noKey, ctrl: true }, bindings)).toBe(11);
    expect(viewerKeys(at(10), "", { ...noKey, downArrow: true }, bindings)).toBeUndefined();
  });
});

/** The viewer wired as the app will wire it: scroll state here, keys through viewerKeys. */
function FocusedViewer({ content, markedLines }: { content: string; markedLines: number[] }) {
  const [scrollTop, setScrollTop] = useState(0);
  const height = 6;
  const total = viewerLines(content, "typescript").length;
  useInput((input, key) => {
    const next = viewerKeys({ scrollTop, rows: codeRows(height), total, markedLines }, input, key);
    if (next !== undefined) setScrollTop(next);
  });
  return (
    <CodeViewer
      path="src/app.ts"
      content={content}
      width={80}
      height={height}
      scrollTop={scrollTop}
      markedLines={markedLines}
      colourLevel="16"
    />
  );
}

describe("CodeViewer driven by keys through Ink", () => {
  it("scrolls with ↓, PgDn, G, g and jumps to changed lines with n", async () => {
    const app = render(<FocusedViewer content={thirty} markedLines={[12, 25]} />);
    unmount = app.unmount;
    const headerAfter = async (sequence: string, range: string) => {
      app.stdin.write(sequence);
      await vi.waitFor(() => expect(app.lastFrame()?.split("\n")[0]).toContain(range), { timeout: 20_000 });
    };
    expect(app.lastFrame()?.split("\n")[0]).toContain("lines 1–5 of 30");
    await headerAfter("\x1b[B", "lines 2–6 of 30");
    await headerAfter("\x1b[6~", "lines 6–10 of 30");
    await headerAfter("G", "lines 26–30 of 30");
    await headerAfter("g", "lines 1–5 of 30");
    await headerAfter("n", "lines 11–15 of 30");
    expect(app.lastFrame()).toContain("▌12 const line12 = 12;");
    await headerAfter("n", "lines 24–28 of 30");
    expect(app.lastFrame()).toContain("▌25 const line25 = 25;");
    await headerAfter("n", "lines 11–15 of 30");
  });
});
