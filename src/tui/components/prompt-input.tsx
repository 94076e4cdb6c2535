import { Box, Text } from "ink";
import { useActiveInput } from "./use-active-input.js";
import { useEffect, useReducer, useRef } from "react";
import { keyBindings, matches, type KeyBindings } from "../key-bindings.js";

/**
 * The multi-line prompt. Enter sends; Alt+Enter or Ctrl+J starts a new line;
 * ↑/↓ walk the prompts sent before (from the current text's first or last
 * line). A paste arrives as one chunk and is inserted whole (its line breaks
 * kept). Prompts sent while the agent works show above as queued.
 */
export interface PromptInputProps {
  isActive: boolean;
  /** Asked per key: whether the prompt has the keys now, before a render says so (the focus moved by Tab). */
  hasKeys?: () => boolean;
  queued: string[];
  history: string[];
  onSubmit: (text: string) => void;
  /** Told when the prompt's line count changes, so the chat above can give it room. */
  onLinesChange?: (lines: number) => void;
  /** Lines of the prompt shown at most (the rest scrolls off the top). */
  maxLines?: number;
  /** The keys in force for history and new lines (`[tui.keys]` over the defaults). */
  bindings?: KeyBindings;
}

const defaultBindings = keyBindings();

export function PromptInput({
  isActive,
  hasKeys,
  queued,
  history,
  onSubmit,
  onLinesChange,
  maxLines = 4,
  bindings = defaultBindings,
}: PromptInputProps) {
  // In a ref, not state: keys arrive faster than renders, and each must see the one before.
  const draft = useRef({ value: "", position: undefined as number | undefined });
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  const value = draft.current.value;
  const setValue = (next: string | ((current: string) => string)): void => {
    draft.current.value = typeof next === "string" ? next : next(draft.current.value);
    rerender();
  };
  const setPosition = (position: number | undefined): void => {
    draft.current.position = position;
  };

  useActiveInput(
    (input, key) => {
      // The app moves the focus on this key; it is not text.
      if (matches(bindings.focus_next_pane, input, key)) return;
      if (matches(bindings.newline, input, key)) {
        setValue((current) => `${current}\n`);
        return;
      }
      if (key.return && !key.meta) {
        submit(draft.current.value);
        return;
      }
      if (key.backspace || key.delete) {
        setValue((current) => current.slice(0, -1));
        return;
      }
      if (key.ctrl && input === "u") {
        setValue("");
        return;
      }
      if (matches(bindings.history_prev, input, key) || matches(bindings.history_next, input, key)) {
        browse(matches(bindings.history_prev, input, key) ? -1 : 1);
        return;
      }
      if (key.ctrl || key.meta || key.escape || key.tab || input === "") return;
      // A chunk ending in a carriage return is typed text followed by Enter (terminals may send both at once).
      const isSent = input.length > 1 && input.endsWith("\r");
      const text = (isSent ? input.slice(0, -1) : input).replace(/\r\n?/g, "\n");
      if (isSent) submit(draft.current.value + text);
      else setValue((current) => current + text);
    },
    isActive,
    hasKeys,
  );

  function submit(text: string): void {
    setPosition(undefined);
    setValue("");
    if (text.trim() !== "") onSubmit(text);
  }

  function browse(step: number): void {
    if (history.length === 0) return;
    const current = draft.current.position ?? history.length;
    const next = Math.min(history.length, Math.max(0, current + step));
    setPosition(next);
    setValue(next === history.length ? "" : (history[next] ?? ""));
  }

  const lineCount = value.split("\n").length;
  useEffect(() => {
    onLinesChange?.(Math.min(lineCount, maxLines));
  }, [lineCount, maxLines, onLinesChange]);
  const lines = value.split("\n").slice(-maxLines);
  return (
    <Box flexDirection="column">
      {queued.slice(-2).map((prompt, index) => (
        <Text key={index} dimColor wrap="truncate-end">
          queued: {prompt.replace(/\s+/g, " ")}
        </Text>
      ))}
      {lines.map((line, index) => (
        <Text key={index} wrap="truncate-start">
          <Text color="blue" bold>
            {index === 0 ? "› " : "  "}
          </Text>
          {line}
          {index === lines.length - 1 && isActive ? <Text inverse> </Text> : null}
        </Text>
      ))}
    </Box>
  );
}

/** Screen lines the input takes for a value: its lines (bounded) plus the queued prompts shown. */
export function promptInputHeight(queuedCount: number, valueLines: number, maxLines = 4): number {
  return Math.min(queuedCount, 2) + Math.min(Math.max(valueLines, 1), maxLines);
}
