import type { Key } from "ink";
import { didYouMean } from "../core/closest-name.js";
import { HangarError } from "../core/errors.js";
import { formatKeySpec, keyActions, parseKeySpec, type KeyAction, type KeySpec } from "../core/key-spec.js";

export { keyActions, parseKeySpec, formatKeySpec, type KeyAction, type KeySpec };

/**
 * The TUI's keys as data: defaults, a user's `[tui.keys]` over them, matching
 * against what Ink's `useInput` reports, and the list `/help` prints. Actions
 * live in scopes so the same key can mean different things in different places
 * (↑ is an earlier prompt in the input and a line up in a pane) while a key
 * that means two things in one place is refused.
 */
export type KeyScope = "global" | "prompt" | "pane";

interface ActionInfo {
  scope: KeyScope;
  keys: readonly string[];
  description: string;
}

export const actionInfo: Record<KeyAction, ActionInfo> = {
  focus_next_pane: {
    scope: "global",
    keys: ["tab"],
    description: "move the focus: prompt, files pane, the chat's tool lines",
  },
  toggle_tree: { scope: "global", keys: ["ctrl+t"], description: "show or hide the file tree" },
  cancel_turn: {
    scope: "global",
    keys: ["esc", "ctrl+c"],
    description: "cancel the turn; twice in a row quits",
  },
  quit: {
    scope: "global",
    keys: ["ctrl+d"],
    description: "leave the TUI (the session goes on on the server)",
  },
  open_file: {
    scope: "pane",
    keys: ["enter"],
    description:
      "open the selected file in the viewer (a directory: fold or unfold it; a tool line naming no file: show or hide its output)",
  },
  toggle_output: {
    scope: "pane",
    keys: ["e"],
    description: "chat: show or hide the selected tool line's output",
  },
  scroll_up: { scope: "pane", keys: ["up", "k"], description: "scroll up a line" },
  scroll_down: { scope: "pane", keys: ["down", "j"], description: "scroll down a line" },
  page_up: { scope: "pane", keys: ["pageup"], description: "scroll up a page" },
  page_down: { scope: "pane", keys: ["pagedown", "space"], description: "scroll down a page" },
  scroll_top: { scope: "pane", keys: ["g", "home"], description: "go to the first line" },
  scroll_bottom: { scope: "pane", keys: ["G", "end"], description: "go to the last line" },
  next_marked_line: { scope: "pane", keys: ["n"], description: "viewer: next line the agent changed" },
  history_prev: { scope: "prompt", keys: ["up"], description: "earlier prompt" },
  history_next: { scope: "prompt", keys: ["down"], description: "later prompt" },
  newline: { scope: "prompt", keys: ["alt+enter", "ctrl+j"], description: "new line in the prompt" },
};

export interface KeyBinding {
  action: KeyAction;
  /** As written (the default's or the user's), for /help. */
  texts: string[];
  specs: KeySpec[];
}

export type KeyBindings = Record<KeyAction, KeyBinding>;

/** What `[tui.keys]` holds: action → one spec or a list. */
export type KeyOverrides = Partial<Record<string, string | readonly string[]>>;

/**
 * The bindings in force: the defaults with the user's overrides in place of
 * an action's keys. An unknown action, an unparsable spec, or a key given to
 * two actions that are active together is a CONFIG_INVALID error naming
 * `tui.keys.<action>`.
 */
export function keyBindings(overrides: KeyOverrides = {}): KeyBindings {
  const bindings = {} as KeyBindings;
  for (const action of keyActions) bindings[action] = bind(action, actionInfo[action].keys, false);
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    if (!(keyActions as readonly string[]).includes(name)) {
      throw invalid(name, `is no action${didYouMean(name, keyActions)}; actions: ${keyActions.join(", ")}`);
    }
    const action = name as KeyAction;
    const texts = typeof value === "string" ? [value] : [...value];
    if (texts.length === 0) throw invalid(action, "needs at least one key");
    bindings[action] = bind(action, texts, true);
  }
  refuseClashes(bindings, new Set(Object.keys(overrides)));
  return bindings;
}

function bind(action: KeyAction, texts: readonly string[], isUserGiven: boolean): KeyBinding {
  const specs = texts.map((text) => {
    const parsed = parseKeySpec(text);
    if (!parsed.ok) {
      // A default that does not parse is our bug, but say where it is all the same.
      throw invalid(action, `${isUserGiven ? "" : "(default) "}${parsed.reason}`);
    }
    return parsed.spec;
  });
  return { action, texts: [...texts], specs };
}

/** Two actions active at once (same scope, or one global) on one key: the second would never fire. */
function refuseClashes(bindings: KeyBindings, userGiven: Set<string>): void {
  const seen = new Map<string, KeyAction>();
  for (const action of keyActions) {
    for (const spec of bindings[action].specs) {
      const { scope } = actionInfo[action];
      const scopes = scope === "global" ? ["global", "prompt", "pane"] : [scope];
      for (const where of scopes) {
        const slot = `${where} ${formatKeySpec(spec)}`;
        const other = seen.get(slot);
        if (other !== undefined && other !== action) {
          const blamed = userGiven.has(action) || !userGiven.has(other) ? action : other;
          const partner = blamed === action ? other : action;
          throw invalid(
            blamed,
            `"${formatKeySpec(spec)}" is already tui.keys.${partner}'s; give one of them another key`,
          );
        }
        seen.set(slot, action);
      }
    }
  }
}

