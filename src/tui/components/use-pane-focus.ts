import type { Key } from "ink";
import { useEffect, useReducer, useRef } from "react";
import type { ChatView } from "../chat-lines.js";
import { moveTreeSelection, normalizePath, paneLines, type TreeLine } from "../file-tree.js";
import { actionFor, type KeyBindings } from "../key-bindings.js";
import { hasToolLines, moveToolSelection, nextPane, toggleBounded, type FocusedPane } from "../pane-focus.js";
import type { ViewState } from "../view-state.js";

/**
 * The focus and what is selected in the panes: Tab (`focus_next_pane`) moves
 * from the prompt to the files pane to the chat's tool lines and back; in a
 * pane ↑/↓ (`scroll_up`/`scroll_down`) move the selection, Enter (`open_file`)
 * opens a file in the viewer (a directory folds or unfolds; a tool line that
 * names no file shows or hides its output), `toggle_output` shows or hides a
 * tool line's output, Esc gives the keys back to the prompt.
 */
export interface PaneFocus {
  focus: FocusedPane;
  treeSelection: string | undefined;
  collapsed: ReadonlySet<string>;
  chatView: ChatView;
  /** Acts on a key when a pane has it (or it is Tab); false leaves it to the prompt and the global keys. */
  handleKey: (input: string, key: Key) => boolean;
  /** The focus as the last key left it, before any render shows it (what the prompt checks per key). */
  focusNow: () => FocusedPane;
}

export interface PaneFocusOptions {
  getState: () => ViewState;
  bindings: KeyBindings;
  isTreeShown: boolean;
  /** Opens a workspace file in the code viewer (what `/open` does). */
  open: (path: string) => void;
  /** Scrolls the chat so the item shows, laid out as `view` says. */
  revealChatItem: (itemId: string, view: ChatView) => void;
}

interface Selection {
  focus: FocusedPane;
  treeSelection: string | undefined;
  collapsed: ReadonlySet<string>;
  selectedToolId: string | undefined;
  expandedToolIds: ReadonlySet<string>;
}

/** Actions that mean the same wherever the focus is: the app handles them. */
const appActions = new Set(["quit", "toggle_tree", "cancel_turn"]);

export function usePaneFocus(options: PaneFocusOptions): PaneFocus {
  // In a ref, not state: keys arrive faster than renders, and each must see the one before.
  const selection = useRef<Selection>({
    focus: "prompt",
    treeSelection: undefined,
    collapsed: new Set(),
    selectedToolId: undefined,
    expandedToolIds: new Set(),
  });
  const [, rerender] = useReducer((count: number) => count + 1, 0);
  const update = (changes: Partial<Selection>): void => {
    selection.current = { ...selection.current, ...changes };
    rerender();
  };

  /** The focus as it can be now: a hidden tree or a chat without tool lines gives it back to the prompt. */
  const effectiveFocus = (state: ViewState): FocusedPane => {
    const { focus } = selection.current;
    if (focus === "tree" && !options.isTreeShown) return "prompt";
    if (focus === "chat" && !hasToolLines(state.items)) return "prompt";
    return focus;
  };

  /** The selected line, or the first when the selected path left the tree (a refresh, a fold). */
  const treeSelection = (lines: TreeLine[]): string | undefined => {
    const selected = selection.current.treeSelection;
    return lines.some((line) => line.path === selected) ? selected : lines[0]?.path;
  };

  const chatView = (): ChatView => ({
    selectedToolId: selection.current.selectedToolId,
    expandedToolIds: selection.current.expandedToolIds,
  });

  const selectTool = (state: ViewState, delta: number): void => {
    const selectedToolId = moveToolSelection(state.items, selection.current.selectedToolId, delta);
    update({ selectedToolId });
    if (selectedToolId !== undefined) options.revealChatItem(selectedToolId, chatView());
  };

  const toggleOutput = (toolId: string): void => {
    update({ expandedToolIds: toggleBounded(selection.current.expandedToolIds, toolId) });
    options.revealChatItem(toolId, chatView());
  };

  const handleKey = (input: string, key: Key): boolean => {
    const state = options.getState();
    const action = actionFor(options.bindings, "pane", input, key);
    const focus = effectiveFocus(state);
    if (action === "focus_next_pane") {
      const next = nextPane(focus, {
        isTreeShown: options.isTreeShown,
        hasToolLines: hasToolLines(state.items),
      });
      update({ focus: next });
      if (next === "tree") {
        const lines = paneLines(state.workspace, state.filesTouched, selection.current.collapsed);
        update({ treeSelection: moveTreeSelection(lines, selection.current.treeSelection, 0) });
      }
      if (next === "chat") selectTool(state, 0);
      return true;
    }
    if (focus === "prompt") return false;
    if (action !== undefined && appActions.has(action) && !key.escape) return false;
    if (key.escape) {
      update({ focus: "prompt" });
      return true;
    }
    if (focus === "tree") treeKey(state, action);
    else chatKey(state, action);
    // Other keys are not text while a pane has the focus.
    return true;
  };

  const treeKey = (state: ViewState, action: string | undefined): void => {
    const { collapsed } = selection.current;
    const lines = paneLines(state.workspace, state.filesTouched, collapsed);
    const selected = treeSelection(lines);
    const moves: Partial<Record<string, number>> = {
      scroll_up: -1,
      scroll_down: 1,
      scroll_top: -lines.length,
      scroll_bottom: lines.length,
    };
    const delta = action === undefined ? undefined : moves[action];
    if (delta !== undefined) {
      update({ treeSelection: moveTreeSelection(lines, selected, delta) });
      return;
    }
    if (action !== "open_file") return;
    const line = lines.find((each) => each.path === selected);
    if (line === undefined) return;
    if (!line.isDirectory) {
      options.open(line.path);
      return;
    }
    const folded = new Set(collapsed);
    if (folded.has(line.path)) folded.delete(line.path);
    else folded.add(line.path);
    update({ collapsed: folded });
  };

  const chatKey = (state: ViewState, action: string | undefined): void => {
    if (action === "scroll_up" || action === "scroll_down") {
      selectTool(state, action === "scroll_up" ? -1 : 1);
      return;
    }
    if (action === "scroll_top" || action === "scroll_bottom") {
      selectTool(state, action === "scroll_top" ? -state.items.length : state.items.length);
      return;
    }
    const selected = state.items.find(
      (item) => item.kind === "tool" && item.id === selection.current.selectedToolId,
    );
    if (selected?.kind !== "tool") return;
    if (action === "open_file" && selected.file !== undefined) options.open(normalizePath(selected.file));
    else if (action === "open_file" || action === "toggle_output") toggleOutput(selected.id);
  };

  const state = options.getState();
  const focus = effectiveFocus(state);
  // A focus that could not be kept (tree hidden, tool lines gone) is given up, so it does not come back unasked.
  // Only when no key moved the focus since this render (a key may come before the effect runs).
  const storedFocus = selection.current.focus;
  useEffect(() => {
    const current = selection.current;
    if (current.focus === storedFocus && storedFocus !== focus) selection.current = { ...current, focus };
  });
  return {
    focus,
    treeSelection:
      focus === "tree"
        ? treeSelection(paneLines(state.workspace, state.filesTouched, selection.current.collapsed))
        : undefined,
    collapsed: selection.current.collapsed,
    chatView:
      effectiveFocus(state) === "chat" ? chatView() : { expandedToolIds: selection.current.expandedToolIds },
    handleKey,
    focusNow: () => effectiveFocus(options.getState()),
  };
}
