import type {
  ApprovalPolicy,
  FileEntry,
  InteractionRequestEvent,
  SessionEvent,
  SessionEventPayloads,
  SessionStatus,
  SessionView,
} from "../protocol/index.js";
import { describeToolCall, type DiffLine } from "../protocol/tool-summary.js";

/**
 * What the terminal UI shows, as plain data, and the one reducer that moves it
 * on: session events from the follower plus the few things only the TUI knows
 * (the connection, prompts queued here, requests handed to the user). Pure, so
 * it is tested without Ink, and bounded, so a 10,000-event session costs the
 * same memory as a 500-event one: old chat items are dropped (counted), old
 * tool output is collapsed, long texts keep their tail.
 */

export type ConnectionState = "connecting" | "live" | "reconnecting" | "replaying" | "offline";

export type ToolStatus = "running" | "waiting" | "succeeded" | "failed" | "denied";

export type ChatItem =
  | { kind: "prompt"; id: string; text: string }
  | { kind: "assistant"; id: string; text: string; isComplete: boolean }
  /** Reasoning stays collapsed: only how much there was. */
  | { kind: "reasoning"; id: string; characters: number }
  | {
      kind: "tool";
      id: string;
      tool: string;
      target: string;
      status: ToolStatus;
      durationMs: number | undefined;
      /** The tail of the output; empty once collapsed. */
      output: string;
      isOutputCollapsed: boolean;
      diff: DiffLine[];
    }
  | { kind: "notice"; id: string; text: string; tone: "info" | "success" | "warning" | "error" };

export interface StatusLine {
  agent: string | undefined;
  model: string | undefined;
  approval: ApprovalPolicy | undefined;
  /** `new` before the first prompt of a session. */
  session: SessionStatus | "new";
  queuedTurns: number;
  inputTokens: number;
  outputTokens: number;
  connection: ConnectionState;
  /** The server's sandbox provider (`GET /status`); undefined until it answered. */
  provider: string | undefined;
  /** When the session was created, and when its newest event happened (ISO 8601): the session's elapsed time. */
  sessionStartedAt: string | undefined;
  lastEventAt: string | undefined;
  /** The current (or last) turn's start and end: the turn's elapsed time. */
  turnStartedAt: string | undefined;
  turnEndedAt: string | undefined;
  /** What `/model`, `/agent` and `/approval` set for the next session started with `/new`. */
  next: NextSessionSettings;
}

export interface NextSessionSettings {
  model?: string | undefined;
  agent?: string | undefined;
  approval?: ApprovalPolicy | undefined;
}

export interface ViewState {
  sessionId: string | undefined;
  status: StatusLine;
  items: ChatItem[];
  /** Items dropped from the top to keep the state bounded. */
  droppedItems: number;
  /** Questions and permission requests handed to this user and not resolved yet, oldest first. */
  pending: InteractionRequestEvent[];
  /** Prompts typed while the agent worked, sent one by one when it settles. */
  queued: string[];
  /** What recent requests asked (interaction id → summary or question), so their resolution can say it. */
  asked: Array<{ interactionId: string; text: string; toolCallId: string }>;
  /** Files this session's tools wrote, edited or moved; newest last. */
  filesTouched: string[];
  /** The session's sandbox workspace as last listed (the file tree); undefined until listed. */
  workspace: FileEntry[] | undefined;
  lastSeq: number;
}

export interface ViewLimits {
  /** Chat items kept; older ones are dropped. */
  maxItems: number;
  /** Characters of one tool's output kept (its tail). */
  maxToolOutput: number;
  /** Tool calls, newest first, that keep their output; older ones are collapsed. */
  expandedTools: number;
  /** Characters of one assistant message kept (its tail). */
  maxMessage: number;
  maxFiles: number;
  /** Workspace entries kept for the tree (a pane shows a few dozen at most). */
  maxWorkspaceEntries: number;
}

export const defaultLimits: ViewLimits = {
  maxItems: 300,
  maxToolOutput: 4_000,
  expandedTools: 3,
  maxMessage: 40_000,
  maxFiles: 200,
  maxWorkspaceEntries: 2_000,
};

export type ViewAction =
  | { type: "event"; event: SessionEvent }
  | { type: "session"; view: SessionView }
  | { type: "connection"; state: ConnectionState }
  | { type: "provider"; provider: string }
  /** The sandbox workspace, listed again after a tool wrote. */
  | { type: "workspace"; entries: FileEntry[] }
  /** `/model`, `/agent`, `/approval`: shown at once, used by the next session. */
  | { type: "next"; settings: NextSessionSettings }
  | { type: "ask"; request: InteractionRequestEvent }
  | { type: "queue"; prompt: string }
  | { type: "dequeue" }
  | { type: "notice"; text: string; tone: "info" | "success" | "warning" | "error" }
  /** `/new`: a fresh session; the connection and what the user set stay. */
  | { type: "reset" };

