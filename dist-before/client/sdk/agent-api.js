import { SessionFollower } from "../session-follower.js";
/**
 * Agent sessions. `start` and `attach` answer a `SessionFollower`: an
 * AsyncIterable of typed `SessionEvent`s, each once and in order, that
 * resumes with `Last-Event-ID` after a dropped connection; it also tracks
 * pending questions and permission requests and can `reply` and `cancel`.
 */
export class AgentApi {
    #client;
    constructor(client) {
        this.#client = client;
    }
    start(prompt, options = {}) {
        const { projectId, sessionId, userId, model, approval, agent, signal } = options;
        return SessionFollower.start(this.#client, {
            prompt,
            project_id: projectId ?? "default",
            session_id: sessionId,
            user_id: userId,
            model,
            approval,
            agent,
        }, signal === undefined ? {} : { signal });
    }
    /** Follows an existing session, replayed from its first event. */
    attach(sessionId, signal) {
        return SessionFollower.attach(this.#client, sessionId, signal === undefined ? {} : { signal });
    }
    /** Answers a permission request (`{approved}`) or a question (`{answer}`); 409 CONFLICT when already resolved. */
    reply(sessionId, interactionId, answer, signal) {
        return this.#client.reply(sessionId, interactionId, answer, signal);
    }
    /** Cancels the running turn and queued prompts; answers once the session settled. */
    cancel(sessionId, signal) {
        return this.#client.cancel(sessionId, signal);
    }
    get(sessionId, signal) {
        return this.#client.getSession(sessionId, signal);
    }
}
//# sourceMappingURL=agent-api.js.map