function invalid(action: string, reason: string): HangarError {
  return new HangarError("CONFIG_INVALID", `tui.keys.${action}: ${reason}`, { field: `tui.keys.${action}` });
}

/** Ink's flag for each named key that has one. */
const inkFlags: Partial<Record<string, keyof Key>> = {
  up: "upArrow",
  down: "downArrow",
  left: "leftArrow",
  right: "rightArrow",
  pageup: "pageUp",
  pagedown: "pageDown",
  home: "home",
  end: "end",
  enter: "return",
  esc: "escape",
  tab: "tab",
  backspace: "backspace",
  delete: "delete",
};

/**
 * Function keys as terminals send them (xterm, VT220/rxvt, the Linux console).
 * Ink's useInput reports a function key as empty input with no flag set, so
 * these match only when the caller passes the raw sequence too.
 */
const functionKeySequences: Record<string, readonly string[]> = {
  f1: ["\x1bOP", "\x1b[11~", "\x1b[[A"],
  f2: ["\x1bOQ", "\x1b[12~", "\x1b[[B"],
  f3: ["\x1bOR", "\x1b[13~", "\x1b[[C"],
  f4: ["\x1bOS", "\x1b[14~", "\x1b[[D"],
  f5: ["\x1b[15~", "\x1b[[E"],
  f6: ["\x1b[17~"],
  f7: ["\x1b[18~"],
  f8: ["\x1b[19~"],
  f9: ["\x1b[20~"],
  f10: ["\x1b[21~"],
  f11: ["\x1b[23~"],
  f12: ["\x1b[24~"],
};

/**
 * Whether a key press (useInput's `input` and `key`) is one of the binding's
 * keys. Modifiers must agree: "ctrl+t" is not "t", "alt+enter" is not "enter".
 * `sequence` (the raw bytes, when the caller has them) is needed for f1-f12 only.
 */
export function matches(binding: KeyBinding | KeySpec, input: string, key: Key, sequence?: string): boolean {
  const specs = "specs" in binding ? binding.specs : [binding];
  return specs.some((spec) => matchesSpec(spec, input, key, sequence));
}

function matchesSpec(spec: KeySpec, input: string, key: Key, sequence: string | undefined): boolean {
  if (typeof spec.key === "string") {
    const named = spec.key;
    const functionKeys = functionKeySequences[named];
    if (functionKeys !== undefined) return sequence !== undefined && functionKeys.includes(sequence);
    if (named === "space") return input === " " && key.ctrl === spec.ctrl && key.meta === spec.alt;
    const flag = inkFlags[named];
    if (flag === undefined || key[flag] !== true) return false;
    // Ink sets meta for every Esc, so alt cannot be told apart from Esc itself.
    const isAltRight = named === "esc" ? true : key.meta === spec.alt;
    return isAltRight && key.ctrl === spec.ctrl && key.shift === spec.shift;
  }
  const { character } = spec.key;
  // Ctrl+J arrives as a bare line feed in most terminals.
  if (spec.ctrl && !spec.alt && character === "j" && input === "\n") return true;
  if (key.ctrl !== spec.ctrl || key.meta !== spec.alt) return false;
  return spec.ctrl || spec.alt ? input.toLowerCase() === character : input === character;
}

/** The action a key press means in the scopes active now (global ones always), if any. */
export function actionFor(
  bindings: KeyBindings,
  scope: Exclude<KeyScope, "global">,
  input: string,
  key: Key,
  sequence?: string,
): KeyAction | undefined {
  return keyActions.find((action) => {
    const where = actionInfo[action].scope;
    return (where === "global" || where === scope) && matches(bindings[action], input, key, sequence);
  });
}

/** Human spelling of one spec for /help: "Ctrl+T", "Esc", "PgUp", "G". */
export function describeSpec(spec: KeySpec): string {
  const names: Record<string, string> = {
    up: "↑",
    down: "↓",
    left: "←",
    right: "→",
    pageup: "PgUp",
    pagedown: "PgDn",
    esc: "Esc",
    enter: "Enter",
    tab: "Tab",
    space: "Space",
    home: "Home",
    end: "End",
    backspace: "Backspace",
    delete: "Delete",
  };
  const key = typeof spec.key === "string" ? (names[spec.key] ?? spec.key.toUpperCase()) : spec.key.character;
  const modifiers = [spec.ctrl && "Ctrl", spec.alt && "Alt", spec.shift && "Shift"].filter(Boolean);
  const letter = typeof spec.key !== "string" && modifiers.length > 0 ? key.toUpperCase() : key;
  return [...modifiers, letter].join("+");
}

export interface BindingDescription {
  action: KeyAction;
  keys: string;
  description: string;
  scope: KeyScope;
}

/** The bindings in force, one entry per action, in the order /help shows them. */
export function describeBindings(bindings: KeyBindings): BindingDescription[] {
  return keyActions.map((action) => ({
    action,
    keys: bindings[action].specs.map(describeSpec).join(" or "),
    description: actionInfo[action].description,
    scope: actionInfo[action].scope,
  }));
}
