// One Hangar session inside the runner: its agent process, its ACP session, the
// prompt in flight, pending permission requests and the numbered progress log.
import {
  PROTOCOL_VERSION,
  type InitializeResponse,
  type McpServer,
  type NewSessionRequest,
  type PermissionOption,
  type PromptRequest,
  type RequestPermissionOutcome,
  type RequestPermissionRequest,
  type RequestPermissionResponse,
} from "@agentclientprotocol/sdk";
import type { ChatRequest, McpServerConfig } from "../runner-protocol/agent_pb.js";
import { LaunchError, prepareLaunch, type LaunchPlaces } from "./agent-launch.js";
import { AgentProcess, describeExit, type AgentExit } from "./agent-process.js";
import { ProgressLog } from "./progress-log.js";

export interface SessionSettings extends LaunchPlaces {
  bufferEvents: number;
  startTimeoutMs: number;
  cancelGraceMs: number;
}

export interface ChatOutcome {
  acpSessionId: string;
  origin: "new" | "loaded" | "resumed" | "primed";
  agentVersion?: string;
}

interface PendingPermission {
  request: RequestPermissionRequest;
  answer(outcome: RequestPermissionOutcome): void;
}

export class AgentSession {
  readonly log: ProgressLog;
  private agent: AgentProcess | undefined;
  private acpSessionId = "";
  private agentVersion: string | undefined;
  private autoApprove = false;
  private starting = false;
  private prompt: Promise<void> | undefined;
  private readonly permissions = new Map<string, PendingPermission>();

  constructor(
    readonly sessionId: string,
    private readonly settings: SessionSettings,
  ) {
    this.log = new ProgressLog(settings.bufferEvents);
  }

  get busy(): boolean {
    return this.starting || this.prompt !== undefined;
  }

  get currentAcpSessionId(): string {
    return this.acpSessionId;
  }

  get running(): boolean {
    return this.agent !== undefined && this.agent.exit === undefined;
  }

  /** Starts the agent and its ACP session when needed, then sends the prompt in the background. */
  async chat(request: ChatRequest): Promise<ChatOutcome> {
    if (this.busy) throw new LaunchError("BUSY", `session ${this.sessionId} is already running a prompt`);
    this.starting = true;
    try {
      let origin: ChatOutcome["origin"] = "resumed";
      let primer = "";
      if (!this.running) {
        const started = await this.start(request);
        origin = started.origin;
        if (origin === "primed") primer = `${request.transcript}\n\n`;
      }
      this.prompt = this.runPrompt(request, `${primer}${request.prompt}`).finally(() => {
        this.prompt = undefined;
      });
      return {
        acpSessionId: this.acpSessionId,
        origin,
        ...(this.agentVersion === undefined ? {} : { agentVersion: this.agentVersion }),
      };
    } finally {
      this.starting = false;
    }
  }

