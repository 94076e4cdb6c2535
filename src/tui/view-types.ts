import type {
  ApprovalPolicy,
  FileEntry,
  InteractionRequestEvent,
  SessionEvent,
  SessionStatus,
  SessionView,
} from "../protocol/index.js";
import type { DiffLine } from "../protocol/tool-summary.js";

/** The view state's shapes: what the reducer in view-state.ts keeps and the screen reads. */

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
      /** The file the call writes, edits or reads, which Enter on its line opens. */
      file?: string | undefined;
      /** The tail of the output; once collapsed, only its first lines. */
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
  /** Lines, and characters, of a collapsed call's output kept (its head), shown when the user expands it. */
  collapsedOutputLines: number;
  maxCollapsedOutput: number;
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
  collapsedOutputLines: 20,
  maxCollapsedOutput: 1_000,
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