export function initialViewState(status: Partial<StatusLine> = {}): ViewState {
  return {
    sessionId: undefined,
    status: {
      agent: undefined,
      model: undefined,
      approval: undefined,
      session: "new",
      queuedTurns: 0,
      inputTokens: 0,
      outputTokens: 0,
      connection: "connecting",
      provider: undefined,
      sessionStartedAt: undefined,
      lastEventAt: undefined,
      turnStartedAt: undefined,
      turnEndedAt: undefined,
      next: {},
      ...status,
    },
    items: [],
    droppedItems: 0,
    pending: [],
    queued: [],
    asked: [],
    filesTouched: [],
    workspace: undefined,
    lastSeq: 0,
  };
}

export function reduceView(
  state: ViewState,
  action: ViewAction,
  limits: ViewLimits = defaultLimits,
): ViewState {
  switch (action.type) {
    case "event":
      return reduceEvent(state, action.event, limits);
    case "session":
      return {
        ...state,
        sessionId: action.view.session_id,
        status: {
          ...state.status,
          agent: action.view.agent,
          model: action.view.model,
          approval: action.view.approval,
          session: action.view.status,
          sessionStartedAt: action.view.created_at,
          lastEventAt: state.status.lastEventAt ?? action.view.updated_at,
          queuedTurns: action.view.queued_turns,
          inputTokens: Math.max(state.status.inputTokens, action.view.usage.input_tokens),
          outputTokens: Math.max(state.status.outputTokens, action.view.usage.output_tokens),
        },
      };
    case "connection":
      return state.status.connection === action.state
        ? state
        : { ...state, status: { ...state.status, connection: action.state } };
    case "workspace":
      return { ...state, workspace: action.entries.slice(0, limits.maxWorkspaceEntries) };
    case "provider":
      return { ...state, status: { ...state.status, provider: action.provider } };
    case "next": {
      const next = { ...state.status.next, ...action.settings };
      // Before the first prompt there is no session yet: what shows is what the next one will use.
      const shown = state.sessionId === undefined ? definedOnly(next) : {};
      return { ...state, status: { ...state.status, ...shown, next } };
    }
    case "ask": {
      const id = action.request.data.interaction_id;
      if (state.pending.some((request) => request.data.interaction_id === id)) return state;
      return { ...state, pending: [...state.pending, action.request] };
    }
    case "queue":
      return { ...state, queued: [...state.queued, action.prompt] };
    case "dequeue":
      return { ...state, queued: state.queued.slice(1) };
    case "notice":
      return addItem(
        state,
        { kind: "notice", id: `notice-${noticeCount(state)}`, ...noticeOf(action) },
        limits,
      );
    case "reset":
      return initialViewState(initialStatusKeeping(state.status));
  }
}

function noticeOf(action: { text: string; tone: "info" | "success" | "warning" | "error" }) {
  return { text: action.text, tone: action.tone };
}

/** A notice id unique within the state: items dropped plus items kept. */
function noticeCount(state: ViewState): number {
  return state.droppedItems + state.items.length;
}

/** What `/new` keeps: who works and how (now what was set for the next session), the connection, the provider. */
function initialStatusKeeping(status: StatusLine): StatusLine {
  return {
    ...status,
    ...definedOnly(status.next),
    session: "new",
    queuedTurns: 0,
    inputTokens: 0,
    outputTokens: 0,
    sessionStartedAt: undefined,
    lastEventAt: undefined,
    turnStartedAt: undefined,
    turnEndedAt: undefined,
  };
}

function definedOnly(settings: NextSessionSettings): NextSessionSettings {
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
}