  private async start(request: ChatRequest): Promise<{ origin: ChatOutcome["origin"] }> {
    const server = request.agentConfig?.agentServer;
    const launch = await prepareLaunch(server, this.settings);
    this.autoApprove = server?.agentMode === "yolo";
    const startTimeoutMs = startTimeoutOf(server?.env) ?? this.settings.startTimeoutMs;
    // Whatever ends the start-up early: the agent's exit, garbage on its stdout, the timeout.
    let failStart: (error: LaunchError) => void = () => {};
    const startFailed = new Promise<never>((_, reject) => (failStart = reject));
    startFailed.catch(() => {});
    let ready = false;
    const agent = new AgentProcess(launch, {
      update: (notification) =>
        this.log.append(
          "AgentSessionUpdate",
          notification.update.sessionUpdate,
          JSON.stringify(notification),
        ),
      requestPermission: (permission) => this.askPermission(permission),
      garbage: (line) => {
        this.log.append("Error", "agent_stdout_garbage", JSON.stringify({ line: line.slice(0, 1024) }));
        if (!ready) {
          const shown = line.slice(0, 200);
          failStart(
            new LaunchError(
              "AGENT_PROTOCOL_ERROR",
              `the agent wrote something that is not JSON-RPC to stdout: ${shown}`,
            ),
          );
        }
      },
      exited: (exit) => {
        this.agentExited(agent, exit);
        failStart(new LaunchError(exitCode(exit), describeExit(exit)));
      },
    });
    this.agent = agent;
    const timer = setTimeout(
      () =>
        failStart(
          new LaunchError(
            "AGENT_START_TIMEOUT",
            `the agent did not answer within ${startTimeoutMs} ms of starting`,
          ),
        ),
      startTimeoutMs,
    );
    // The connection closes (rejecting the request) when the agent exits, a moment
    // before the exit itself is reported: name the exit then, not the closed connection.
    const during = <T>(request: Promise<T>) =>
      Promise.race([
        request.catch(async (error: unknown) => {
          const exit = agent.exit ?? (await Promise.race([agent.exited, sleep(100)]));
          if (exit !== undefined) throw new LaunchError(exitCode(exit), describeExit(exit));
          throw new LaunchError(
            "AGENT_START_FAILED",
            `the agent refused to start a session: ${(error as Error).message}`,
          );
        }),
        startFailed,
      ]);
    try {
      const capabilities = new Set(server?.capabilities ?? []);
      const initialized = await during(
        agent.connection.agent.request("initialize", {
          protocolVersion: PROTOCOL_VERSION,
          // An agent marked `local_files` reads and writes the workspace itself (it is in the same
          // sandbox): offered fs/*, it would mishandle the answers (see the catalog's gemini entry).
          clientCapabilities: {
            fs: {
              readTextFile: !capabilities.has("local_files"),
              writeTextFile: !capabilities.has("local_files"),
            },
            terminal: true,
          },
          clientInfo: { name: "hangar-agent-runner", version: "1" },
        }),
      );
      this.agentVersion = initialized.agentInfo?.version ?? server?.version;
      const wanted = request.acpSessionId ?? "";
      const session: NewSessionRequest = {
        cwd: this.settings.workspace,
        mcpServers: this.mcpServersFor(server?.mcpServers ?? [], initialized),
      };
      let origin: ChatOutcome["origin"];
      // Continue the earlier ACP session only when both the catalog and the agent say it can.
      const loads = capabilities.has("load_session") && initialized.agentCapabilities?.loadSession === true;
      const resumes = capabilities.has("resume_session") && canResume(initialized);
      if (wanted !== "" && (loads || resumes)) {
        const continued = { ...session, sessionId: wanted };
        await during(
          loads
            ? agent.connection.agent.request("session/load", continued)
            : agent.connection.agent.request("session/resume", continued),
        );
        this.acpSessionId = wanted;
        origin = loads ? "loaded" : "resumed";
      } else {
        const created = await during(agent.connection.agent.request("session/new", session));
        this.acpSessionId = created.sessionId;
        origin = (request.transcript ?? "") === "" ? "new" : "primed";
      }
      ready = true;
      return { origin };
    } catch (error) {
      await agent.stop(0);
      this.agent = undefined;
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The control plane's MCP servers in ACP's shape. stdio servers start here, in the sandbox,
   * as the agent's children; an HTTP server goes only to an agent that says it speaks HTTP MCP
   * (`mcpCapabilities.http`), and one left out is said in the progress log.
   */
  private mcpServersFor(servers: McpServerConfig[], initialized: InitializeResponse): McpServer[] {
    const speaksHttp = initialized.agentCapabilities?.mcpCapabilities?.http === true;
    const passed: McpServer[] = [];
    for (const server of servers) {
      if (server.command !== "") {
        passed.push({
          name: server.name,
          command: server.command,
          args: server.args,
          env: Object.entries(server.env).map(([name, value]) => ({ name, value })),
        });
      } else if (speaksHttp) {
        passed.push({
          type: "http",
          name: server.name,
          url: server.url,
          headers: Object.entries(server.headers).map(([name, value]) => ({ name, value })),
        });
      } else {
        this.log.append(
          "Error",
          "mcp_server_skipped",
          JSON.stringify({
            error: `the MCP server "${server.name}" is HTTP, and this agent does not support HTTP MCP servers (mcpCapabilities.http)`,
          }),
        );
      }
    }
    return passed;
  }

  private async runPrompt(request: ChatRequest, text: string): Promise<void> {
    const agent = this.agent!;
    const prompt: PromptRequest = { sessionId: this.acpSessionId, prompt: [{ type: "text", text }] };
    this.log.append("SessionPromptStart", "", JSON.stringify(prompt), request.requestId);
    try {
      const response = await agent.connection.agent.request("session/prompt", prompt);
      this.log.append("SessionPromptEnd", response.stopReason, JSON.stringify(response), request.requestId);
    } catch (error) {
      const message =
        agent.exit !== undefined ? describeExit(agent.exit) : String((error as Error).message ?? error);
      this.log.append("Error", "prompt_failed", JSON.stringify({ error: message }), request.requestId);
      this.log.append("SessionPromptEnd", "error", JSON.stringify({ error: message }), request.requestId);
    }
  }

  private askPermission(request: RequestPermissionRequest): Promise<RequestPermissionResponse> {
    const toolCallId = request.toolCall.toolCallId;
    this.log.append("PermissionRequest", request.toolCall.kind ?? "other", JSON.stringify(request));
    return new Promise((resolve) => {
      const answer = (outcome: RequestPermissionOutcome) => {
        this.permissions.delete(toolCallId);
        this.log.append(
          "PermissionResolved",
          outcome.outcome === "selected" ? outcome.optionId : "cancelled",
          JSON.stringify({ toolCallId, outcome }),
        );
        resolve({ outcome });
      };
      if (this.autoApprove) {
        const allow = request.options.find((option) => option.kind.startsWith("allow"));
        if (allow !== undefined) return answer({ outcome: "selected", optionId: allow.optionId });
      }
      this.permissions.set(toolCallId, { request, answer });
    });
  }

  /** Answers a pending permission request; undefined optionId means cancelled. */
  resolvePermission(toolCallId: string, optionId: string | undefined): RequestPermissionOutcome {
    const pending = this.permissions.get(toolCallId);
    if (pending === undefined)
      throw new LaunchError("NOT_FOUND", `no permission request is pending for tool call ${toolCallId}`);
    let outcome: RequestPermissionOutcome = { outcome: "cancelled" };
    if (optionId !== undefined) {
      const option: PermissionOption | undefined = pending.request.options.find(
        (each) => each.optionId === optionId,
      );
      if (option === undefined) {
        const known = pending.request.options.map((each) => each.optionId).join(", ");
        throw new LaunchError("UNKNOWN_OPTION", `option ${optionId} is not one of ${known}`);
      }
      outcome = { outcome: "selected", optionId };
    }
    pending.answer(outcome);
    return outcome;
  }

  /** ACP session/cancel; the agent's process group is killed when the prompt has not ended within the grace. */
  async cancel(): Promise<"idle" | "stopped" | "killed"> {
    const prompt = this.prompt;
    const agent = this.agent;
    if (prompt === undefined || agent === undefined) return "idle";
    for (const pending of [...this.permissions.values()]) pending.answer({ outcome: "cancelled" });
    await agent.connection.agent.notify("session/cancel", { sessionId: this.acpSessionId }).catch(() => {});
    let timer: NodeJS.Timeout | undefined;
    const ended = await Promise.race([
      prompt.then(() => true),
      new Promise<false>(
        (resolve) => (timer = setTimeout(() => resolve(false), this.settings.cancelGraceMs)),
      ),
    ]);
    clearTimeout(timer);
    if (ended) return "stopped";
    await agent.stop(0);
    await prompt;
    return "killed";
  }

  /** Stops the agent process; the session's log stays. */
  async stopAgent(force: boolean): Promise<"stopped" | "already_stopped"> {
    const agent = this.agent;
    if (agent === undefined || agent.exit !== undefined) return "already_stopped";
    await agent.stop(force ? 0 : this.settings.cancelGraceMs);
    return "stopped";
  }

  private agentExited(agent: AgentProcess, exit: AgentExit): void {
    const subType = exit.signal ?? (exit.spawnError !== undefined ? "spawn_error" : String(exit.exitCode));
    this.log.append("AgentExited", subType, JSON.stringify(exit));
    if (this.agent === agent) {
      for (const pending of [...this.permissions.values()]) pending.answer({ outcome: "cancelled" });
      this.agent = undefined;
    }
  }
}

/**
 * An agent's own start timeout: `HANGAR_AGENT_START_TIMEOUT_MS` in its environment
 * (`[agents.custom.NAME.env]`) overrides the runner's --start-timeout-ms, so a slow
 * starter can get longer and a test of an agent that never answers takes seconds.
 */
function startTimeoutOf(env: Record<string, string> | undefined): number | undefined {
  const text = env?.HANGAR_AGENT_START_TIMEOUT_MS;
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new LaunchError(
      "INVALID_ARGUMENT",
      `HANGAR_AGENT_START_TIMEOUT_MS must be a whole number of milliseconds, not ${JSON.stringify(text)}`,
    );
  }
  return value;
}

const sleep = (ms: number) => new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ms));

function canResume(initialized: InitializeResponse): boolean {
  const resume = initialized.agentCapabilities?.sessionCapabilities?.resume;
  return resume !== undefined && resume !== null;
}

function exitCode(exit: AgentExit): string {
  return exit.spawnError !== undefined ? "AGENT_SPAWN_FAILED" : "AGENT_EXITED";
}
