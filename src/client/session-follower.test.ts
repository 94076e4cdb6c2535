import type { IncomingMessage, ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import type { SessionEvent, SessionStatus, SessionView } from "../protocol/index.js";
import {
  openStream,
  sendJson,
  sendThenDrop,
  sseFrame,
  startScriptedServer,
  type ScriptedServer,
} from "./client-test-support.js";
import { HangarClient } from "./hangar-client.js";
import { SessionFollower } from "./session-follower.js";

/**
 * The follower against a local HTTP server that scripts the API: the session
 * view, chat and reply as JSON, and the progress stream connection by
 * connection (cut, resent, ended).
 */
const servers: ScriptedServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close();
});

const fast = { retries: 3, initialDelayMs: 10, maxDelayMs: 40 };

function view(status: SessionStatus, lastSeq: number): SessionView {
  return {
    session_id: "ses_1",
    project_id: "p",
    user_id: null,
    model: "openai:scripted",
    agent: "builtin",
    approval: "ask",
    status,
    status_reason: null,
    sandbox_id: null,
    queued_turns: 0,
    last_seq: lastSeq,
    usage: { input_tokens: 0, output_tokens: 0 },
    pending_interactions: [],
    created_at: new Date(0).toISOString(),
    updated_at: new Date(0).toISOString(),
  };
}

const expiresAt = new Date(0).toISOString();
const asked = (seq: number, id: string): string =>
  sseFrame(seq, "question.asked", {
    interaction_id: id,
    tool_call_id: `call_${id}`,
    question: `${id}?`,
    expires_at: expiresAt,
  });
const permission = (seq: number, id: string): string =>
  sseFrame(seq, "permission.requested", {
    interaction_id: id,
    tool_call_id: `call_${id}`,
    tool: "bash",
    input: { command: "ls" },
    summary: "bash: ls",
    expires_at: expiresAt,
  });
const answered = (seq: number, id: string): string =>
  sseFrame(seq, "interaction.resolved", {
    interaction_id: id,
    kind: "question",
    outcome: "answered",
    answer: "yes",
  });
const text = (seq: number): string => sseFrame(seq, "message.delta", { message_id: "m1", text: `t${seq}` });
const ended = (seq: number, status: "completed" | "failed" = "completed"): string =>
  sseFrame(seq, "session.ended", { status });

type Route = (request: IncomingMessage, response: ServerResponse, body: unknown) => void;

/** Routes JSON requests to `json`, and the n-th progress connection to `streams[n]`. */
async function startApi(options: {
  view?: SessionView;
  streams: Array<(response: ServerResponse) => void>;
  json?: Route;
}): Promise<{ server: ScriptedServer; client: HangarClient; bodies: unknown[] }> {
  const bodies: unknown[] = [];
  let connections = 0;
  const server = await startScriptedServer((request, response) => {
    if (request.url?.startsWith("/agent/progress/")) {
      const stream = options.streams[connections++];
      if (stream === undefined) throw new Error(`unexpected progress connection ${connections}`);
      openStream(response);
      stream(response);
      return;
    }
    let text = "";
    request.on("data", (chunk: Buffer) => (text += chunk.toString()));
    request.on("end", () => {
      const body: unknown = text === "" ? undefined : JSON.parse(text);
      bodies.push(body);
      if (request.method === "GET" && request.url === "/agent/sessions/ses_1") {
        sendJson(response, options.view ?? view("running", 0));
      } else if (options.json !== undefined) {
        options.json(request, response, body);
      } else {
        sendJson(response, { error: { code: "NOT_FOUND", message: request.url } }, 404);
      }
    });
  });
  servers.push(server);
  return { server, client: new HangarClient({ baseUrl: server.url, reconnect: fast }), bodies };
}

async function collect(
  follower: SessionFollower,
  onEvent?: (event: SessionEvent) => void,
): Promise<number[]> {
  const seqs: number[] = [];
  for await (const event of follower) {
    seqs.push(event.seq);
    onEvent?.(event);
  }
  return seqs;
}