function reduceEvent(state: ViewState, event: SessionEvent, limits: ViewLimits): ViewState {
  // The follower yields each event once; a repeat (a reconnect racing a replay) changes nothing.
  if (event.seq <= state.lastSeq && state.sessionId === event.session_id) return state;
  const next: ViewState = {
    ...state,
    sessionId: event.session_id,
    lastSeq: event.seq,
    status: {
      ...state.status,
      lastEventAt: event.created_at,
      sessionStartedAt: state.status.sessionStartedAt ?? event.created_at,
    },
  };
  switch (event.name) {
    case "session.status":
      return {
        ...next,
        status: {
          ...next.status,
          session: event.data.status,
          queuedTurns: event.data.queued_turns ?? next.status.queuedTurns,
        },
      };
    case "turn.start":
      return addItem(
        {
          ...next,
          status: {
            ...next.status,
            model: event.data.model,
            turnStartedAt: event.created_at,
            turnEndedAt: undefined,
          },
        },
        { kind: "prompt", id: event.data.turn_id, text: event.data.prompt },
        limits,
      );
    case "message.delta":
      return appendMessage(next, event.data.message_id, event.data.text, false, limits);
    case "message.end":
      return appendMessage(next, event.data.message_id, event.data.text, true, limits);
    case "reasoning.delta":
      return updateOrAdd(
        next,
        (item) => item.kind === "reasoning" && item.id === event.data.message_id,
        (item) =>
          item.kind === "reasoning"
            ? { ...item, characters: item.characters + event.data.text.length }
            : item,
        { kind: "reasoning", id: event.data.message_id, characters: event.data.text.length },
        limits,
      );
    case "tool.start":
      return toolStart(next, event.data, limits);
    case "tool.delta":
      return updateTool(next, event.data.tool_call_id, (item) => ({
        ...item,
        output: item.isOutputCollapsed ? "" : tail(item.output + event.data.text, limits.maxToolOutput),
      }));
    case "tool.end":
      return updateTool(next, event.data.tool_call_id, (item) => ({
        ...item,
        status: item.status === "denied" ? "denied" : event.data.is_error ? "failed" : "succeeded",
        durationMs: event.data.duration_ms,
        // The end's output is what the model got; streamed output, when there was any, already shows.
        output: item.isOutputCollapsed
          ? ""
          : item.output === ""
            ? tail(event.data.output, limits.maxToolOutput)
            : item.output,
      }));
    case "permission.requested":
      return updateTool(remember(next, event.data), event.data.tool_call_id, (item) => ({
        ...item,
        status: "waiting",
      }));
    case "question.asked":
      return remember(next, event.data);
    case "interaction.resolved":
      return resolved(next, event.data, limits);
    case "usage":
      return {
        ...next,
        status: {
          ...next.status,
          inputTokens: event.data.session_input_tokens,
          outputTokens: event.data.session_output_tokens,
        },
      };
    case "error":
      return addItem(
        next,
        { kind: "notice", id: `error-${event.seq}`, text: event.data.message, tone: "error" },
        limits,
      );
    case "egress.denied":
      return addItem(
        next,
        {
          kind: "notice",
          id: `egress-${event.seq}`,
          text: `network: ${event.data.host}:${event.data.port} refused`,
          tone: "warning",
        },
        limits,
      );
    case "turn.end": {
      const ended = { ...next, status: { ...next.status, turnEndedAt: event.created_at } };
      return event.data.outcome === "failed"
        ? addItem(
            ended,
            {
              kind: "notice",
              id: `turn-${event.seq}`,
              text: `turn failed${event.data.reason ? `: ${event.data.reason}` : ""}`,
              tone: "error",
            },
            limits,
          )
        : ended;
    }
    case "session.ended":
      return {
        ...addItem(
          next,
          {
            kind: "notice",
            id: `ended-${event.seq}`,
            text: event.data.status + (event.data.reason ? `: ${event.data.reason}` : ""),
            tone:
              event.data.status === "completed"
                ? "success"
                : event.data.status === "failed"
                  ? "error"
                  : "warning",
          },
          limits,
        ),
        status: {
          ...next.status,
          session: event.data.status,
          queuedTurns: 0,
          turnEndedAt: next.status.turnEndedAt ?? event.created_at,
        },
        pending: [],
      };
    default:
      return next;
  }
}

function toolStart(
  state: ViewState,
  data: SessionEventPayloads["tool.start"],
  limits: ViewLimits,
): ViewState {
  const described = describeToolCall(data);
  // A turn resumed after a restart starts a pending tool call again: its line runs again, not twice.
  const again = findRecent(state.items, (item) => item.kind === "tool" && item.id === data.tool_call_id);
  if (again !== -1)
    return updateTool(state, data.tool_call_id, (item) => ({
      ...item,
      status: "running",
      durationMs: undefined,
    }));
  const collapsed = collapseOldTools(state.items, limits.expandedTools - 1);
  const withTool = addItem(
    { ...state, items: collapsed },
    {
      kind: "tool",
      id: data.tool_call_id,
      tool: data.tool,
      target: described.target,
      status: "running",
      durationMs: undefined,
      output: "",
      isOutputCollapsed: false,
      diff: described.diff,
    },
    limits,
  );
  if (described.files.length === 0) return withTool;
  const files = [
    ...withTool.filesTouched.filter((file) => !described.files.includes(file)),
    ...described.files,
  ];
  return { ...withTool, filesTouched: files.slice(-limits.maxFiles) };
}

