import { approvalPolicies, type ApprovalPolicy } from "../agents/builtin/approval-policy.js";
import { HangarError } from "../core/errors.js";
import { newId, userIdPattern } from "../core/ids.js";
import type { EventLog, EventSubscription } from "../events/event-log.js";
import { terminalStatuses, type SessionEvent } from "../events/session-events.js";
import type { AgentSessionRecord, AgentSessionRepository } from "./agent-session-repository.js";
import type { InteractionAnswer, InteractionBroker, InteractionResolution } from "./interaction-broker.js";
import type { SessionScheduler } from "./session-scheduler.js";
import type { SessionTurnRepository } from "./session-turn-repository.js";
import { presentSession, type SessionView } from "./session-view.js";
import type { ChatResponse } from "../protocol/agent-requests.js";

/**
 * Agent sessions as users see them: start one with a prompt, continue it,
 * watch and page its events, answer its questions, cancel it, stop a
 * project's agents. Running the turns is `SessionScheduler`'s job.
 */
export interface ChatRequest {
  prompt: string;
  projectId: string;
  sessionId?: string;
  userId?: string;
  model?: string;
  approval?: string;
  agent?: string;
  /** Credential names for the built-in agent's `http_request`; only when the session starts. */
  credentials?: string[];
}

export type { ChatResponse } from "../protocol/agent-requests.js";

export interface SessionServiceOptions {
  sessions: AgentSessionRepository;
  turns: SessionTurnRepository;
  events: EventLog;
  interactions: InteractionBroker;
  scheduler: SessionScheduler;
  /** Resolves a model name; throws UNKNOWN_MODEL or MISSING_API_KEY (field `model`). */
  resolveModel(name: string | undefined): { id: string };
  defaultApproval: ApprovalPolicy;
  /** The agent a new session gets (the default when absent); throws for an unknown or missing one (field `agent`). */
  resolveAgent(name: string | undefined): string | Promise<string>;
  /**
   * Rejects (field `credentials`) when one of the names is not a credential of this owner;
   * absent where no credential store is wired, and then any named credential is refused.
   */
  checkCredentials?(owner: string, names: string[]): Promise<void>;
  now?: () => Date;
}

const maxPromptCharacters = 100_000;
const pageLimit = 1000;

export class SessionService {
  readonly #options: SessionServiceOptions;
  readonly #now: () => Date;

  constructor(options: SessionServiceOptions) {
    this.#options = options;
    this.#now = options.now ?? (() => new Date());
  }

