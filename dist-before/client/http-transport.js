import { HangarClientError, errorFromResponse } from "./hangar-client-error.js";
export class HttpTransport {
    baseUrl;
    /** The authorization header, when there is a key: what every request (streams too) sends. */
    headers;
    fetch;
    constructor(options) {
        this.baseUrl = options.baseUrl.replace(/\/+$/, "");
        // An empty key is no key: `apiKey: process.env.HANGAR_API_KEY` with the variable set to "".
        this.headers = options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {};
        // Bound, so a fetch taken from globalThis is not called with this transport as `this`.
        this.fetch = (options.fetch ?? globalThis.fetch).bind(globalThis);
    }
    url(path, query = {}) {
        const search = new URLSearchParams();
        for (const [name, value] of Object.entries(query))
            if (value !== undefined)
                search.set(name, String(value));
        const text = search.toString();
        return `${this.baseUrl}${path}${text === "" ? "" : `?${text}`}`;
    }
    /** Sends a request; answers the response when it is 2xx, else throws the server's error. */
    async request(method, path, options = {}) {
        const headers = {
            accept: options.accept ?? "application/json",
            ...options.headers,
            ...this.headers,
        };
        let body;
        if (options.json !== undefined) {
            headers["content-type"] = "application/json";
            body = JSON.stringify(options.json);
        }
        else if (options.bytes !== undefined) {
            headers["content-type"] = "application/octet-stream";
            body = options.bytes;
        }
        let response;
        try {
            response = await this.fetch(this.url(path, options.query), {
                method,
                headers,
                ...(body === undefined ? {} : { body }),
                ...(options.signal === undefined ? {} : { signal: options.signal }),
            });
        }
        catch (error) {
            if (options.signal?.aborted === true)
                throw error;
            const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
            throw new HangarClientError("UNREACHABLE", `cannot reach ${this.baseUrl}: ${cause}`, { cause: error });
        }
        if (!response.ok)
            throw await errorFromResponse(response);
        return response;
    }
    /** A request whose answer is JSON (or nothing: a 204 gives undefined). */
    async json(method, path, options = {}) {
        const response = await this.request(method, path, options);
        const text = await response.text();
        if (text === "" && response.status === 204)
            return undefined;
        try {
            return JSON.parse(text);
        }
        catch (error) {
            throw new HangarClientError("BAD_RESPONSE", `${method} ${path} did not answer JSON`, {
                status: response.status,
                cause: error,
            });
        }
    }
}
//# sourceMappingURL=http-transport.js.map