/**
 * The one place the client layer talks HTTP: the base URL, the bearer key,
 * the fetch in use, and how a failure becomes a `HangarClientError` (no
 * answer: `UNREACHABLE`; a non-2xx answer: the server's code, message and
 * field; an answer that is not ours: `BAD_RESPONSE`). `HangarClient` and the
 * SDK (`sdk/`) both send through it.
 */
export interface TransportOptions {
    /** `http://127.0.0.1:8087`; a trailing slash is fine. */
    baseUrl: string;
    /** Sent as `Authorization: Bearer <key>`; none when absent or empty. */
    apiKey?: string | undefined;
    /** Another fetch (tests, proxies); the global one by default. */
    fetch?: typeof fetch;
}
export type QueryValue = string | number | boolean | undefined;
export interface RequestOptions {
    /** Sent as JSON. */
    json?: unknown;
    /** Sent as they are, as `application/octet-stream`. */
    bytes?: Uint8Array | string;
    /** Query parameters; undefined ones are left out. */
    query?: Record<string, QueryValue>;
    /** The Accept header; `application/json` by default. */
    accept?: string;
    headers?: Record<string, string>;
    signal?: AbortSignal | undefined;
}
export declare class HttpTransport {
    readonly baseUrl: string;
    /** The authorization header, when there is a key: what every request (streams too) sends. */
    readonly headers: Readonly<Record<string, string>>;
    readonly fetch: typeof fetch;
    constructor(options: TransportOptions);
    url(path: string, query?: Record<string, QueryValue>): string;
    /** Sends a request; answers the response when it is 2xx, else throws the server's error. */
    request(method: string, path: string, options?: RequestOptions): Promise<Response>;
    /** A request whose answer is JSON (or nothing: a 204 gives undefined). */
    json<Body>(method: string, path: string, options?: RequestOptions): Promise<Body>;
}
