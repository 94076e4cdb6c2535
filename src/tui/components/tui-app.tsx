import type { ModelPrices } from "../../core/model-price.js";
import { Box, Text, useApp, useInput, useStdout } from "ink";
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { clampScroll, scrollToItem, type ChatView } from "../chat-lines.js";
import type { SessionView } from "../../protocol/index.js";
import { parseInput, parseNextSetting, helpLines } from "../slash-commands.js";
import { actionFor, keyBindings, type KeyBindings } from "../key-bindings.js";
import { changedLines } from "../code-viewer/changed-lines.js";
import { CodeViewer, codeRows, scrollToLine, viewerKeys } from "../code-viewer/code-viewer.js";
import type { ColourLevel } from "../code-viewer/colour-theme.js";
import type { SessionController } from "../session-controller.js";
import type { ViewStore } from "../view-store.js";
import { ApprovalPrompt, approvalPromptHeight } from "./approval-prompt.js";
import { ChatPane } from "./chat-pane.js";
import { FilesPane } from "./files-pane.js";
import { PromptInput } from "./prompt-input.js";
import { SessionPicker, sessionPickerHeight } from "./session-picker.js";
import { StatusBar } from "./status-bar.js";
import { usePaneFocus } from "./use-pane-focus.js";
import type { FocusedPane } from "../pane-focus.js";

/**
 * The whole screen: status bar on top, chat (with the files pane beside it
 * when there is room), and the input area at the bottom, which a pending
 * approval or question takes over, or the `/sessions` picker. Esc or Ctrl-C
 * once cancels the turn; a second press in a row quits (the session goes on
 * on the server); with the picker open, Esc only closes it. Tab moves the
 * focus to the files pane and the chat's tool lines (see usePaneFocus).
 */
export interface TuiAppProps {
  store: ViewStore;
  controller: Pick<
    SessionController,
    | "submit"
    | "cancel"
    | "startNew"
    | "answerPermission"
    | "answerQuestion"
    | "isBusy"
    | "listSessions"
    | "switchTo"
    | "setNext"
    | "readFile"
  >;
  /** Called once when the user quits; the caller closes the controller and the server. */
  onQuit: () => void;
  /** Fixed size (tests); otherwise the terminal's, following resizes. */
  size?: { columns: number; rows: number };
  /** The keys in force (`[tui.keys]` over the defaults). */
  bindings?: KeyBindings;
  /** Colours of the code viewer (from NO_COLOR, COLORTERM, TERM); none by default. */
  colourLevel?: ColourLevel;
  /** `[llm.prices]`, for the session's cost in the status bar. */
  prices?: ModelPrices;
}

/** A file open in the code viewer (`/open`), in place of the chat. */
interface OpenFile {
  path: string;
  content: string;
  marked: number[];
  scrollTop: number;
}

const defaultBindings = keyBindings();

/** Below this many columns the files pane goes and the chat takes the whole width. */
export const narrowColumns = 70;
const filesPaneWidth = 26;
/** Sessions the picker shows at once. */
const pickerRows = 8;

type Picker = { sessions?: SessionView[] | undefined; error?: string | undefined };

