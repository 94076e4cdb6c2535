import { afterEach, describe, expect, it } from "vitest";
import type { SessionEvent } from "../protocol/index.js";
import {
  openStream,
  sendThenDrop,
  sseFrame,
  startScriptedServer,
  type ScriptedHandler,
  type ScriptedServer,
} from "./client-test-support.js";
import { HangarClient, HangarClientError } from "./hangar-client.js";

/**
 * The client against a tiny local HTTP server that plays the API's part:
 * each test scripts what every connection gets, including connections cut
 * in the middle of a stream.
 */
const servers: ScriptedServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

async function startServer(handler: ScriptedHandler): Promise<ScriptedServer> {
  const server = await startScriptedServer(handler);
  servers.push(server);
  return server;
}

function event(
  seq: number,
  name: "message.delta" | "session.status" | "session.ended" = "message.delta",
): string {
  if (name === "session.ended") return sseFrame(seq, name, { status: "completed" });
  if (name === "session.status") return sseFrame(seq, name, { status: "running" });
  return sseFrame(seq, name, { message_id: "m1", text: `t${seq}` });
}

const fast = { retries: 3, initialDelayMs: 10, maxDelayMs: 40 };

async function collect(iterable: AsyncIterable<SessionEvent>): Promise<SessionEvent[]> {
  const events: SessionEvent[] = [];
  for await (const item of iterable) events.push(item);
  return events;
}

describe("HangarClient.watch", () => {
  it("reconnects with Last-Event-ID after a dropped connection and never yields an event twice", async () => {
    const server = await startServer((request, response, index) => {
      openStream(response);
      if (index === 0) sendThenDrop(response, event(1, "session.status") + event(2) + event(3));
      // The server resends 2 and 3 (as a buggy proxy might): the client must skip them.
      else if (index === 1) sendThenDrop(response, event(2) + event(3) + event(4) + event(5));
      else response.end(event(6, "session.ended"));
    });
    const client = new HangarClient({ baseUrl: `${server.url}/`, reconnect: fast });
    const events = await collect(client.watch("ses_1"));
    expect(events.map((item) => item.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(server.requests.map((request) => request.headers["last-event-id"])).toEqual([undefined, "3", "5"]);
    expect(server.requests.map((request) => request.url)).toEqual([
      "/agent/progress/ses_1",
      "/agent/progress/ses_1?since=3",
      "/agent/progress/ses_1?since=5",
    ]);
  });

  it("starts after `since`, and ends quietly when a settled session's stream is empty", async () => {
    const server = await startServer((_request, response) => {
      openStream(response);
      response.end();
    });
    const client = new HangarClient({ baseUrl: server.url, reconnect: fast });
    expect(await collect(client.watch("ses_1", { since: 9 }))).toEqual([]);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.headers["last-event-id"]).toBe("9");
  });

  it("gives up after the bounded retries with UNREACHABLE", async () => {
    const server = await startServer((_request, response) => {
      openStream(response);
      sendThenDrop(response, "");
    });
    const client = new HangarClient({ baseUrl: server.url, reconnect: fast });
    const error = await collect(client.watch("ses_1")).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HangarClientError);
    expect((error as HangarClientError).code).toBe("UNREACHABLE");
    expect(server.requests).toHaveLength(fast.retries + 1);
  });

  it("does not retry a 4xx and keeps the server's code, message and field", async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(404, { "content-type": "application/json" });
      response.end(
        JSON.stringify({
          error: { code: "SESSION_NOT_FOUND", message: "no session ses_x", field: "session_id" },
        }),
      );
    });
    const client = new HangarClient({ baseUrl: server.url, apiKey: "k".repeat(20), reconnect: fast });
    const error = (await collect(client.watch("ses_x")).catch(
      (caught: unknown) => caught,
    )) as HangarClientError;
    expect(error).toMatchObject({
      code: "SESSION_NOT_FOUND",
      status: 404,
      field: "session_id",
      message: "no session ses_x",
    });
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.headers.authorization).toBe(`Bearer ${"k".repeat(20)}`);
  });

  it("retries a 503 and then streams", async () => {
    const server = await startServer((_request, response, index) => {
      if (index === 0) {
        response.writeHead(503, { "content-type": "application/json" });
        response.end(JSON.stringify({ error: { code: "SHUTTING_DOWN", message: "later" } }));
        return;
      }
      openStream(response);
      response.end(event(1) + event(2, "session.ended"));
    });
    const client = new HangarClient({ baseUrl: server.url, reconnect: fast });
    expect((await collect(client.watch("ses_1"))).map((item) => item.seq)).toEqual([1, 2]);
  });

  it("stops when the signal aborts, closing the connection", async () => {
    const server = await startServer((_request, response) => {
      openStream(response);
      response.write(event(1));
    });
    const client = new HangarClient({ baseUrl: server.url, reconnect: fast });
    const controller = new AbortController();
    const seen: number[] = [];
    for await (const item of client.watch("ses_1", { signal: controller.signal })) {
      seen.push(item.seq);
      controller.abort();
    }
    expect(seen).toEqual([1]);
  });
});

