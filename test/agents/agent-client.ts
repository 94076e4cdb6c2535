import { expect } from "vitest";
import { sessionEventSchema, type SessionEvent } from "../../src/protocol/index.js";
import { readSseEvents } from "../server/test-server.js";

/**
 * Small helpers for agent-session tests over real HTTP: start a chat, read
 * the SSE progress stream into events (each checked against the protocol's
 * schema), wait for a particular event.
 */
export interface WatchOptions {
  since?: number;
  lastEventId?: number;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** Stop reading after this event (it is included). */
  until?: (event: SessionEvent) => boolean;
}

/** Reads `/agent/progress/{id}` until the server ends the stream, `until` matches, or the signal aborts. */
export async function watchSession(
  baseUrl: string,
  sessionId: string,
  options: WatchOptions = {},
): Promise<SessionEvent[]> {
  const query = options.since === undefined ? "" : `?since=${options.since}`;
  const headers: Record<string, string> = { accept: "text/event-stream", ...options.headers };
  if (options.lastEventId !== undefined) headers["last-event-id"] = String(options.lastEventId);
  const controller = new AbortController();
  options.signal?.addEventListener("abort", () => controller.abort(), { once: true });
  const response = await fetch(`${baseUrl}/agent/progress/${sessionId}${query}`, {
    headers,
    signal: controller.signal,
  });
  if (response.status !== 200)
    throw new Error(`progress answered ${response.status}: ${await response.text()}`);
  const events: SessionEvent[] = [];
  try {
    for await (const message of readSseEvents(response)) {
      if (message.data === "") continue;
      const sent: unknown = JSON.parse(message.data);
      // Every event the server sends must match the documented protocol.
      const checked = sessionEventSchema.safeParse(sent);
      if (!checked.success)
        throw new Error(`event off the protocol: ${message.data}\n${checked.error.message}`);
      const event = sent as SessionEvent;
      expect(message.id).toBe(String(event.seq));
      expect(message.event).toBe(event.name);
      events.push(event);
      if (options.until?.(event) === true) break;
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    controller.abort();
  }
  return events;
}

/** The seqs are 1..n (or from..n) with no gap and no repeat. */
export function expectContiguous(events: readonly SessionEvent[], from = 1): void {
  expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => from + index));
}

export function namesOf(events: readonly SessionEvent[]): string[] {
  return events.map((event) => event.name);
}

/**
 * Approves a pending permission over `POST /agent/sessions/{id}/reply`, then reads the
 * session's stream from the start to its end; the events must be contiguous.
 */
export async function approveAndWatch(
  baseUrl: string,
  sessionId: string,
  interactionId: string,
): Promise<SessionEvent[]> {
  const reply = await fetch(`${baseUrl}/agent/sessions/${sessionId}/reply`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ interaction_id: interactionId, approved: true }),
  });
  expect(reply.status, await reply.text()).toBe(200);
  const events = await watchSession(baseUrl, sessionId);
  expectContiguous(events);
  return events;
}