export function TuiApp({
  store,
  controller,
  onQuit,
  size,
  bindings = defaultBindings,
  colourLevel = "none",
  prices,
}: TuiAppProps) {
  const state = useSyncExternalStore(store.subscribe, store.getState);
  const terminal = useTerminalSize(size);
  const { exit } = useApp();
  const [history, setHistory] = useState<string[]>([]);
  const [inputLines, setInputLines] = useState(1);
  // A ref: the second press may come before a render, and must see the first.
  const interrupts = useRef(0);
  // How far the chat is scrolled back from its newest line (PgUp / PgDn).
  const [scrolledBack, setScrolledBack] = useState(0);
  const [picker, setPicker] = useState<Picker | undefined>(undefined);
  // `/files` hides the files pane (and gives the chat its width) or shows it again.
  const [isFilesShown, setFilesShown] = useState(true);
  const [openFile, setOpenFileState] = useState<OpenFile | undefined>(undefined);
  // Mirrored in a ref: a key can arrive before Ink re-subscribes the handler of the last render.
  const openFileNow = useRef<OpenFile | undefined>(undefined);
  const setOpenFile = (file: OpenFile | undefined): void => {
    openFileNow.current = file;
    setOpenFileState(file);
  };

  const request = state.pending[0];
  // An approval waiting comes first; the picker comes back when it is answered.
  const isPickerShown = picker !== undefined && request === undefined;
  const isWide = terminal.columns >= narrowColumns && isFilesShown;
  const chatWidth = isWide ? terminal.columns - filesPaneWidth : terminal.columns;
  const chatPaneWidth = isWide ? chatWidth - 1 : chatWidth;
  const queuedShown = Math.min(state.queued.length, 2);
  const bottomHeight =
    request !== undefined
      ? approvalPromptHeight(request)
      : isPickerShown
        ? sessionPickerHeight(picker.sessions, pickerRows)
        : queuedShown + inputLines;
  // One line for the status bar, one for the rule above the input; Ink redraws in place only below the terminal's height.
  const chatHeight = Math.max(1, terminal.rows - 1 - 1 - 1 - bottomHeight);

  const panes = usePaneFocus({
    getState: store.getState,
    bindings,
    isTreeShown: isWide,
    open: (path) => open(path),
    revealChatItem: (itemId: string, view: ChatView) =>
      setScrolledBack((back) =>
        scrollToItem(store.getState(), chatPaneWidth, chatHeight, back, itemId, view),
      ),
  });
  const shownScroll = clampScroll(state, chatPaneWidth, chatHeight, scrolledBack, panes.chatView);

  const quit = useCallback(() => {
    onQuit();
    exit();
  }, [exit, onQuit]);

  useInput((input, key) => {
    // The viewer has the keys while it is open (the prompt is inactive); Esc closes it.
    const shown = openFileNow.current;
    if (shown !== undefined && request === undefined) {
      if (key.escape) {
        setOpenFile(undefined);
        return;
      }
      const position = {
        scrollTop: shown.scrollTop,
        rows: codeRows(chatHeight),
        total: shown.content.split("\n").length,
        markedLines: shown.marked,
      };
      const next = viewerKeys(position, input, key, bindings);
      if (next !== undefined) setOpenFile({ ...shown, scrollTop: next });
      return;
    }
    if (key.pageUp || key.pageDown) {
      const step = Math.max(1, Math.floor(chatHeight / 2));
      // From where the chat really is (never past its first line), so PgDn answers at once.
      setScrolledBack(Math.max(0, shownScroll + (key.pageUp ? step : -step)));
      return;
    }
    // An approval or the picker has the keys; otherwise Tab, and a focused pane's keys, go to the panes.
    if (request === undefined && !isPickerShown && panes.handleKey(input, key)) return;
    // The input area has the focus: global and prompt keys apply.
    const action = actionFor(bindings, "prompt", input, key);
    if (action === "quit") {
      quit();
      return;
    }
    if (action === "toggle_tree") {
      setFilesShown((shown) => !shown);
      return;
    }
    const isInterrupt = action === "cancel_turn";
    // The picker takes Esc to close itself; Ctrl-C still interrupts.
    if (isPickerShown && key.escape) return;
    if (!isInterrupt) {
      interrupts.current = 0;
      return;
    }
    if (interrupts.current >= 1) {
      quit();
      return;
    }
    interrupts.current = 1;
    if (controller.isBusy) {
      store.dispatch({
        type: "notice",
        text: "cancelling the turn… (Esc or Ctrl+C again quits)",
        tone: "warning",
      });
      controller
        .cancel()
        .catch((error: unknown) =>
          store.dispatch({ type: "notice", text: `cancel failed: ${String(error)}`, tone: "error" }),
        );
    } else {
      store.dispatch({
        type: "notice",
        text: "Esc or Ctrl+C again quits (the session stays on the server)",
        tone: "info",
      });
    }
  });

  const submit = (text: string): void => {
    setHistory((previous) => [...previous.slice(-99), text]);
    const parsed = parseInput(text);
    if (parsed.kind === "prompt") {
      controller.submit(parsed.text);
      return;
    }
    if (parsed.kind === "unknown") {
      store.dispatch({
        type: "notice",
        text: `no command /${parsed.name}; /help lists them`,
        tone: "warning",
      });
      return;
    }
    switch (parsed.name) {
      case "help":
        for (const line of helpLines(bindings)) store.dispatch({ type: "notice", text: line, tone: "info" });
        return;
      case "quit":
        quit();
        return;
      case "cancel":
        controller
          .cancel()
          .catch((error: unknown) =>
            store.dispatch({ type: "notice", text: `cancel failed: ${String(error)}`, tone: "error" }),
          );
        return;
      case "new":
        controller.startNew();
        store.dispatch({ type: "notice", text: "new session: the next prompt starts it", tone: "info" });
        return;
      case "sessions":
        openPicker();
        return;
      case "files":
        setFilesShown((shown) => !shown);
        return;
      case "open":
        open(parsed.argument);
        return;
      case "approval":
      case "model":
      case "agent": {
        const setting = parseNextSetting(parsed.name, parsed.argument);
        if ("error" in setting) {
          store.dispatch({ type: "notice", text: setting.error, tone: "warning" });
          return;
        }
        controller.setNext(setting.settings);
        store.dispatch({
          type: "notice",
          text: `${parsed.name} ${parsed.argument} for the next session (/new starts one)`,
          tone: "info",
        });
        return;
      }
    }
  };

  const open = (path: string): void => {
    if (path === "") {
      store.dispatch({
        type: "notice",
        text: "/open takes a path in the workspace, e.g. /open src/app.ts",
        tone: "warning",
      });
      return;
    }
    controller
      .readFile(path)
      .then((content) => {
        const marked = changedLines(store.getState().items, path, content);
        const total = content.split("\n").length;
        const first = marked[0];
        setOpenFile({
          path,
          content,
          marked,
          scrollTop: first === undefined ? 0 : scrollToLine(first, codeRows(chatHeight), total),
        });
      })
      .catch((error: unknown) =>
        store.dispatch({
          type: "notice",
          text: `cannot open ${path}: ${error instanceof Error ? error.message : String(error)}`,
          tone: "error",
        }),
      );
  };

  const openPicker = (): void => {
    setPicker({});
    controller
      .listSessions()
      .then((sessions) => setPicker((open) => (open === undefined ? open : { sessions })))
      .catch((error: unknown) =>
        setPicker((open) => (open === undefined ? open : { error: describeError(error) })),
      );
  };

  const choose = (sessionId: string): void => {
    setPicker(undefined);
    setScrolledBack(0);
    controller.switchTo(sessionId).catch((error: unknown) =>
      store.dispatch({
        type: "notice",
        text: `could not attach to ${sessionId}: ${describeError(error)}`,
        tone: "error",
      }),
    );
  };

  return (
    <Box flexDirection="column" width={terminal.columns}>
      <StatusBar status={state.status} {...(prices === undefined ? {} : { prices })} />
      <Box flexDirection="row" height={chatHeight}>
        {openFile === undefined ? (
          <ChatPane
            state={state}
            width={chatPaneWidth}
            height={chatHeight}
            scrolledBack={scrolledBack}
            view={panes.chatView}
          />
        ) : (
          <CodeViewer
            path={openFile.path}
            content={openFile.content}
            width={chatPaneWidth}
            height={chatHeight}
            scrollTop={openFile.scrollTop}
            markedLines={openFile.marked}
            colourLevel={colourLevel}
          />
        )}
        {isWide ? (
          <FilesPane
            files={state.filesTouched}
            workspace={state.workspace}
            width={filesPaneWidth}
            height={chatHeight}
            isFocused={panes.focus === "tree" && openFile === undefined}
            selectedPath={panes.treeSelection}
            collapsed={panes.collapsed}
          />
        ) : null}
      </Box>
      <Rule
        columns={terminal.columns}
        sessionId={state.sessionId}
        isScrolled={shownScroll > 0}
        focus={openFile === undefined ? panes.focus : "prompt"}
      />
      {request === undefined ? null : (
        <ApprovalPrompt
          key={request.data.interaction_id}
          request={request}
          isActive
          waiting={state.pending.length - 1}
          onPermission={(answer) => void controller.answerPermission(request, answer)}
          onAnswer={(text) => void controller.answerQuestion(request, text)}
        />
      )}
      {isPickerShown ? (
        <SessionPicker
          sessions={picker.sessions}
          error={picker.error}
          currentSessionId={state.sessionId}
          isActive
          rows={pickerRows}
          onChoose={choose}
          onClose={() => setPicker(undefined)}
        />
      ) : null}
      <Box display={request === undefined && !isPickerShown ? "flex" : "none"}>
        <PromptInput
          isActive={
            request === undefined && !isPickerShown && openFile === undefined && panes.focus === "prompt"
          }
          hasKeys={() => openFileNow.current === undefined && panes.focusNow() === "prompt"}
          queued={state.queued}
          history={history}
          onSubmit={submit}
          onLinesChange={setInputLines}
          bindings={bindings}
        />
      </Box>
    </Box>
  );
}

