/**
 * Key specs as people write them in `hangar.toml` `[tui.keys]` ("ctrl+c",
 * "esc", "shift+tab", "alt+enter", "f2", "G"), parsed into a plain value.
 * Here, below both config/ and tui/, so the config schema refuses a bad spec
 * when the file loads and the TUI matches the same parse against key presses.
 */

/** Keys with a name; anything else is one printable character. */
export const namedKeys = [
  "up",
  "down",
  "left",
  "right",
  "pageup",
  "pagedown",
  "home",
  "end",
  "enter",
  "esc",
  "tab",
  "backspace",
  "delete",
  "space",
  "f1",
  "f2",
  "f3",
  "f4",
  "f5",
  "f6",
  "f7",
  "f8",
  "f9",
  "f10",
  "f11",
  "f12",
] as const;

export type NamedKey = (typeof namedKeys)[number];

export interface KeySpec {
  /** A named key, or one character (case kept: "G" is Shift+g as the terminal sends it). */
  key: NamedKey | { character: string };
  ctrl: boolean;
  alt: boolean;
  shift: boolean;
}

/** Other spellings people use for the same key. */
const aliases: Record<string, NamedKey> = {
  escape: "esc",
  return: "enter",
  pgup: "pageup",
  pgdn: "pagedown",
  pgdown: "pagedown",
  del: "delete",
  arrowup: "up",
  arrowdown: "down",
  arrowleft: "left",
  arrowright: "right",
};

const modifierAliases: Record<string, "ctrl" | "alt" | "shift"> = {
  ctrl: "ctrl",
  control: "ctrl",
  alt: "alt",
  meta: "alt",
  option: "alt",
  shift: "shift",
};

/** The actions the TUI binds keys to; the names `[tui.keys]` accepts. */
export const keyActions = [
  "focus_next_pane",
  "open_file",
  "toggle_output",
  "toggle_tree",
  "cancel_turn",
  "quit",
  "scroll_up",
  "scroll_down",
  "page_up",
  "page_down",
  "scroll_top",
  "scroll_bottom",
  "next_marked_line",
  "history_prev",
  "history_next",
  "newline",
] as const;

export type KeyAction = (typeof keyActions)[number];

export type KeySpecResult = { ok: true; spec: KeySpec } | { ok: false; reason: string };

/**
 * One spec: modifiers and a key joined by "+" ("ctrl+shift+up"); "+" alone
 * or as the last part ("ctrl++") is the plus key. Never throws: the caller
 * words the error with the config key it came from.
 */
export function parseKeySpec(text: string): KeySpecResult {
  if (text.length === 0) return { ok: false, reason: "a key spec must not be empty" };
  if (text.length > 64) return { ok: false, reason: "a key spec is at most 64 characters" };
  const parts = text.endsWith("++") ? [...text.slice(0, -2).split("+"), "+"] : text.split("+");
  if (text === "+") parts.splice(0, parts.length, "+");
  const keyText = parts.pop() ?? "";
  const spec: KeySpec = { key: { character: "" }, ctrl: false, alt: false, shift: false };
  for (const part of parts) {
    const modifier = modifierAliases[part.toLowerCase()];
    if (modifier === undefined) {
      return { ok: false, reason: `"${part}" in "${text}" is not a modifier (ctrl, alt, shift)` };
    }
    if (spec[modifier]) return { ok: false, reason: `"${text}" names ${modifier} twice` };
    spec[modifier] = true;
  }
  const lower = keyText.toLowerCase();
  const named = (namedKeys as readonly string[]).includes(lower) ? (lower as NamedKey) : aliases[lower];
  if (named !== undefined) {
    spec.key = named;
  } else if ([...keyText].length === 1 && !/[\p{Cc}\s]/u.test(keyText)) {
    // Terminals send Ctrl and Alt with a letter without its case; Shift+letter is the capital.
    const isLetter = /^\p{L}$/u.test(keyText);
    if (isLetter && (spec.ctrl || spec.alt)) spec.key = { character: lower };
    else if (isLetter && spec.shift) spec.key = { character: keyText.toUpperCase() };
    else spec.key = { character: keyText };
    if (isLetter && !spec.ctrl && !spec.alt) spec.shift = false;
  } else {
    return {
      ok: false,
      reason: `"${keyText}" in "${text}" is not a key (one character, or ${namedKeys.slice(0, 14).join(", ")}, f1-f12)`,
    };
  }
  return { ok: true, spec };
}

/** The spec written back the way the defaults are written, for /help. */
export function formatKeySpec(spec: KeySpec): string {
  const modifiers = [spec.ctrl && "ctrl", spec.alt && "alt", spec.shift && "shift"].filter(Boolean);
  const key = typeof spec.key === "string" ? spec.key : spec.key.character;
  return [...modifiers, key].join("+");
}