describe("SessionFollower", () => {
  it("yields each event once across a reconnect that resends old ones, and ends on session.ended", async () => {
    const { server, client } = await startApi({
      streams: [
        (response) => sendThenDrop(response, text(1) + text(2) + text(3)),
        // The second connection resends 2 and 3: the follower must not yield them again.
        (response) => response.end(text(2) + text(3) + text(4) + ended(5)),
      ],
    });
    const follower = await SessionFollower.attach(client, "ses_1");
    expect(await collect(follower)).toEqual([1, 2, 3, 4, 5]);
    expect(follower.finalStatus).toBe("completed");
    expect(follower.status).toBe("completed");
    expect(follower.lastSeq).toBe(5);
    const progress = server.requests.filter((request) => request.url?.startsWith("/agent/progress/"));
    expect(progress.map((request) => request.headers["last-event-id"])).toEqual([undefined, "3"]);
  });

  it("tracks pending interactions and hands live ones over once, in order", async () => {
    const { client } = await startApi({
      streams: [
        (response) =>
          response.end(asked(1, "int_a") + permission(2, "int_b") + answered(3, "int_a") + ended(4)),
      ],
    });
    const attached = await SessionFollower.attach(client, "ses_1");
    const snapshots: Array<{ pending: string[]; handed: string[] }> = [];
    await collect(attached, () =>
      snapshots.push({
        pending: attached.pendingInteractions.map((request) => request.data.interaction_id),
        handed: attached.takeNewInteractions().map((request) => request.data.interaction_id),
      }),
    );
    expect(snapshots).toEqual([
      { pending: ["int_a"], handed: ["int_a"] },
      { pending: ["int_a", "int_b"], handed: ["int_b"] },
      { pending: ["int_b"], handed: [] },
      { pending: ["int_b"], handed: [] },
    ]);
  });

  it("while replaying, holds requests back and hands over only those still open once caught up", async () => {
    const { client } = await startApi({
      view: view("waiting", 4),
      streams: [
        (response) => {
          response.write(asked(1, "int_old") + answered(2, "int_old") + permission(3, "int_open") + text(4));
          // Live from here on.
          setTimeout(() => response.end(asked(5, "int_new") + answered(6, "int_new") + ended(7)), 30);
        },
      ],
    });
    const follower = await SessionFollower.attach(client, "ses_1");
    const handed: Array<[number, boolean, string[]]> = [];
    await collect(follower, (event) =>
      handed.push([
        event.seq,
        follower.isReplaying,
        follower.takeNewInteractions().map((request) => request.data.interaction_id),
      ]),
    );
    expect(handed).toEqual([
      [1, true, []],
      [2, true, []],
      [3, true, []],
      [4, false, ["int_open"]],
      [5, false, ["int_new"]],
      [6, false, []],
      [7, false, []],
    ]);
  });

  it("starts a session with chat, posts replies, and asks the server for the end when the stream says nothing", async () => {
    const { client, bodies, server } = await startApi({
      view: view("failed", 0),
      streams: [(response) => response.end()],
      json: (request, response) => {
        if (request.url === "/chat")
          sendJson(response, { session_id: "ses_1", project_id: "p", status: "pending", turn_id: "t1" });
        else sendJson(response, { interaction_id: "int_a", outcome: "approved" });
      },
    });
    const follower = await SessionFollower.start(client, { prompt: "go", project_id: "p", approval: "ask" });
    expect(follower.sessionId).toBe("ses_1");
    expect(follower.status).toBe("pending");
    expect(await follower.reply("int_a", { approved: true })).toEqual({
      interaction_id: "int_a",
      outcome: "approved",
    });
    expect(await collect(follower)).toEqual([]);
    expect(follower.finalStatus).toBe("failed");
    expect(bodies).toEqual([
      { prompt: "go", project_id: "p", approval: "ask" },
      { interaction_id: "int_a", approved: true },
      undefined,
    ]);
    expect(server.requests.map((request) => `${request.method} ${request.url}`)).toEqual([
      "POST /chat",
      "POST /agent/sessions/ses_1/reply",
      "GET /agent/progress/ses_1",
      "GET /agent/sessions/ses_1",
    ]);
  });

  it("continues a session from the events it already had, and forgets an end the new turn reopened", async () => {
    const { client, server } = await startApi({
      view: view("completed", 7),
      streams: [
        (response) =>
          response.end(sseFrame(8, "session.status", { status: "running" }) + text(9) + ended(10, "failed")),
      ],
      json: (_request, response) =>
        sendJson(response, { session_id: "ses_1", project_id: "p", status: "pending", turn_id: "t2" }),
    });
    const follower = await SessionFollower.start(client, {
      prompt: "more",
      project_id: "p",
      session_id: "ses_1",
    });
    const finals: Array<string | undefined> = [];
    expect(await collect(follower, () => finals.push(follower.finalStatus))).toEqual([8, 9, 10]);
    expect(finals).toEqual([undefined, undefined, "failed"]);
    const progress = server.requests.find((request) => request.url?.startsWith("/agent/progress/"));
    expect(progress?.headers["last-event-id"]).toBe("7");
  });

  it("stops quietly when the signal aborts, and can be iterated only once", async () => {
    const { client } = await startApi({ streams: [(response) => response.write(text(1))] });
    const controller = new AbortController();
    const follower = await SessionFollower.attach(client, "ses_1", { signal: controller.signal });
    expect(await collect(follower, () => controller.abort())).toEqual([1]);
    expect(follower.finalStatus).toBeUndefined();
    await expect(collect(follower)).rejects.toThrow(/only once/);
  });
});