describe("HangarClient requests", () => {
  it("posts chat, reply and cancel as JSON and turns error bodies into HangarClientError", async () => {
    const bodies: unknown[] = [];
    const server = await startServer((request, response) => {
      let text = "";
      request.on("data", (chunk: Buffer) => (text += chunk.toString()));
      request.on("end", () => {
        bodies.push(text === "" ? undefined : JSON.parse(text));
        response.setHeader("content-type", "application/json");
        if (request.url?.endsWith("/reply")) {
          response.statusCode = 409;
          response.end(JSON.stringify({ error: { code: "CONFLICT", message: "already answered" } }));
        } else if (request.url === "/chat") {
          response.end(
            JSON.stringify({ session_id: "ses_1", project_id: "p", status: "starting", turn_id: "t1" }),
          );
        } else {
          response.end(JSON.stringify({ session_id: "ses_1", status: "cancelled" }));
        }
      });
    });
    const client = new HangarClient({ baseUrl: server.url });
    expect(await client.chat({ prompt: "hi", project_id: "p", approval: "ask" })).toMatchObject({
      session_id: "ses_1",
    });
    const conflict = await client
      .reply("ses_1", "int_1", { approved: true })
      .catch((caught: unknown) => caught);
    expect(conflict).toMatchObject({ name: "HangarClientError", code: "CONFLICT", status: 409 });
    expect(await client.cancel("ses_1")).toMatchObject({ status: "cancelled" });
    expect(await client.getSession("ses_1")).toMatchObject({ session_id: "ses_1" });
    expect(bodies).toEqual([
      { prompt: "hi", project_id: "p", approval: "ask" },
      { interaction_id: "int_1", approved: true },
      { session_id: "ses_1" },
      undefined,
    ]);
    expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      "POST /chat",
      "POST /agent/sessions/ses_1/reply",
      "POST /agent/session/cancel",
      "GET /agent/sessions/ses_1",
    ]);
  });

  it("lists sessions (of one project when asked), a sandbox's files, and reads the server's provider", async () => {
    const server = await startServer((request, response) => {
      response.setHeader("content-type", "application/json");
      if (request.url?.startsWith("/sandboxes/")) {
        response.end(JSON.stringify({ path: "", entries: [{ path: "a.txt", type: "file", size: 1 }] }));
        return;
      }
      if (request.url === "/status") {
        const telegram = {
          platform: "telegram",
          state: "retrying",
          last_error: "ECONNREFUSED",
          since: "2026-12-05T06:00:00.000Z",
          active_sessions: 2,
        };
        response.end(
          JSON.stringify({ status: 200, version: "1.2.3", provider: "bubblewrap", bridges: [telegram] }),
        );
        return;
      }
      const sessions = request.url?.includes("project_id=p2") ? [{ session_id: "ses_2" }] : [];
      response.end(JSON.stringify({ sessions }));
    });
    const client = new HangarClient({ baseUrl: server.url });
    expect(await client.listSessions("p2")).toEqual([{ session_id: "ses_2" }]);
    expect(await client.listSessions()).toEqual([]);
    expect(await client.getServerStatus()).toMatchObject({
      provider: "bubblewrap",
      version: "1.2.3",
      bridges: [{ platform: "telegram", state: "retrying", last_error: "ECONNREFUSED", active_sessions: 2 }],
    });
    expect((await client.listSandboxFiles("sbx 1", "src")).entries).toEqual([
      { path: "a.txt", type: "file", size: 1 },
    ]);
    expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      "GET /agent/sessions?project_id=p2",
      "GET /agent/sessions",
      "GET /status",
      "GET /sandboxes/sbx%201/files?path=src",
    ]);
  });

  it("says UNREACHABLE when nothing listens", async () => {
    const server = await startServer(() => undefined);
    await server.close();
    const error = await new HangarClient({ baseUrl: server.url })
      .getSession("x")
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "UNREACHABLE" });
  });
});