/** Keeps the output of the newest `keep` tool calls; the others lose theirs (and their diff). */
function collapseOldTools(items: ChatItem[], keep: number): ChatItem[] {
  let seen = 0;
  let result: ChatItem[] | undefined;
  for (let index = items.length - 1; index >= 0; index -= 1) {
    const item = items[index]!;
    if (item.kind !== "tool") continue;
    seen += 1;
    if (seen <= keep || item.isOutputCollapsed) continue;
    result ??= [...items];
    result[index] = { ...item, output: "", diff: [], isOutputCollapsed: true };
  }
  return result ?? items;
}

function resolved(
  state: ViewState,
  data: SessionEventPayloads["interaction.resolved"],
  limits: ViewLimits,
): ViewState {
  const pending = state.pending.filter((request) => request.data.interaction_id !== data.interaction_id);
  const asked = state.asked.find((request) => request.interactionId === data.interaction_id);
  let next: ViewState = {
    ...state,
    pending,
    asked: state.asked.filter((request) => request.interactionId !== data.interaction_id),
  };
  if (data.kind === "permission" && asked !== undefined) {
    // The tool line waiting for this approval runs now, or never.
    next = updateTool(next, asked.toolCallId, (tool) => ({
      ...tool,
      status: data.outcome === "approved" ? "running" : "denied",
    }));
  }
  const what = asked?.text ?? data.kind;
  const text =
    data.outcome === "answered" ? `answered ${what}: ${data.answer ?? ""}` : `${data.outcome} ${what}`;
  const tone = data.outcome === "approved" || data.outcome === "answered" ? "success" : "warning";
  return addItem(next, { kind: "notice", id: `resolved-${data.interaction_id}`, text, tone }, limits);
}

/** Requests are few at a time; the bound only guards against a session that never answers. */
function remember(
  state: ViewState,
  data: SessionEventPayloads["permission.requested"] | SessionEventPayloads["question.asked"],
): ViewState {
  const text = "summary" in data ? data.summary : data.question;
  const request = { interactionId: data.interaction_id, text, toolCallId: data.tool_call_id };
  return { ...state, asked: [...state.asked, request].slice(-50) };
}

function appendMessage(
  state: ViewState,
  messageId: string,
  text: string,
  isEnd: boolean,
  limits: ViewLimits,
): ViewState {
  return updateOrAdd(
    state,
    // A finished message takes no more text: a turn resumed after a server restart counts its
    // steps from 1 again, so a new message may reuse an old one's id; it gets its own item.
    (item) => item.kind === "assistant" && item.id === messageId && !item.isComplete,
    (item) =>
      item.kind === "assistant"
        ? // The end carries the whole text: it replaces the pieces (and mends any that were coalesced).
          { ...item, text: tail(isEnd ? text : item.text + text, limits.maxMessage), isComplete: isEnd }
        : item,
    { kind: "assistant", id: messageId, text: tail(text, limits.maxMessage), isComplete: isEnd },
    limits,
  );
}

/** Looks for the item among the newest few (streams touch recent items), else adds it. */
function updateOrAdd(
  state: ViewState,
  matches: (item: ChatItem) => boolean,
  update: (item: ChatItem) => ChatItem,
  created: ChatItem,
  limits: ViewLimits,
): ViewState {
  const index = findRecent(state.items, matches);
  if (index === -1) return addItem(state, created, limits);
  const items = [...state.items];
  items[index] = update(items[index]!);
  return { ...state, items };
}

type ToolItem = Extract<ChatItem, { kind: "tool" }>;

function updateTool(state: ViewState, toolCallId: string, update: (item: ToolItem) => ToolItem): ViewState {
  const index = findRecent(state.items, (item) => item.kind === "tool" && item.id === toolCallId);
  if (index === -1) return state;
  const items = [...state.items];
  items[index] = update(items[index] as ToolItem);
  return { ...state, items };
}

/** Searches from the newest item back, at most 64 deep, so a long chat does not cost a scan per delta. */
function findRecent(items: ChatItem[], matches: (item: ChatItem) => boolean): number {
  const stop = Math.max(0, items.length - 64);
  for (let index = items.length - 1; index >= stop; index -= 1) if (matches(items[index]!)) return index;
  return -1;
}

function addItem(state: ViewState, item: ChatItem, limits: ViewLimits): ViewState {
  const items = [...state.items, item];
  const excess = items.length - limits.maxItems;
  if (excess <= 0) return { ...state, items };
  return { ...state, items: items.slice(excess), droppedItems: state.droppedItems + excess };
}

function tail(text: string, limit: number): string {
  return text.length <= limit ? text : `…${text.slice(text.length - limit + 1)}`;
}
