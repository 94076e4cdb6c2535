import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SessionEvent } from "../../src/events/session-events.js";
import { startHarness, requireBubblewrap, type Harness } from "../fixtures/hangar-harness.js";
import { startScriptedModelServer, type ScriptedModelServer } from "../fixtures/scripted-model-server.js";
import { expectContiguous, namesOf, watchSession } from "./agent-client.js";

/**
 * Agent sessions end to end: a real Hangar (bwrap sandboxes, SQLite, HTTP)
 * whose model is the real AI SDK OpenAI provider talking to a scripted
 * chat-completions server on loopback.
 */
const canaryKey = "sk-canary-7f3a9b1c2d4e5f60718293a4b5c6d7e8";

interface ChatAnswer {
  session_id: string;
  project_id: string;
  status: string;
  turn_id: string;
}

interface ErrorAnswer {
  error: { code: string; message: string; field?: string };
}

describe.runIf(requireBubblewrap())("agent sessions over HTTP", () => {
  let model: ScriptedModelServer;
  let hangar: Harness;

  beforeAll(async () => {
    model = await startScriptedModelServer();
    hangar = await startHarness({
      config: {
        llm: { default_model: "openai:scripted", max_retries: 2 },
        agents: { interaction_timeout_seconds: 30, stuck_turn_seconds: 30 },
      },
      environment: { OPENAI_API_KEY: canaryKey, OPENAI_BASE_URL: model.openaiBaseUrl },
    });
  });

  afterAll(async () => {
    await hangar?.stop();
    await model?.close();
  });

  beforeEach(() => model.reset());

  const chat = (body: Record<string, unknown>) =>
    hangar.request<ChatAnswer & ErrorAnswer>("POST", "/chat", body);

  it("runs a multi-step task: writes a file, runs it with bash, answers; the stream shows every step in order", async () => {
    model.enqueue(
      {
        text: "I'll write the test first.",
        toolCalls: [
          {
            name: "write_file",
            input: {
              path: "test_hello.py",
              content: "def test_hello():\n    assert 'hello'.upper() == 'HELLO'\nprint('ran')\n",
            },
          },
        ],
      },
      { toolCalls: [{ name: "bash", input: { command: "python3 test_hello.py && echo tests-passed" } }] },
      { text: ["All ", "done: ", "the test passes."] },
    );
    const started = await chat({ prompt: "Write a hello test and run it", project_id: "demo" });
    expect(started.status).toBe(200);
    expect(["starting", "pending"]).toContain(started.body.status);
    const events = await watchSession(hangar.url, started.body.session_id);
    expectContiguous(events);
    const names = namesOf(events);
    expect(names[0]).toBe("session.status");
    expect(names).toContain("turn.start");
    expect(names.at(-1)).toBe("session.ended");
    const tools = events.filter((event) => event.name === "tool.end");
    expect(tools.map((event) => event.data.tool)).toEqual(["write_file", "bash"]);
    expect(tools.every((event) => !event.data.is_error)).toBe(true);
    expect(tools[1]?.data.output).toContain("tests-passed");
    const deltas = events.filter((event) => event.name === "tool.delta");
    expect(deltas.map((event) => event.data.text).join("")).toContain("tests-passed");
    const ends = events.filter((event) => event.name === "message.end");
    expect(ends.at(-1)?.data.text).toBe("All done: the test passes.");
    const ended = events.at(-1) as SessionEvent<"session.ended">;
    expect(ended.data.status).toBe("completed");
    // The tool results went back to the model in the next request.
    const third = model.requests[2]?.body as { messages: Array<{ role: string; content: unknown }> };
    expect(JSON.stringify(third.messages)).toContain("tests-passed");
    // The file is in the project's sandbox.
    const session = await hangar.request<{
      sandbox_id: string;
      status: string;
      usage: { input_tokens: number };
    }>("GET", `/agent/sessions/${started.body.session_id}`);
    expect(session.body.status).toBe("completed");
    expect(session.body.usage.input_tokens).toBeGreaterThan(0);
    const file = await fetch(
      `${hangar.url}/sandboxes/${session.body.sandbox_id}/files/content?path=test_hello.py`,
    );
    expect(file.status).toBe(200);
    expect(await file.text()).toContain("def test_hello");
  });

  it("continues a session with a second prompt in the same sandbox and conversation", async () => {
    model.enqueue(
      { toolCalls: [{ name: "write_file", input: { path: "note.txt", content: "first" } }] },
      { text: "saved" },
    );
    const first = await chat({ prompt: "save a note", project_id: "multi" });
    await watchSession(hangar.url, first.body.session_id);
    model.enqueue(
      { toolCalls: [{ name: "read_file", input: { path: "note.txt" } }] },
      { text: "it says first" },
    );
    const second = await chat({
      prompt: "what does the note say?",
      project_id: "multi",
      session_id: first.body.session_id,
    });
    expect(second.body.session_id).toBe(first.body.session_id);
    const events = await watchSession(hangar.url, first.body.session_id);
    expectContiguous(events);
    const reads = events.filter((event) => event.name === "tool.end" && event.data.tool === "read_file");
    expect(JSON.stringify(reads)).toContain("first");
    const lastRequest = model.requests.at(-1)?.body as { messages: Array<{ role: string }> };
    expect(lastRequest.messages.filter((message) => message.role === "user")).toHaveLength(2);
  });

  it("resumes a stream with Last-Event-ID: every later event exactly once; ten watchers see the same sequence", async () => {
    model.enqueue(
      {
        toolCalls: [{ name: "bash", input: { command: "for i in 1 2 3; do echo line$i; sleep 0.2; done" } }],
      },
      { text: ["fin", "ished"] },
    );
    const started = await chat({ prompt: "count", project_id: "resume" });
    const id = started.body.session_id;
    const watchers = Array.from({ length: 10 }, () => watchSession(hangar.url, id));
    const firstPart = await watchSession(hangar.url, id, { until: (event) => event.name === "tool.start" });
    const cut = firstPart.at(-1)?.seq ?? 0;
    const rest = await watchSession(hangar.url, id, { lastEventId: cut });
    expect(rest[0]?.seq).toBe(cut + 1);
    const joined = [...firstPart, ...rest];
    expectContiguous(joined);
    const everyWatcher = await Promise.all(watchers);
    for (const seen of everyWatcher) expect(seen).toEqual(joined);
    const bySince = await watchSession(hangar.url, id, { since: 3 });
    expect(bySince).toEqual(joined.slice(3));
    const page = await hangar.request<{ events: SessionEvent[]; next_since: number }>(
      "GET",
      `/agent/sessions/${id}/events?since=2&limit=3`,
    );
    expect(page.body.events.map((event) => event.seq)).toEqual([3, 4, 5]);
    expect(page.body.next_since).toBe(5);
  });

  it("asks for permission under `ask`: approved runs the command, denied tells the model", async () => {
    model.enqueue(
      { toolCalls: [{ name: "bash", input: { command: "echo approved-run > proof.txt" } }] },
      { toolCalls: [{ name: "bash", input: { command: "echo should-not-run" } }] },
      { text: "ok" },
    );
    const started = await chat({ prompt: "do it", project_id: "approvals", approval: "ask" });
    const id = started.body.session_id;
    const firstRequest = await watchSession(hangar.url, id, {
      until: (event) => event.name === "permission.requested",
    });
    const permission = firstRequest.at(-1) as SessionEvent<"permission.requested">;
    expect(permission.data.summary).toContain("echo approved-run");
    const status = await hangar.request<{ status: string }>("GET", "/agent/status/approvals");
    expect(status.body.status).toBe("waiting");
    const view = await hangar.request<{ pending_interactions: Array<{ interaction_id: string }> }>(
      "GET",
      `/agent/sessions/${id}`,
    );
    expect(view.body.pending_interactions.map((pending) => pending.interaction_id)).toEqual([
      permission.data.interaction_id,
    ]);
    const approved = await hangar.request("POST", `/agent/sessions/${id}/reply`, {
      interaction_id: permission.data.interaction_id,
      approved: true,
    });
    expect(approved.status).toBe(200);
    const again = await hangar.request<ErrorAnswer>("POST", `/agent/sessions/${id}/reply`, {
      interaction_id: permission.data.interaction_id,
      approved: false,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("CONFLICT");
    const secondRequest = await watchSession(hangar.url, id, {
      lastEventId: permission.seq,
      until: (event) => event.name === "permission.requested",
    });
    const denial = secondRequest.at(-1) as SessionEvent<"permission.requested">;
    await hangar.request("POST", `/agent/sessions/${id}/reply`, {
      interaction_id: denial.data.interaction_id,
      approved: false,
    });
    const rest = await watchSession(hangar.url, id, { lastEventId: denial.seq });
    const all = [...firstRequest, ...secondRequest, ...rest];
    expectContiguous(all);
    const resolved = all.filter((event) => event.name === "interaction.resolved");
    expect(resolved.map((event) => event.data.outcome)).toEqual(["approved", "denied"]);
    const toolEnds = all.filter((event) => event.name === "tool.end");
    expect(toolEnds[1]?.data.is_error).toBe(true);
    expect(toolEnds[1]?.data.output).toContain("denied");
    expect(JSON.stringify(all)).not.toContain("should-not-run\\n");
  });

  it("asks the user a question and uses the answer", async () => {
    model.enqueue(
      {
        toolCalls: [
          { name: "ask_user", input: { question: "Which framework?", choices: ["flask", "fastapi"] } },
        ],
      },
      { text: "Going with the answer." },
    );
    const started = await chat({ prompt: "build an app", project_id: "questions" });
    const id = started.body.session_id;
    const asked = await watchSession(hangar.url, id, { until: (event) => event.name === "question.asked" });
    const question = asked.at(-1) as SessionEvent<"question.asked">;
    expect(question.data.choices).toEqual(["flask", "fastapi"]);
    const missing = await hangar.request<ErrorAnswer>("POST", `/agent/sessions/${id}/reply`, {
      interaction_id: question.data.interaction_id,
      approved: true,
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.field).toBe("answer");
    await hangar.request("POST", `/agent/sessions/${id}/reply`, {
      interaction_id: question.data.interaction_id,
      answer: "flask",
    });
    await watchSession(hangar.url, id, { lastEventId: question.seq });
    expect(JSON.stringify(model.requests.at(-1)?.body)).toContain("flask");
  });

  it("cancels a turn in a long bash within 2 s and kills its processes", async () => {
    model.enqueue({
      toolCalls: [{ name: "bash", input: { command: "echo started; sleep 300; echo never" } }],
    });
    const started = await chat({ prompt: "wait forever", project_id: "cancel" });
    const id = started.body.session_id;
    await watchSession(hangar.url, id, { until: (event) => event.name === "tool.delta" });
    const cancelledAt = performance.now();
    const cancelled = await hangar.request<{ status: string }>("POST", "/agent/session/cancel", {
      session_id: id,
    });
    expect(performance.now() - cancelledAt).toBeLessThan(2000);
    expect(cancelled.body.status).toBe("cancelled");
    const events = await watchSession(hangar.url, id);
    expect(events.at(-1)?.name).toBe("session.ended");
    expect((events.at(-1) as SessionEvent<"session.ended">).data.status).toBe("cancelled");
    // The sandbox lives on, without the sleep.
    const session = await hangar.request<{ sandbox_id: string }>("GET", `/agent/sessions/${id}`);
    model.enqueue({ toolCalls: [{ name: "bash", input: { command: "ps -eo args" } }] }, { text: "checked" });
    await chat({ prompt: "list processes", project_id: "cancel", session_id: id });
    const after = await watchSession(hangar.url, id, { since: events.at(-1)?.seq ?? 0 });
    const listing = after.find((event) => event.name === "tool.end") as SessionEvent<"tool.end">;
    expect(listing.data.output).not.toContain("sleep 300");
    expect(session.body.sandbox_id).toBeTruthy();
  });

  it("stops every agent of a project; the project then reads idle", async () => {
    model.setResponder(() => ({ hang: true }));
    const one = await chat({ prompt: "a", project_id: "stopme" });
    const two = await chat({ prompt: "b", project_id: "stopme" });
    await model.waitForRequests(2);
    const stopped = await hangar.request<{ stopped: string[] }>("POST", "/agent/stop", {
      project_id: "stopme",
    });
    expect(stopped.body.stopped.sort()).toEqual([one.body.session_id, two.body.session_id].sort());
    const status = await hangar.request<{ status: string }>("GET", "/agent/status/stopme");
    expect(status.body.status).toBe("idle");
  });

  it("fails a turn with a clear, key-free error when the model keeps failing", async () => {
    model.setResponder(() => ({
      error: { status: 500, message: `upstream broke ${canaryKey}`, retryAfterSeconds: 0 },
    }));
    const started = await chat({ prompt: "x", project_id: "broken" });
    const events = await watchSession(hangar.url, started.body.session_id);
    const error = events.find((event) => event.name === "error") as SessionEvent<"error">;
    expect(error.data.message).toMatch(/500/);
    expect((events.at(-1) as SessionEvent<"session.ended">).data.status).toBe("failed");
    expect(JSON.stringify(events)).not.toContain(canaryKey);
  });

  it("answers bad input with clear errors naming the field", async () => {
    const empty = await chat({ prompt: "   ", project_id: "bad" });
    expect(empty.status).toBe(400);
    expect(empty.body.error.field).toBe("prompt");
    const unknownProvider = await chat({ prompt: "x", project_id: "bad", model: "nosuch:model" });
    expect(unknownProvider.status).toBe(400);
    expect(unknownProvider.body.error.code).toBe("UNKNOWN_MODEL");
    expect(unknownProvider.body.error.field).toBe("model");
    const noKey = await chat({ prompt: "x", project_id: "bad", model: "anthropic:claude-sonnet-4-5" });
    expect(noKey.status).toBe(400);
    expect(noKey.body.error.code).toBe("MISSING_API_KEY");
    expect(noKey.body.error.message).toContain("ANTHROPIC_API_KEY");
    const badProject = await chat({ prompt: "x", project_id: "../etc" });
    expect(badProject.status).toBe(400);
    expect(badProject.body.error.field).toBe("project_id");
    const unknown = await hangar.request<ErrorAnswer>("GET", "/agent/sessions/ses_nosuchsession");
    expect(unknown.status).toBe(404);
    const unknownStream = await fetch(`${hangar.url}/agent/progress/ses_nosuchsession`);
    expect(unknownStream.status).toBe(404);
    const otherProject = await chat({ prompt: "x", project_id: "bad", session_id: "rcoder-chosen-id" });
    expect(otherProject.status, "a client-chosen id starts a session").toBe(200);
    const wrongProject = await chat({ prompt: "x", project_id: "other", session_id: "rcoder-chosen-id" });
    expect(wrongProject.status).toBe(400);
    expect(wrongProject.body.error.field).toBe("project_id");
    const cancelUnknown = await hangar.request("POST", "/agent/session/cancel", {
      session_id: "ses_nosuchsession",
    });
    expect(cancelUnknown.status).toBe(404);
  });
});
