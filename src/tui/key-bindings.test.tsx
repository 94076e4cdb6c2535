import { Text, useInput, type Key } from "ink";
import { render } from "ink-testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import { HangarError } from "../core/errors.js";
import {
  actionFor,
  describeBindings,
  keyBindings,
  matches,
  parseKeySpec,
  type KeyAction,
  type KeyBindings,
  type KeySpec,
} from "./key-bindings.js";

function spec(text: string): KeySpec {
  const parsed = parseKeySpec(text);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.spec;
}

function reasonOf(text: string): string {
  const parsed = parseKeySpec(text);
  return parsed.ok ? "(parsed)" : parsed.reason;
}

describe("parseKeySpec", () => {
  it("reads modifiers and named keys in any case and common spellings", () => {
    expect(spec("ctrl+c")).toEqual({ key: { character: "c" }, ctrl: true, alt: false, shift: false });
    expect(spec("Ctrl+C")).toEqual(spec("ctrl+c"));
    expect(spec("esc")).toEqual({ key: "esc", ctrl: false, alt: false, shift: false });
    expect(spec("Escape")).toEqual(spec("esc"));
    expect(spec("shift+tab")).toEqual({ key: "tab", ctrl: false, alt: false, shift: true });
    expect(spec("pageup")).toEqual(spec("PgUp"));
    expect(spec("alt+enter")).toEqual({ key: "enter", ctrl: false, alt: true, shift: false });
    expect(spec("meta+return")).toEqual(spec("alt+enter"));
    expect(spec("f2")).toEqual({ key: "f2", ctrl: false, alt: false, shift: false });
    expect(spec("ctrl++")).toEqual({ key: { character: "+" }, ctrl: true, alt: false, shift: false });
    expect(spec("+")).toEqual({ key: { character: "+" }, ctrl: false, alt: false, shift: false });
  });

  it("writes Shift+letter as the capital the terminal sends", () => {
    expect(spec("shift+g")).toEqual({ key: { character: "G" }, ctrl: false, alt: false, shift: false });
    expect(spec("G")).toEqual(spec("shift+g"));
    expect(spec("g")).toEqual({ key: { character: "g" }, ctrl: false, alt: false, shift: false });
  });

  it("says what is wrong with a bad spec instead of throwing", () => {
    expect(parseKeySpec("")).toEqual({ ok: false, reason: "a key spec must not be empty" });
    expect(reasonOf("ctrl+banana")).toContain('"banana"');
    expect(reasonOf("hyper+x")).toContain("not a modifier");
    expect(reasonOf("ctrl+ctrl+x")).toContain("twice");
    expect(parseKeySpec("f13").ok).toBe(false);
    expect(parseKeySpec("ctrl+").ok).toBe(false);
    expect(parseKeySpec("\x1b").ok).toBe(false);
  });
});

describe("keyBindings", () => {
  it("puts a user's keys in place of an action's defaults and keeps the rest", () => {
    const bindings = keyBindings({ cancel_turn: "ctrl+g", scroll_down: ["down", "ctrl+n"] });
    expect(bindings.cancel_turn.texts).toEqual(["ctrl+g"]);
    expect(bindings.scroll_down.texts).toEqual(["down", "ctrl+n"]);
    expect(bindings.quit.texts).toEqual(["ctrl+d"]);
  });

  it("refuses an unknown action, a bad spec, an empty list and a clash, naming tui.keys.<action>", () => {
    const failure = (overrides: Record<string, string | string[]>) => {
      try {
        keyBindings(overrides);
      } catch (error) {
        expect(error).toBeInstanceOf(HangarError);
        return (error as HangarError).message;
      }
      throw new Error("accepted");
    };
    expect(failure({ cancel_trun: "ctrl+g" })).toMatch(
      /^tui\.keys\.cancel_trun: is no action \(did you mean "cancel_turn"\?\)/,
    );
    expect(failure({ quit: "ctrl+q+" })).toMatch(/^tui\.keys\.quit: /);
    expect(failure({ quit: [] })).toBe("tui.keys.quit: needs at least one key");
    // Tab already focuses the next pane everywhere: it could never scroll.
    expect(failure({ scroll_down: "tab" })).toBe(
      'tui.keys.scroll_down: "tab" is already tui.keys.focus_next_pane\'s; give one of them another key',
    );
    // The same key in different scopes is fine: ↑ is history in the prompt and scrolling in a pane.
    expect(() => keyBindings({ history_prev: "k" })).not.toThrow();
  });
});