  async chat(owner: string, request: ChatRequest): Promise<ChatResponse> {
    const prompt = validatePrompt(request.prompt);
    const projectId = validateIdentifier(request.projectId, "project_id");
    const userId = request.userId === undefined ? undefined : validateIdentifier(request.userId, "user_id");
    const approval = request.approval === undefined ? undefined : validateApproval(request.approval);
    const { sessions, turns, scheduler } = this.#options;
    // A client may choose the id of a new session (RCoder's clients do): an id nobody has
    // starts one; another owner's is answered as not found, like any session not yours.
    const existing =
      request.sessionId === undefined
        ? undefined
        : await sessions.get(validateIdentifier(request.sessionId, "session_id"));
    let session: AgentSessionRecord;
    if (existing !== undefined) {
      session = ownedBy(owner, existing.id, existing);
      if (session.projectId !== projectId) {
        throw new HangarError(
          "VALIDATION_FAILED",
          `session ${session.id} belongs to project ${session.projectId}, not ${projectId}`,
          { field: "project_id" },
        );
      }
      // A continuation may switch models; the session keeps the new one.
      if (request.model !== undefined) {
        await sessions.setModel(session.id, this.#options.resolveModel(request.model).id);
      }
      if (approval !== undefined) await sessions.setApproval(session.id, approval);
      if (request.credentials !== undefined && !sameNames(request.credentials, session.credentials)) {
        throw new HangarError(
          "VALIDATION_FAILED",
          `session ${session.id} was started with credentials [${session.credentials.join(", ")}]; a session keeps its credentials (start a new session for others)`,
          { field: "credentials" },
        );
      }
      if (request.agent !== undefined && request.agent !== session.agent) {
        throw new HangarError(
          "VALIDATION_FAILED",
          `session ${session.id} is worked by the agent ${session.agent}; a session keeps its agent (start a new session for ${request.agent})`,
          { field: "agent" },
        );
      }
    } else {
      const agent = await this.#options.resolveAgent(request.agent);
      const model = this.#options.resolveModel(request.model).id;
      const credentials = await this.#credentialsFor(owner, request.credentials);
      session = await sessions
        .create({
          id: request.sessionId ?? newId("ses"),
          owner,
          projectId,
          userId: userId ?? null,
          model,
          approval: approval ?? this.#options.defaultApproval,
          agent,
          ...(credentials.length > 0 ? { credentials } : {}),
          status: "pending",
          createdAt: this.#now(),
        })
        .catch((error: unknown) => {
          // Two requests chose the same new id at once: the other one created it.
          if (request.sessionId !== undefined && isPrimaryKeyConflict(error)) {
            throw new HangarError(
              "CONFLICT",
              `session ${request.sessionId} was just created by another request; send the prompt again to continue it`,
              { field: "session_id" },
            );
          }
          throw error;
        });
      await this.#options.events.append(session.id, "session.status", { status: "pending" });
    }
    const turn = await turns.enqueue({
      id: newId("turn"),
      sessionId: session.id,
      prompt,
      createdAt: this.#now(),
    });
    const status = await scheduler.schedule(session.id);
    return { session_id: session.id, project_id: projectId, status, turn_id: turn.id };
  }

  /**
   * The built-in agent uses them through `http_request`; an external agent through
   * `http://credentials.hangar/…` (its egress proxy). Either way the token stays outside the sandbox.
   */
  async #credentialsFor(owner: string, names: string[] | undefined): Promise<string[]> {
    const unique = [...new Set(names ?? [])];
    if (unique.length === 0) return [];
    if (this.#options.checkCredentials === undefined) {
      throw new HangarError("VALIDATION_FAILED", "this server has no credential store", {
        field: "credentials",
      });
    }
    await this.#options.checkCredentials(owner, unique);
    return unique;
  }

  async get(owner: string, sessionId: string): Promise<SessionView> {
    return this.#view(await this.#own(owner, sessionId));
  }

