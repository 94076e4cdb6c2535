import type { Sandbox } from "../../sandbox/sandbox-port.js";

/**
 * What the ACP driver needs of the agent runner inside a sandbox, in the
 * driver's own words. The adapter (`runner-connection.ts`) speaks the gRPC
 * service of `proto/agent.proto` to it; tests may use anything that keeps
 * these promises.
 */

/** One numbered thing the runner saw (its `ProgressEvent`). */
export interface RunnerProgress {
  /** SessionPromptStart, AgentSessionUpdate, PermissionRequest, PermissionResolved, SessionPromptEnd, AgentExited, Error. */
  messageType: string;
  subType: string;
  /** The ACP message's JSON. */
  payload: string;
  /** The prompt (Hangar turn) it belongs to, when it belongs to one. */
  requestId?: string;
  /** 1, 2, 3, … per session with no gaps. */
  seq: number;
}

/** One `[mcp.servers.<name>]` for ACP `session/new`: stdio (`command`) or HTTP (`url`). */
export type AcpMcpServer =
  | { name: string; command: string; args: string[]; env: Record<string, string> }
  | { name: string; url: string; headers: Record<string, string> };

/** The agent to start and how it reaches its model (never a real key: a relay token). */
export interface AgentLaunch {
  agentId: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  /** Files written into the agent's private home before it starts (relative path → content). */
  homeFiles: Record<string, string>;
  /** `load_session`, `resume_session`. */
  capabilities: string[];
  /** The model name the agent is told to use. */
  model: string;
  /** MCP servers the runner passes in ACP `session/new` (HTTP ones only to agents that support them). */
  mcpServers?: AcpMcpServer[];
}

export interface RunnerChat {
  sessionId: string;
  projectId: string;
  /** The Hangar turn id: it comes back as the `requestId` of the prompt's events. */
  requestId: string;
  prompt: string;
  launch: AgentLaunch;
  /** The ACP session to continue, after the agent restarted. */
  acpSessionId?: string;
  /** The conversation so far, for a new ACP session when the old one cannot be loaded. */
  transcript?: string;
}

export interface RunnerChatAnswer {
  acpSessionId: string;
  /** new, loaded, resumed, primed. */
  sessionOrigin: string;
}

export interface RunnerSessionStatus {
  /** The runner knows this session (its agent runs or ran). */
  found: boolean;
  busy: boolean;
  lastSeq: number;
  acpSessionId: string;
}

export interface AgentRunnerConnection {
  /** Rejects with a HangarError naming why the agent could not take the prompt. */
  chat(request: RunnerChat): Promise<RunnerChatAnswer>;
  /** Events with seq > fromSeq, then live ones, until the signal aborts. */
  subscribe(sessionId: string, fromSeq: number, signal: AbortSignal): AsyncIterable<RunnerProgress>;
  status(sessionId: string): Promise<RunnerSessionStatus>;
  /** ACP session/cancel; the runner kills the agent if it has not stopped within 2 s. */
  cancel(sessionId: string, reason: string): Promise<void>;
  resolvePermission(
    sessionId: string,
    toolCallId: string,
    answer: { optionId: string } | { cancelled: true },
  ): Promise<void>;
  /** Ends the session's agent process (the runner stays). */
  stopAgent(sessionId: string): Promise<void>;
}

/** The runners of sandboxes: started on first use, found again while they live. */
export interface AgentRunners {
  open(sandbox: Sandbox, signal: AbortSignal): Promise<AgentRunnerConnection>;
}
