import { HangarClientError } from "../hangar-client-error.js";
import { runCode } from "./runs-api.js";
export class Notebook {
    id;
    language;
    #transport;
    constructor(transport, options = {}) {
        this.#transport = transport;
        this.id = options.id ?? `nb-${globalThis.crypto.randomUUID()}`;
        this.language = options.language ?? "python";
    }
    /** Runs a cell; `result` is the last expression's value. */
    run(code, options = {}) {
        return runCode(this.#transport, code, {
            ...options,
            language: options.language ?? this.language,
            sessionId: this.id,
        });
    }
    /** Ends the session and destroys its sandbox; true when there was one. */
    close(signal) {
        return deleteNotebook(this.#transport, this.id, signal);
    }
}
export class NotebooksApi {
    #transport;
    constructor(transport) {
        this.#transport = transport;
    }
    create(options = {}) {
        return new Notebook(this.#transport, options);
    }
    /** The caller's live sessions. */
    async list(signal) {
        const answer = await this.#transport.json("GET", "/run/sessions", {
            signal,
        });
        return answer.sessions;
    }
    /** Ends a session by id; false when the caller has no such session. */
    delete(id, signal) {
        return deleteNotebook(this.#transport, id, signal);
    }
}
async function deleteNotebook(transport, id, signal) {
    try {
        await transport.request("DELETE", `/run/sessions/${encodeURIComponent(id)}`, { signal });
        return true;
    }
    catch (error) {
        if (error instanceof HangarClientError && error.code === "SESSION_NOT_FOUND")
            return false;
        throw error;
    }
}
//# sourceMappingURL=notebooks-api.js.map