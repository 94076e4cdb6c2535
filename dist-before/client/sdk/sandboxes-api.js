export class SandboxesApi {
    files;
    #transport;
    constructor(transport) {
        this.#transport = transport;
        this.files = new SandboxFilesApi(transport);
    }
    /** Gets the live sandbox of the user and project, creating it if needed (`created` says which). */
    ensure(options) {
        const { userId, projectId, image, signal } = options;
        return this.#transport.json("POST", "/sandboxes/ensure", {
            json: { user_id: userId, project_id: projectId, image },
            signal,
        });
    }
    list(options = {}) {
        return this.#transport.json("GET", "/sandboxes", {
            query: { limit: options.limit, cursor: options.cursor },
            signal: options.signal,
        });
    }
    count(signal) {
        return this.#transport.json("GET", "/sandboxes/count", { signal });
    }
    get(id, signal) {
        return this.#transport.json("GET", sandboxPath(id), { signal });
    }
    /** Removes the sandbox and its files. */
    async delete(id, signal) {
        await this.#transport.request("DELETE", sandboxPath(id), { signal });
    }
}
/** Files in a sandbox's workspace; paths are relative to it. */
export class SandboxFilesApi {
    #transport;
    constructor(transport) {
        this.#transport = transport;
    }
    /** The file as UTF-8 text. */
    async read(id, path, signal) {
        return new TextDecoder().decode(await this.readBytes(id, path, signal));
    }
    async readBytes(id, path, signal) {
        const response = await this.#transport.request("GET", `${sandboxPath(id)}/files/content`, {
            query: { path },
            accept: "application/octet-stream",
            signal,
        });
        return new Uint8Array(await response.arrayBuffer());
    }
    /** Writes the file (text as UTF-8), creating missing directories. */
    write(id, path, content, signal) {
        return this.#transport.json("PUT", `${sandboxPath(id)}/files/content`, {
            query: { path },
            bytes: content,
            signal,
        });
    }
    /** The entries under a directory (the workspace when `path` is absent), 16 levels deep at most. */
    list(id, path, signal) {
        return this.#transport.json("GET", `${sandboxPath(id)}/files`, { query: { path }, signal });
    }
}
function sandboxPath(id) {
    return `/sandboxes/${encodeURIComponent(id)}`;
}
//# sourceMappingURL=sandboxes-api.js.map