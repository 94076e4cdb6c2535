import { HangarClientError, errorFromResponse } from "./hangar-client-error.js";

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

export class HttpTransport {
  readonly baseUrl: string;
  /** The authorization header, when there is a key: what every request (streams too) sends. */
  readonly headers: Readonly<Record<string, string>>;
  readonly fetch: typeof fetch;

  constructor(options: TransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, "");
    // An empty key is no key: `apiKey: process.env.HANGAR_API_KEY` with the variable set to "".
    this.headers = options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {};
    // Bound, so a fetch taken from globalThis is not called with this transport as `this`.
    this.fetch = (options.fetch ?? globalThis.fetch).bind(globalThis);
  }

  url(path: string, query: Record<string, QueryValue> = {}): string {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query))
      if (value !== undefined) search.set(name, String(value));
    const text = search.toString();
    return `${this.baseUrl}${path}${text === "" ? "" : `?${text}`}`;
  }

  /** Sends a request; answers the response when it is 2xx, else throws the server's error. */
  async request(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = {
      accept: options.accept ?? "application/json",
      ...options.headers,
      ...this.headers,
    };
    let body: string | Uint8Array | undefined;
    if (options.json !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(options.json);
    } else if (options.bytes !== undefined) {
      headers["content-type"] = "application/octet-stream";
      body = options.bytes;
    }
    let response: Response;
    try {
      response = await this.fetch(this.url(path, options.query), {
        method,
        headers,
        ...(body === undefined ? {} : { body }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
    } catch (error) {
      if (options.signal?.aborted === true) throw error;
      const cause =
        error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
      throw new HangarClientError("UNREACHABLE", `cannot reach ${this.baseUrl}: ${cause}`, { cause: error });
    }
    if (!response.ok) throw await errorFromResponse(response);
    return response;
  }

  /** A request whose answer is JSON (or nothing: a 204 gives undefined). */
  async json<Body>(method: string, path: string, options: RequestOptions = {}): Promise<Body> {
    const response = await this.request(method, path, options);
    const text = await response.text();
    if (text === "" && response.status === 204) return undefined as Body;
    try {
      return JSON.parse(text) as Body;
    } catch (error) {
      throw new HangarClientError("BAD_RESPONSE", `${method} ${path} did not answer JSON`, {
        status: response.status,
        cause: error,
      });
    }
  }
}
