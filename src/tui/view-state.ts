import type { SessionEvent } from "../protocol/index.js";
import { addItem, tail, updateOrAdd, updateTool } from "./view-items.js";
import { remember, resolved } from "./view-interactions.js";
import { outputExcerpt, toolStart } from "./view-tool-items.js";
import type { NextSessionSettings, StatusLine, ViewAction, ViewLimits, ViewState } from "./view-types.js";

export type {
  ChatItem,
  ConnectionState,
  NextSessionSettings,
  StatusLine,
  ToolStatus,
  ViewAction,
  ViewLimits,
  ViewState,
} from "./view-types.js";
import { defaultLimits } from "./view-types.js";
export { defaultLimits };

/**
 * What the terminal UI shows, as plain data, and the one reducer that moves it
 * on: session events from the follower plus the few things only the TUI knows
 * (the connection, prompts queued here, requests handed to the user). Pure, so
 * it is tested without Ink, and bounded, so a 10,000-event session costs the
 * same memory as a 500-event one: old chat items are dropped (counted), old
 * tool output is collapsed, long texts keep their tail.
 */

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
        output: item.isOutputCollapsed
          ? outputExcerpt(item.output + event.data.text, limits)
          : tail(item.output + event.data.text, limits.maxToolOutput),
      }));
    case "tool.end":
      return updateTool(next, event.data.tool_call_id, (item) => ({
        ...item,
        status: item.status === "denied" ? "denied" : event.data.is_error ? "failed" : "succeeded",
        durationMs: event.data.duration_ms,
        // The end's output is what the model got; streamed output, when there was any, already shows.
        output:
          item.output !== ""
            ? item.output
            : item.isOutputCollapsed
              ? outputExcerpt(event.data.output, limits)
              : tail(event.data.output, limits.maxToolOutput),
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