/** What the rule says while a pane has the keys. */
const focusHints: Record<FocusedPane, string> = {
  prompt: "",
  tree: "─ files: ↑/↓ select, Enter opens, Tab next, Esc prompt ",
  chat: "─ tool lines: ↑/↓ select, Enter opens or expands, e output, Esc prompt ",
};

/** The line above the input, naming the session (what `--session` takes to attach again) and where the keys go. */
function Rule({
  columns,
  sessionId,
  isScrolled,
  focus,
}: {
  columns: number;
  sessionId: string | undefined;
  isScrolled: boolean;
  focus: FocusedPane;
}) {
  const label = ` ${sessionId ?? "new session"} ${focusHints[focus]}${isScrolled ? "─ scrolled back: PgDn returns " : ""}`;
  return (
    <Text dimColor wrap="truncate-end">
      {"──" + label + "─".repeat(Math.max(0, columns - label.length - 2))}
    </Text>
  );
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function useTerminalSize(fixed: { columns: number; rows: number } | undefined): {
  columns: number;
  rows: number;
} {
  const { stdout } = useStdout();
  const read = (): { columns: number; rows: number } =>
    fixed ?? { columns: stdout.columns > 0 ? stdout.columns : 80, rows: stdout.rows > 0 ? stdout.rows : 24 };
  const [size, setSize] = useState(read);
  useEffect(() => {
    if (fixed !== undefined) return;
    const onResize = (): void => setSize(read());
    stdout.on("resize", onResize);
    return () => {
      stdout.off("resize", onResize);
    };
  }, [stdout, fixed]);
  return size;
}