  async list(owner: string, projectId?: string): Promise<SessionView[]> {
    const project = projectId === undefined ? undefined : validateIdentifier(projectId, "project_id");
    const sessions = await this.#options.sessions.listByOwner(owner, {
      ...(project === undefined ? {} : { projectId: project }),
      limit: 100,
    });
    return Promise.all(sessions.map((session) => this.#view(session)));
  }

  /** A JSON page of the event log. */
  async events(
    owner: string,
    sessionId: string,
    since = 0,
    limit = 100,
  ): Promise<{ events: SessionEvent[]; next_since: number }> {
    await this.#own(owner, sessionId);
    const bounded = Math.min(Math.max(1, Math.floor(limit)), pageLimit);
    const events = await this.#options.events.list(sessionId, Math.max(0, Math.floor(since)), bounded);
    return { events, next_since: events.at(-1)?.seq ?? since };
  }

  /** Every event after `since`, then live ones, exactly once each. */
  async subscribe(owner: string, sessionId: string, since = 0): Promise<EventSubscription> {
    await this.#own(owner, sessionId);
    return this.#options.events.subscribe(sessionId, Math.max(0, Math.floor(since)));
  }

  /** Whether a watcher that has seen up to `seq` has seen the end: the session is over and nothing is queued. */
  async isSettled(sessionId: string, seq: number): Promise<boolean> {
    const session = await this.#options.sessions.get(sessionId);
    if (session === undefined || !terminalStatuses.has(session.status)) return false;
    if ((await this.#options.turns.countQueued(sessionId)) > 0) return false;
    return seq >= (await this.#options.events.lastSeq(sessionId));
  }

  async reply(
    owner: string,
    sessionId: string,
    interactionId: string,
    answer: InteractionAnswer,
  ): Promise<InteractionResolution> {
    await this.#own(owner, sessionId);
    return this.#options.interactions.reply(sessionId, interactionId, answer);
  }

  /** Cancels the running turn and drops queued ones; resolves once the session has settled (at most ~2 s). */
  async cancel(owner: string, sessionId: string, reason = "cancelled by the user"): Promise<SessionView> {
    const session = await this.#own(owner, sessionId);
    await this.#options.scheduler.cancel(session.id, reason);
    return this.get(owner, sessionId);
  }

  /** Stops every agent of a project; its sandbox stays. */
  async stopProject(owner: string, projectId: string): Promise<{ project_id: string; stopped: string[] }> {
    const project = validateIdentifier(projectId, "project_id");
    const sessions = await this.#options.sessions.listByOwner(owner, { projectId: project, limit: 1000 });
    const active = sessions.filter(
      (session) => !terminalStatuses.has(session.status) || this.#options.scheduler.isRunning(session.id),
    );
    await Promise.all(
      active.map((session) => this.#options.scheduler.cancel(session.id, "stopped with the project")),
    );
    return { project_id: project, stopped: active.map((session) => session.id) };
  }

  async projectStatus(
    owner: string,
    projectId: string,
  ): Promise<{ project_id: string; status: "idle" | "busy" | "waiting"; sessions: SessionView[] }> {
    const sessions = await this.list(owner, projectId);
    const active = sessions.filter((session) => !terminalStatuses.has(session.status));
    const isBusy = active.some((session) => session.status !== "waiting");
    const status = active.length === 0 ? "idle" : isBusy ? "busy" : "waiting";
    return { project_id: projectId, status, sessions };
  }

  async #view(session: AgentSessionRecord): Promise<SessionView> {
    const [queuedTurns, lastSeq, pendingInteractions] = await Promise.all([
      this.#options.turns.countQueued(session.id),
      this.#options.events.lastSeq(session.id),
      this.#options.interactions.pending(session.id),
    ]);
    return presentSession(session, { queuedTurns, lastSeq, pendingInteractions });
  }

  /** Another owner's session answers exactly like a missing one. */
  async #own(owner: string, sessionId: string): Promise<AgentSessionRecord> {
    const session = typeof sessionId === "string" ? await this.#options.sessions.get(sessionId) : undefined;
    return ownedBy(owner, sessionId, session);
  }
}

function validatePrompt(prompt: unknown): string {
  if (typeof prompt !== "string" || prompt.trim() === "") {
    throw new HangarError("VALIDATION_FAILED", "prompt must be a non-empty string", { field: "prompt" });
  }
  if (prompt.length > maxPromptCharacters) {
    throw new HangarError("VALIDATION_FAILED", `prompt must be at most ${maxPromptCharacters} characters`, {
      field: "prompt",
    });
  }
  return prompt;
}

function validateIdentifier(value: unknown, field: string): string {
  if (typeof value !== "string" || !userIdPattern.test(value)) {
    throw new HangarError(
      "VALIDATION_FAILED",
      `${field} must be 1-128 letters, digits, . _ : - (starting with a letter or digit)`,
      {
        field,
      },
    );
  }
  return value;
}

function validateApproval(value: string): ApprovalPolicy {
  if (!(approvalPolicies as readonly string[]).includes(value)) {
    throw new HangarError("VALIDATION_FAILED", `approval must be one of ${approvalPolicies.join(", ")}`, {
      field: "approval",
    });
  }
  return value as ApprovalPolicy;
}

/** The session when `owner` owns it; any other (or none) is not found, never forbidden: ids do not leak. */
function ownedBy(
  owner: string,
  sessionId: string,
  session: AgentSessionRecord | undefined,
): AgentSessionRecord {
  if (session === undefined || session.owner !== owner) {
    throw new HangarError("SESSION_NOT_FOUND", `no agent session ${String(sessionId)}`, {
      field: "session_id",
    });
  }
  return session;
}

/** The store's refusal of a duplicate id (SQLite's SQLITE_CONSTRAINT_PRIMARYKEY). */
function isPrimaryKeyConflict(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}

function sameNames(left: readonly string[], right: readonly string[]): boolean {
  const sorted = (names: readonly string[]) => [...new Set(names)].sort().join("\n");
  return sorted(left) === sorted(right);
}
