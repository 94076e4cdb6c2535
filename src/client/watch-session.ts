import type { SessionEvent } from "../protocol/index.js";
import { HangarClientError, errorFromResponse } from "./hangar-client-error.js";
import { readSseMessages } from "./sse-messages.js";

/**
 * Follows `GET /agent/progress/{id}` across dropped connections. Each event
 * is yielded once, in seq order: a reconnect sends `Last-Event-ID` with the
 * last seq yielded, and anything at or below it is skipped should the server
 * send it again. The watch ends when the server ends the stream normally
 * (it does so after `session.ended` once nothing is queued, or at once for a
 * session already settled), when the signal aborts, or, after `retries`
 * failed attempts in a row, with the last error.
 */
export interface ReconnectOptions {
  /** Failed attempts in a row before giving up. Default 5. */
  retries?: number;
  /** The first pause; it doubles each time. Default 250 ms. */
  initialDelayMs?: number;
  /** Default 5 s. */
  maxDelayMs?: number;
}

export interface WatchOptions {
  /** Events after this seq; 0 (everything) by default. */
  since?: number;
  signal?: AbortSignal;
}

export interface WatchRequest {
  url: (since: number) => string;
  headers: Record<string, string>;
  fetch: typeof fetch;
  reconnect: ReconnectOptions;
}

export async function* watchSessionEvents(
  request: WatchRequest,
  options: WatchOptions = {},
): AsyncGenerator<SessionEvent> {
  const retries = request.reconnect.retries ?? 5;
  const initialDelayMs = request.reconnect.initialDelayMs ?? 250;
  const maxDelayMs = request.reconnect.maxDelayMs ?? 5000;
  const signal = options.signal;
  // A function, so the compiler does not assume the signal stays as it was when first checked.
  const isAborted = (): boolean => signal?.aborted === true;
  let lastSeq = options.since ?? 0;
  let failures = 0;
  for (;;) {
    if (isAborted()) return;
    let received = 0;
    let lastName: string | undefined;
    let failure: unknown;
    // Our own controller: leaving the loop early must close this connection too.
    const connection = new AbortController();
    const abort = (): void => connection.abort();
    signal?.addEventListener("abort", abort, { once: true });
    try {
      const headers: Record<string, string> = { accept: "text/event-stream", ...request.headers };
      if (lastSeq > 0) headers["last-event-id"] = String(lastSeq);
      const response = await request.fetch(request.url(lastSeq), { headers, signal: connection.signal });
      if (!response.ok) {
        const error = await errorFromResponse(response);
        // 4xx will not get better by asking again (unknown session, bad key); 5xx and 429 may.
        if (response.status < 500 && response.status !== 429) throw error;
        failure = error;
      } else if (response.body === null) {
        failure = new HangarClientError("BAD_RESPONSE", "the progress stream has no body");
      } else {
        for await (const message of readSseMessages(response.body)) {
          // Events still buffered after an abort are not wanted; reading on can hang
          // (an aborted fetch whose body had already ended neither ends nor fails).
          if (isAborted()) return;
          const event = parseEvent(message.data);
          if (event === undefined || event.seq <= lastSeq) continue;
          lastSeq = event.seq;
          lastName = event.name;
          received += 1;
          failures = 0;
          yield event;
          if (isAborted()) return;
        }
        // A normal end: the server says there is nothing more to wait for.
        if (lastName === "session.ended" || received === 0) return;
        // It ended mid-session (a restart, a proxy): ask again from where we are.
      }
    } catch (error) {
      if (isAborted()) return;
      if (
        error instanceof HangarClientError &&
        error.status !== undefined &&
        error.status < 500 &&
        error.status !== 429
      )
        throw error;
      failure = error;
    } finally {
      signal?.removeEventListener("abort", abort);
      connection.abort();
    }
    if (failure !== undefined) {
      failures += 1;
      if (failures > retries) throw asClientError(failure, request.url(lastSeq));
    }
    const delay = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.max(0, failures - 1));
    await sleep(failure === undefined ? 0 : delay, signal);
  }
}

function parseEvent(data: string): SessionEvent | undefined {
  try {
    const event = JSON.parse(data) as Partial<SessionEvent>;
    if (typeof event.seq === "number" && typeof event.name === "string") return event as SessionEvent;
  } catch {
    // Not an event (a future message kind): skip it rather than end the watch.
  }
  return undefined;
}

function asClientError(error: unknown, url: string): HangarClientError {
  if (error instanceof HangarClientError) return error;
  const cause =
    error instanceof Error
      ? error.cause instanceof Error
        ? error.cause.message
        : error.message
      : String(error);
  return new HangarClientError("UNREACHABLE", `lost the progress stream ${url}: ${cause}`, { cause: error });
}

function sleep(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
  if (milliseconds <= 0 || signal?.aborted === true) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, milliseconds);
    signal?.addEventListener("abort", done, { once: true });
  });
}
