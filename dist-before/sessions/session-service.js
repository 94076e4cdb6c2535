import { approvalPolicies } from "../agents/builtin/approval-policy.js";
import { HangarError } from "../core/errors.js";
import { newId, userIdPattern } from "../core/ids.js";
import { terminalStatuses } from "../events/session-events.js";
import { presentSession } from "./session-view.js";
const maxPromptCharacters = 100_000;
const pageLimit = 1000;
export class SessionService {
    #options;
    #now;
    constructor(options) {
        this.#options = options;
        this.#now = options.now ?? (() => new Date());
    }
    async chat(owner, request) {
        const prompt = validatePrompt(request.prompt);
        const projectId = validateIdentifier(request.projectId, "project_id");
        const userId = request.userId === undefined ? undefined : validateIdentifier(request.userId, "user_id");
        const approval = request.approval === undefined ? undefined : validateApproval(request.approval);
        const { sessions, turns, scheduler } = this.#options;
        // A client may choose the id of a new session (RCoder's clients do): an id nobody has
        // starts one; another owner's is answered as not found, like any session not yours.
        const existing = request.sessionId === undefined
            ? undefined
            : await sessions.get(validateIdentifier(request.sessionId, "session_id"));
        let session;
        if (existing !== undefined) {
            session = ownedBy(owner, existing.id, existing);
            if (session.projectId !== projectId) {
                throw new HangarError("VALIDATION_FAILED", `session ${session.id} belongs to project ${session.projectId}, not ${projectId}`, { field: "project_id" });
            }
            // A continuation may switch models; the session keeps the new one.
            if (request.model !== undefined) {
                await sessions.setModel(session.id, this.#options.resolveModel(request.model).id);
            }
            if (approval !== undefined)
                await sessions.setApproval(session.id, approval);
            if (request.agent !== undefined && request.agent !== session.agent) {
                throw new HangarError("VALIDATION_FAILED", `session ${session.id} is worked by the agent ${session.agent}; a session keeps its agent (start a new session for ${request.agent})`, { field: "agent" });
            }
        }
        else {
            const agent = await this.#options.resolveAgent(request.agent);
            const model = this.#options.resolveModel(request.model).id;
            session = await sessions
                .create({
                id: request.sessionId ?? newId("ses"),
                owner,
                projectId,
                userId: userId ?? null,
                model,
                approval: approval ?? this.#options.defaultApproval,
                agent,
                status: "pending",
                createdAt: this.#now(),
            })
                .catch((error) => {
                // Two requests chose the same new id at once: the other one created it.
                if (request.sessionId !== undefined && isPrimaryKeyConflict(error)) {
                    throw new HangarError("CONFLICT", `session ${request.sessionId} was just created by another request; send the prompt again to continue it`, { field: "session_id" });
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
    async get(owner, sessionId) {
        return this.#view(await this.#own(owner, sessionId));
    }
    async list(owner, projectId) {
        const project = projectId === undefined ? undefined : validateIdentifier(projectId, "project_id");
        const sessions = await this.#options.sessions.listByOwner(owner, {
            ...(project === undefined ? {} : { projectId: project }),
            limit: 100,
        });
        return Promise.all(sessions.map((session) => this.#view(session)));
    }
    /** A JSON page of the event log. */
    async events(owner, sessionId, since = 0, limit = 100) {
        await this.#own(owner, sessionId);
        const bounded = Math.min(Math.max(1, Math.floor(limit)), pageLimit);
        const events = await this.#options.events.list(sessionId, Math.max(0, Math.floor(since)), bounded);
        return { events, next_since: events.at(-1)?.seq ?? since };
    }
    /** Every event after `since`, then live ones, exactly once each. */
    async subscribe(owner, sessionId, since = 0) {
        await this.#own(owner, sessionId);
        return this.#options.events.subscribe(sessionId, Math.max(0, Math.floor(since)));
    }
    /** Whether a watcher that has seen up to `seq` has seen the end: the session is over and nothing is queued. */
    async isSettled(sessionId, seq) {
        const session = await this.#options.sessions.get(sessionId);
        if (session === undefined || !terminalStatuses.has(session.status))
            return false;
        if ((await this.#options.turns.countQueued(sessionId)) > 0)
            return false;
        return seq >= (await this.#options.events.lastSeq(sessionId));
    }
    async reply(owner, sessionId, interactionId, answer) {
        await this.#own(owner, sessionId);
        return this.#options.interactions.reply(sessionId, interactionId, answer);
    }
    /** Cancels the running turn and drops queued ones; resolves once the session has settled (at most ~2 s). */
    async cancel(owner, sessionId, reason = "cancelled by the user") {
        const session = await this.#own(owner, sessionId);
        await this.#options.scheduler.cancel(session.id, reason);
        return this.get(owner, sessionId);
    }
    /** Stops every agent of a project; its sandbox stays. */
    async stopProject(owner, projectId) {
        const project = validateIdentifier(projectId, "project_id");
        const sessions = await this.#options.sessions.listByOwner(owner, { projectId: project, limit: 1000 });
        const active = sessions.filter((session) => !terminalStatuses.has(session.status) || this.#options.scheduler.isRunning(session.id));
        await Promise.all(active.map((session) => this.#options.scheduler.cancel(session.id, "stopped with the project")));
        return { project_id: project, stopped: active.map((session) => session.id) };
    }
    async projectStatus(owner, projectId) {
        const sessions = await this.list(owner, projectId);
        const active = sessions.filter((session) => !terminalStatuses.has(session.status));
        const isBusy = active.some((session) => session.status !== "waiting");
        const status = active.length === 0 ? "idle" : isBusy ? "busy" : "waiting";
        return { project_id: projectId, status, sessions };
    }
    async #view(session) {
        const [queuedTurns, lastSeq, pendingInteractions] = await Promise.all([
            this.#options.turns.countQueued(session.id),
            this.#options.events.lastSeq(session.id),
            this.#options.interactions.pending(session.id),
        ]);
        return presentSession(session, { queuedTurns, lastSeq, pendingInteractions });
    }
    /** Another owner's session answers exactly like a missing one. */
    async #own(owner, sessionId) {
        const session = typeof sessionId === "string" ? await this.#options.sessions.get(sessionId) : undefined;
        return ownedBy(owner, sessionId, session);
    }
}
function validatePrompt(prompt) {
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
function validateIdentifier(value, field) {
    if (typeof value !== "string" || !userIdPattern.test(value)) {
        throw new HangarError("VALIDATION_FAILED", `${field} must be 1-128 letters, digits, . _ : - (starting with a letter or digit)`, {
            field,
        });
    }
    return value;
}
function validateApproval(value) {
    if (!approvalPolicies.includes(value)) {
        throw new HangarError("VALIDATION_FAILED", `approval must be one of ${approvalPolicies.join(", ")}`, {
            field: "approval",
        });
    }
    return value;
}
/** The session when `owner` owns it; any other (or none) is not found, never forbidden: ids do not leak. */
function ownedBy(owner, sessionId, session) {
    if (session === undefined || session.owner !== owner) {
        throw new HangarError("SESSION_NOT_FOUND", `no agent session ${String(sessionId)}`, {
            field: "session_id",
        });
    }
    return session;
}
/** The store's refusal of a duplicate id (SQLite's SQLITE_CONSTRAINT_PRIMARYKEY). */
function isPrimaryKeyConflict(error) {
    return error?.code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
//# sourceMappingURL=session-service.js.map