/** Renders a listener and returns what each real key sequence written to its stdin was taken for. */
function listen(bindings: KeyBindings, scope: "prompt" | "pane") {
  const seen: Array<{ action: KeyAction | undefined; input: string; key: Key }> = [];
  function Listener() {
    useInput((input, key) => seen.push({ action: actionFor(bindings, scope, input, key), input, key }));
    return <Text>listening</Text>;
  }
  const app = render(<Listener />);
  unmount = app.unmount;
  return {
    press: async (sequence: string): Promise<KeyAction | undefined> => {
      const before = seen.length;
      app.stdin.write(sequence);
      await vi.waitFor(() => expect(seen.length).toBeGreaterThan(before), { timeout: 20_000 });
      return seen[before]?.action;
    },
  };
}

let unmount: (() => void) | undefined;
afterEach(() => unmount?.());

describe("matches, against what Ink's useInput reports for real terminal bytes", () => {
  it("tells the default keys apart in a pane", async () => {
    const { press } = listen(keyBindings(), "pane");
    expect(await press("\t")).toBe("focus_next_pane");
    expect(await press("\x1b[Z")).toBeUndefined(); // Shift+Tab is not Tab
    expect(await press("\x14")).toBe("toggle_tree"); // Ctrl+T
    expect(await press("t")).toBeUndefined();
    expect(await press("\x1b")).toBe("cancel_turn");
    expect(await press("\x04")).toBe("quit"); // Ctrl+D
    expect(await press("\x1b[A")).toBe("scroll_up");
    expect(await press("k")).toBe("scroll_up");
    expect(await press("\x1b[B")).toBe("scroll_down");
    expect(await press("\x1b[5~")).toBe("page_up");
    expect(await press("\x1b[6~")).toBe("page_down");
    expect(await press(" ")).toBe("page_down");
    expect(await press("g")).toBe("scroll_top");
    expect(await press("G")).toBe("scroll_bottom");
    expect(await press("\x1b[H")).toBe("scroll_top"); // Home
    expect(await press("\x1b[F")).toBe("scroll_bottom"); // End
    expect(await press("n")).toBe("next_marked_line");
    expect(await press("\r")).toBe("open_file");
    expect(await press("x")).toBeUndefined();
  });

  it("reads ↑/↓ as history in the prompt, Alt+Enter and Ctrl+J as a new line, Enter as neither", async () => {
    const { press } = listen(keyBindings(), "prompt");
    expect(await press("\x1b[A")).toBe("history_prev");
    expect(await press("\x1b[B")).toBe("history_next");
    expect(await press("\x1b\r")).toBe("newline");
    expect(await press("\n")).toBe("newline");
    expect(await press("\r")).toBeUndefined();
    expect(await press("k")).toBeUndefined();
  });

  it("follows a user's override: Ctrl+G cancels, Esc no longer does; Shift+Tab and Alt+x bind", async () => {
    const bindings = keyBindings({ cancel_turn: "ctrl+g", focus_next_pane: "shift+tab", quit: "alt+x" });
    const { press } = listen(bindings, "pane");
    expect(await press("\x07")).toBe("cancel_turn");
    expect(await press("\x1b")).toBeUndefined();
    expect(await press("\x1b[Z")).toBe("focus_next_pane");
    expect(await press("\t")).toBeUndefined();
    expect(await press("\x1bx")).toBe("quit");
    expect(await press("x")).toBeUndefined();
  });

  it("matches function keys by their raw sequence, which Ink itself does not name", () => {
    const noKey = { ctrl: false, meta: false, shift: false } as Key;
    const bindings = keyBindings({ toggle_tree: "f2" });
    expect(matches(bindings.toggle_tree, "", noKey, "\x1bOQ")).toBe(true);
    expect(matches(bindings.toggle_tree, "", noKey, "\x1b[12~")).toBe(true);
    expect(matches(bindings.toggle_tree, "", noKey, "\x1bOR")).toBe(false);
    expect(matches(bindings.toggle_tree, "", noKey)).toBe(false);
  });
});

describe("describeBindings", () => {
  it("lists every action with its keys in force, for /help", () => {
    const list = describeBindings(keyBindings({ cancel_turn: ["ctrl+g", "esc"] }));
    expect(list.map((entry) => entry.action)).toContain("toggle_tree");
    expect(list.find((entry) => entry.action === "cancel_turn")).toMatchObject({ keys: "Ctrl+G or Esc" });
    expect(list.find((entry) => entry.action === "newline")).toMatchObject({ keys: "Alt+Enter or Ctrl+J" });
    expect(list.find((entry) => entry.action === "scroll_bottom")).toMatchObject({ keys: "G or End" });
    expect(list.find((entry) => entry.action === "page_up")).toMatchObject({ keys: "PgUp" });
  });
});
