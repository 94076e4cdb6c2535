import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deferred } from "../../src/core/abort.js";
import { HangarError } from "../../src/core/errors.js";
import type { RunResult } from "../../src/runs/run-types.js";
import { echoRun, fakeResult, type FakeRunHandler } from "../fixtures/fake-run-service.js";
import {
  type ParsedSseEvent,
  postJson,
  readSseEvents,
  startTestServer,
  type TestServer,
} from "./test-server.js";

let server: TestServer;
const streamHeaders = { accept: "text/event-stream" };

beforeAll(async () => {
  server = await startTestServer({ sse: { heartbeatMs: 20, maxBufferedBytes: 256 * 1024 } });
});
afterAll(() => server.close());
beforeEach(() => {
  server.runService.handler = echoRun;
});

async function collect(response: Response): Promise<ParsedSseEvent[]> {
  const events: ParsedSseEvent[] = [];
  for await (const event of readSseEvents(response)) events.push(event);
  return events;
}

/** A handler that starts, then waits until the run is aborted; `observed` resolves with the abort. */
function runUntilAborted(): { handler: FakeRunHandler; observed: Promise<unknown> } {
  const abort = deferred<unknown>();
  const handler: FakeRunHandler = (_owner, request, options) => {
    const result = fakeResult(request);
    options.onEvent?.({ type: "start", runId: result.runId, language: result.language, sessionId: null });
    return new Promise<RunResult>((_resolve, reject) => {
      options.signal?.addEventListener("abort", () => {
        abort.resolve(options.signal?.reason);
        reject(new HangarError("SANDBOX_ERROR", "run aborted"));
      });
    });
  };
  return { handler, observed: abort.promise };
}

