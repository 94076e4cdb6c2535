import { approvalPolicies, type ApprovalPolicy } from "../agents/builtin/approval-policy.js";
import { HangarError } from "../core/errors.js";
import { newId, userIdPattern } from "../core/ids.js";
import type { EventLog, EventSubscription } from "../events/event-log.js";
import { terminalStatuses, type SessionEvent } from "../events/session-events.js";
import type { AgentSessionRecord, AgentSessionRepository } from "../store/agent-session-repository.js";
import type { SessionTurnRepository } from "../store/session-turn-repository.js";
import type { InteractionAnswer, InteractionBroker, InteractionResolution } from "./interaction-broker.js";
import { presentSession, type SessionView } from "./session-view.js";
import type { ChatResponse } from "../protocol/agent-requests.js";
import type { SessionDrivers } from "./session-drivers.js";

/**
 * Agent sessions as users see them: start one with a prompt, continue it,
 * watch and page its events, answer its questions, cancel it, stop a
 * project's agents. Driving the turns is `SessionDrivers`' job.
 */
export interface ChatRequest {
  prompt: string;
  projectId: string;
  sessionId?: string;
  userId?: string;
  model?: string;
  approval?: string;
}

export type { ChatResponse } from "../protocol/agent-requests.js";

export interface SessionServiceOptions {
  sessions: AgentSessionRepository;
  turns: SessionTurnRepository;
  events: EventLog;
  interactions: InteractionBroker;
  drivers: SessionDrivers;
  /** Resolves a model name; throws UNKNOWN_MODEL or MISSING_API_KEY (field `model`). */
  resolveModel(name: string | undefined): { id: string };
  defaultApproval: ApprovalPolicy;
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

  chat(owner: string, request: ChatRequest): ChatResponse {
    const prompt = validatePrompt(request.prompt);
    const projectId = validateIdentifier(request.projectId, "project_id");
    const userId = request.userId === undefined ? undefined : validateIdentifier(request.userId, "user_id");
    const approval = request.approval === undefined ? undefined : validateApproval(request.approval);
    const { sessions, turns, drivers } = this.#options;
    let session: AgentSessionRecord;
    if (request.sessionId !== undefined) {
      session = this.#own(owner, request.sessionId);
      if (session.projectId !== projectId) {
        throw new HangarError(
          "VALIDATION_FAILED",
          `session ${session.id} belongs to project ${session.projectId}, not ${projectId}`,
          { field: "project_id" },
        );
      }
      // A continuation may switch models; the session keeps the new one.
      if (request.model !== undefined) {
        sessions.setModel(session.id, this.#options.resolveModel(request.model).id);
      }
      if (approval !== undefined) sessions.setApproval(session.id, approval);
    } else {
      const model = this.#options.resolveModel(request.model).id;
      session = sessions.create({
        id: newId("ses"),
        owner,
        projectId,
        userId: userId ?? null,
        model,
        approval: approval ?? this.#options.defaultApproval,
        status: "pending",
        createdAt: this.#now(),
      });
      this.#options.events.append(session.id, "session.status", { status: "pending" });
    }
    const turn = turns.enqueue({ id: newId("turn"), sessionId: session.id, prompt, createdAt: this.#now() });
    const status = drivers.drive(session.id);
    return { session_id: session.id, project_id: projectId, status, turn_id: turn.id };
  }

  get(owner: string, sessionId: string): SessionView {
    return this.#view(this.#own(owner, sessionId));
  }

  list(owner: string, projectId?: string): SessionView[] {
    const project = projectId === undefined ? undefined : validateIdentifier(projectId, "project_id");
    return this.#options.sessions
      .listByOwner(owner, { ...(project === undefined ? {} : { projectId: project }), limit: 100 })
      .map((session) => this.#view(session));
  }

  /** A JSON page of the event log. */
  events(
    owner: string,
    sessionId: string,
    since = 0,
    limit = 100,
  ): { events: SessionEvent[]; next_since: number } {
    this.#own(owner, sessionId);
    const bounded = Math.min(Math.max(1, Math.floor(limit)), pageLimit);
    const events = this.#options.events.list(sessionId, Math.max(0, Math.floor(since)), bounded);
    return { events, next_since: events.at(-1)?.seq ?? since };
  }

  /** Every event after `since`, then live ones, exactly once each. */
  subscribe(owner: string, sessionId: string, since = 0): EventSubscription {
    this.#own(owner, sessionId);
    return this.#options.events.subscribe(sessionId, Math.max(0, Math.floor(since)));
  }

  /** Whether a watcher that has seen up to `seq` has seen the end: the session is over and nothing is queued. */
  isSettled(sessionId: string, seq: number): boolean {
    const session = this.#options.sessions.get(sessionId);
    if (session === undefined || !terminalStatuses.has(session.status)) return false;
    if (this.#options.turns.countQueued(sessionId) > 0) return false;
    return seq >= this.#options.events.lastSeq(sessionId);
  }

  reply(
    owner: string,
    sessionId: string,
    interactionId: string,
    answer: InteractionAnswer,
  ): InteractionResolution {
    this.#own(owner, sessionId);
    return this.#options.interactions.reply(sessionId, interactionId, answer);
  }

  /** Cancels the running turn and drops queued ones; resolves once the session has settled (at most ~2 s). */
  async cancel(owner: string, sessionId: string, reason = "cancelled by the user"): Promise<SessionView> {
    const session = this.#own(owner, sessionId);
    await this.#options.drivers.cancel(session.id, reason);
    return this.get(owner, sessionId);
  }

  /** Stops every agent of a project; its sandbox stays. */
  async stopProject(owner: string, projectId: string): Promise<{ project_id: string; stopped: string[] }> {
    const project = validateIdentifier(projectId, "project_id");
    const active = this.#options.sessions
      .listByOwner(owner, { projectId: project, limit: 1000 })
      .filter(
        (session) => !terminalStatuses.has(session.status) || this.#options.drivers.isDriving(session.id),
      );
    await Promise.all(
      active.map((session) => this.#options.drivers.cancel(session.id, "stopped with the project")),
    );
    return { project_id: project, stopped: active.map((session) => session.id) };
  }

  projectStatus(
    owner: string,
    projectId: string,
  ): { project_id: string; status: "idle" | "busy" | "waiting"; sessions: SessionView[] } {
    const sessions = this.list(owner, projectId);
    const active = sessions.filter((session) => !terminalStatuses.has(session.status));
    const isBusy = active.some((session) => session.status !== "waiting");
    const status = active.length === 0 ? "idle" : isBusy ? "busy" : "waiting";
    return { project_id: projectId, status, sessions };
  }

  #view(session: AgentSessionRecord): SessionView {
    return presentSession(session, {
      queuedTurns: this.#options.turns.countQueued(session.id),
      lastSeq: this.#options.events.lastSeq(session.id),
      pendingInteractions: this.#options.interactions.pending(session.id),
    });
  }

  /** Another owner's session answers exactly like a missing one. */
  #own(owner: string, sessionId: string): AgentSessionRecord {
    const session = typeof sessionId === "string" ? this.#options.sessions.get(sessionId) : undefined;
    if (session === undefined || session.owner !== owner) {
      throw new HangarError("SESSION_NOT_FOUND", `no agent session ${String(sessionId)}`, {
        field: "session_id",
      });
    }
    return session;
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