describe("POST /run with Accept: text/event-stream", () => {
  it("streams start, output and end in order; end carries the result", async () => {
    server.runService.handler = async (_owner, request, options) => {
      const result = fakeResult(request, { stdout: "one\ntwo\n", stderr: "warn\n", sessionId: "s1" });
      options.onEvent?.({ type: "start", runId: result.runId, language: "python", sessionId: "s1" });
      options.onEvent?.({ type: "stdout", data: "one\n" });
      options.onEvent?.({ type: "stderr", data: "warn\n" });
      // Heartbeats between events must not disturb parsing.
      await new Promise((resolve) => setTimeout(resolve, 60));
      options.onEvent?.({ type: "stdout", data: "two\n" });
      options.onEvent?.({ type: "end", result });
      return result;
    };
    const response = await postJson(
      `${server.baseUrl}/run`,
      { code: "x", language: "python" },
      streamHeaders,
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = await collect(response);
    expect(events.map((event) => event.event)).toEqual(["start", "stdout", "stderr", "stdout", "end"]);
    expect(JSON.parse(events[0]?.data ?? "")).toEqual({
      runId: "run_fake000000000001",
      language: "python",
      sessionId: "s1",
    });
    expect(JSON.parse(events[1]?.data ?? "")).toEqual({ data: "one\n" });
    expect(JSON.parse(events[2]?.data ?? "")).toEqual({ data: "warn\n" });
    const end = JSON.parse(events[4]?.data ?? "") as { result: RunResult };
    expect(end.result).toMatchObject({ status: "ok", stdout: "one\ntwo\n", sessionId: "s1" });
  });

  it("sends end with the result when the service emitted none", async () => {
    server.runService.handler = async (_owner, request) => fakeResult(request);
    const response = await postJson(
      `${server.baseUrl}/run`,
      { code: "y", language: "python" },
      streamHeaders,
    );
    const events = await collect(response);
    expect(events.map((event) => event.event)).toEqual(["end"]);
    expect(JSON.parse(events[0]?.data ?? "")).toMatchObject({ result: { output: "ran: y" } });
  });

  it("answers errors before the run starts as plain JSON with their status", async () => {
    const response = await postJson(`${server.baseUrl}/run`, { code: "x", language: "cobol" }, streamHeaders);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({ error: { code: "UNKNOWN_LANGUAGE", field: "language" } });

    server.runService.handler = async () => {
      throw new HangarError("TOO_MANY_REQUESTS", "queue full", { retryAfterSeconds: 3 });
    };
    const busy = await postJson(`${server.baseUrl}/run`, { code: "x", language: "python" }, streamHeaders);
    expect(busy.status).toBe(429);
    expect(busy.headers.get("retry-after")).toBe("3");
  });

  it("sends an error event when the run fails after it started", async () => {
    server.runService.handler = async (_owner, request, options) => {
      options.onEvent?.({ type: "start", runId: "run_x", language: request.language, sessionId: null });
      throw new Error("disk on fire at /internal/path");
    };
    const response = await postJson(
      `${server.baseUrl}/run`,
      { code: "x", language: "python" },
      streamHeaders,
    );
    const events = await collect(response);
    expect(events.map((event) => event.event)).toEqual(["start", "error"]);
    expect(JSON.parse(events[1]?.data ?? "")).toMatchObject({ error: { code: "INTERNAL" } });
    expect(events[1]?.data).not.toContain("disk on fire");
  });

  it("aborts the run when the client disconnects", async () => {
    const { handler, observed } = runUntilAborted();
    server.runService.handler = handler;
    const client = new AbortController();
    const response = await fetch(`${server.baseUrl}/run`, {
      method: "POST",
      headers: { "content-type": "application/json", ...streamHeaders },
      body: JSON.stringify({ code: "x", language: "python" }),
      signal: client.signal,
    });
    const first = await readSseEvents(response).next();
    expect(first.value).toMatchObject({ event: "start" });
    client.abort();
    await expect(observed).resolves.toBeInstanceOf(Error);
    expect(server.runService.executions.at(-1)?.signal?.aborted).toBe(true);
  });

  it("cuts a client that stops reading instead of buffering its output", async () => {
    const chunk = "z".repeat(64 * 1024);
    const chunkCount = 800; // 50 MiB: far more than loopback socket buffers hold
    let emitted = 0;
    const outcome = deferred<"aborted" | "completed">();
    server.runService.handler = async (_owner, request, options) => {
      options.onEvent?.({ type: "start", runId: "run_slow", language: "python", sessionId: null });
      while (emitted < chunkCount) {
        if (options.signal?.aborted === true) {
          outcome.resolve("aborted");
          throw new HangarError("SANDBOX_ERROR", "aborted");
        }
        options.onEvent?.({ type: "stdout", data: chunk });
        emitted += 1;
        await new Promise((resolve) => setImmediate(resolve));
      }
      outcome.resolve("completed");
      return fakeResult(request);
    };
    const response = await postJson(
      `${server.baseUrl}/run`,
      { code: "x", language: "python" },
      streamHeaders,
    );
    expect(response.status).toBe(200);
    // Never read the body.
    expect(await outcome.promise).toBe("aborted");
    expect(emitted).toBeLessThan(chunkCount);
    await response.body?.cancel();
  });
});

describe("POST /run without streaming", () => {
  it("aborts the run when the client disconnects while waiting", async () => {
    const { handler, observed } = runUntilAborted();
    server.runService.handler = handler;
    const executionsBefore = server.runService.executions.length;
    const request = httpRequest(`${server.baseUrl}/run`, {
      method: "POST",
      headers: { "content-type": "application/json" },
    });
    request.on("error", () => undefined);
    request.end(JSON.stringify({ code: "x", language: "python" }));
    // Wait until the server is inside execute before hanging up.
    while (server.runService.executions.length === executionsBefore) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(server.runService.executions.at(-1)?.signal?.aborted).toBe(false);
    request.destroy();
    await expect(observed).resolves.toBeInstanceOf(Error);
  });
});
