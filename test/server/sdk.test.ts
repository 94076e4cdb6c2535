import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Hangar, HangarClientError, type SessionEvent } from "../../src/client/sdk/index.js";
import { sessionEventSchema } from "../../src/protocol/index.js";
import { requireBubblewrap, startHarness, type Harness } from "../fixtures/hangar-harness.js";
import { startScriptedModelServer, type ScriptedModelServer } from "../fixtures/scripted-model-server.js";

/**
 * The TypeScript SDK (`hangar/client`) against a real Hangar (bubblewrap,
 * SQLite, HTTP on loopback) whose agent model is the real AI SDK OpenAI
 * provider talking to the scripted model server.
 */
const aliceKey = `alice-${randomBytes(16).toString("hex")}`;
const bobKey = `bob-${randomBytes(16).toString("hex")}`;

/** Calls `action` and answers the HangarClientError it throws (failing when it throws nothing else). */
async function clientError(action: () => Promise<unknown>): Promise<HangarClientError> {
  try {
    await action();
  } catch (error) {
    if (error instanceof HangarClientError) return error;
    throw error;
  }
  throw new Error("expected a HangarClientError, but the call succeeded");
}

describe.runIf(requireBubblewrap())("the TypeScript SDK against a real server", () => {
  let model: ScriptedModelServer;
  let hangar: Harness;
  let alice: Hangar;
  let bob: Hangar;
  /** The progress streams the server was asked for, so a test can cut one and see the reconnect. */
  const progressRequests: IncomingMessage[] = [];

  beforeAll(async () => {
    model = await startScriptedModelServer();
    hangar = await startHarness({
      config: {
        server: {
          api_keys: [
            { key: aliceKey, owner: "alice" },
            { key: bobKey, owner: "bob" },
          ],
        },
        llm: { default_model: "openai:scripted", max_retries: 0 },
        agents: { interaction_timeout_seconds: 30, stuck_turn_seconds: 30 },
      },
      environment: { OPENAI_API_KEY: "sk-scripted", OPENAI_BASE_URL: model.openaiBaseUrl },
    });
    hangar.server.server.on("request", (request: IncomingMessage) => {
      if (request.url?.startsWith("/agent/progress/") === true) progressRequests.push(request);
    });
    const reconnect = { initialDelayMs: 50, retries: 3 };
    alice = new Hangar({ url: hangar.url, apiKey: aliceKey, reconnect });
    bob = new Hangar({ url: hangar.url, apiKey: bobKey, reconnect });
  });

  afterAll(async () => {
    await hangar?.stop();
    await model?.close();
  });

  beforeEach(() => {
    model.reset();
    progressRequests.length = 0;
  });

  it("runCode answers the result; with callbacks the output streams in pieces as it is printed", async () => {
    const plain = await alice.runCode("print(6 * 7)", { language: "python" });
    expect(plain).toMatchObject({ status: "ok", stdout: "42\n", exitCode: 0, language: "python" });

    const pieces: Array<{ stream: string; data: string; at: number }> = [];
    let started: { runId: string } | undefined;
    const result = await alice.runCode("for i in 1 2 3; do echo $i; sleep 0.2; done; echo oops >&2", {
      language: "bash",
      onStart: (start) => (started = start),
      onStdout: (data) => pieces.push({ stream: "stdout", data, at: performance.now() }),
      onStderr: (data) => pieces.push({ stream: "stderr", data, at: performance.now() }),
    });
    expect(result).toMatchObject({ status: "ok", stdout: "1\n2\n3\n", stderr: "oops\n" });
    expect(started?.runId).toBe(result.runId);
    const stdout = pieces.filter((piece) => piece.stream === "stdout");
    expect(stdout.map((piece) => piece.data).join("")).toBe("1\n2\n3\n");
    // Streamed, not handed over at the end: the first line came well before the last.
    expect(stdout.length).toBeGreaterThanOrEqual(2);
    expect(stdout.at(-1)!.at - stdout[0]!.at).toBeGreaterThan(250);
    expect(pieces.filter((piece) => piece.stream === "stderr").map((piece) => piece.data)).toEqual([
      "oops\n",
    ]);

    expect((await alice.languages()).map((language) => language.name)).toContain("python");
  });

  it("runCode with onResult hands over a notebook cell's rich results as they come", async () => {
    const sessionId = `sdk-results-${randomBytes(4).toString("hex")}`;
    const bundles: unknown[] = [];
    const result = await alice.runCode(
      "display({'text/html': '<b>1</b>', 'text/plain': '1'}, raw=True)\n6 * 7",
      {
        language: "python",
        sessionId,
        onResult: (bundle) => bundles.push(bundle),
      },
    );
    expect(result).toMatchObject({ status: "ok", result: "42", executionCount: 1 });
    expect(bundles).toEqual([
      { "text/plain": "1", "text/html": "<b>1</b>" },
      { "text/plain": "42", isMainResult: true },
    ]);
    expect(result.results).toEqual(bundles);
  });

  it("a notebook keeps its state between runs, is listed, and closes", async () => {
    const notebook = alice.notebooks.create({ language: "python" });
    await notebook.run("import math\nx = 20");
    const cell = await notebook.run("math.sqrt(x + 5)");
    expect(cell).toMatchObject({ status: "ok", result: "5.0", sessionId: notebook.id });
    const streamed: string[] = [];
    await notebook.run("print(x)", { onStdout: (data) => streamed.push(data) });
    expect(streamed.join("")).toBe("20\n");
    expect((await alice.notebooks.list()).map((session) => session.sessionId)).toContain(notebook.id);
    expect((await bob.notebooks.list()).map((session) => session.sessionId)).not.toContain(notebook.id);
    expect(await notebook.close()).toBe(true);
    expect(await notebook.close()).toBe(false);
    // A closed notebook's next run starts from nothing.
    const fresh = await notebook.run("x");
    expect(fresh.status).toBe("error");
    await notebook.close();
  });

  it("submit and poll: the run is the owner's alone (another key gets 404) and is listed", async () => {
    const accepted = await alice.runs.submit("import time; time.sleep(0.5); print('late')", {
      language: "python",
    });
    expect(accepted.status).toBe("queued");
    const early = await alice.runs.get(accepted.runId);
    expect(["queued", "running"]).toContain(early.status);
    const result = await alice.runs.wait(accepted.runId, { intervalMs: 100 });
    expect(result).toMatchObject({ runId: accepted.runId, status: "ok", stdout: "late\n" });

    const refused = await clientError(() => bob.runs.get(accepted.runId));
    expect(refused).toMatchObject({ status: 404, code: "NOT_FOUND" });
    const alicesRuns = await alice.runs.list({ limit: 5 });
    expect(alicesRuns.runs.map((run) => run.runId)).toContain(accepted.runId);
    const bobsRuns = await bob.runs.list();
    expect(bobsRuns.runs.map((run) => run.runId)).not.toContain(accepted.runId);
  });

  it("sandboxes: ensure is idempotent; files are written, read back and listed; delete removes it", async () => {
    const first = await alice.sandboxes.ensure({ userId: "u1", projectId: "sdk-files" });
    const again = await alice.sandboxes.ensure({ userId: "u1", projectId: "sdk-files" });
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, sandbox: { id: first.sandbox.id } });
    const id = first.sandbox.id;

    expect(await alice.sandboxes.files.write(id, "src/app.py", "print('hi')\n")).toEqual({
      path: "src/app.py",
      size: 12,
    });
    const bytes = new Uint8Array([0, 1, 2, 255]);
    await alice.sandboxes.files.write(id, "data.bin", bytes);
    expect(await alice.sandboxes.files.read(id, "src/app.py")).toBe("print('hi')\n");
    expect(await alice.sandboxes.files.readBytes(id, "data.bin")).toEqual(bytes);
    const listing = await alice.sandboxes.files.list(id, "src");
    expect(listing.entries).toEqual([{ path: "app.py", type: "file", size: 12 }]);
    const everything = await alice.sandboxes.files.list(id);
    expect(everything.entries.map((entry) => entry.path).sort()).toEqual(["data.bin", "src", "src/app.py"]);

    expect((await alice.sandboxes.list()).sandboxes.map((sandbox) => sandbox.id)).toContain(id);
    expect((await alice.sandboxes.get(id)).project_id).toBe("sdk-files");
    expect(await clientError(() => bob.sandboxes.files.read(id, "src/app.py"))).toMatchObject({
      status: 404,
      code: "NOT_FOUND",
    });
    await alice.sandboxes.delete(id);
    expect((await alice.sandboxes.list()).sandboxes.map((sandbox) => sandbox.id)).not.toContain(id);
  });

  it("errors are HangarClientErrors naming the field at fault", async () => {
    const version = await clientError(() =>
      alice.runCode("print(1)", { language: "python", version: "0.0.1" }),
    );
    expect(version).toMatchObject({ status: 400, field: "version" });
    expect(version.message).toMatch(/available/);
    const path = await clientError(async () => {
      const { sandbox } = await alice.sandboxes.ensure({ userId: "u1", projectId: "sdk-errors" });
      await alice.sandboxes.files.write(sandbox.id, "../escape.txt", "x");
    });
    expect(path).toMatchObject({ status: 400, code: "INVALID_PATH", field: "path" });
    const streamed = await clientError(() =>
      alice.runCode("print(1)", { language: "cobol", onStdout: () => undefined }),
    );
    expect(streamed).toMatchObject({ status: 400, code: "UNKNOWN_LANGUAGE", field: "language" });
    const unauthenticated = new Hangar({ url: hangar.url, apiKey: "not-a-key-of-this-server" });
    expect(await clientError(() => unauthenticated.languages())).toMatchObject({ status: 401 });
    const nobody = new Hangar({ url: "http://127.0.0.1:1" });
    expect(await clientError(() => nobody.languages())).toMatchObject({
      code: "UNREACHABLE",
      status: undefined,
    });
  });

  it("agent.start follows a session to its end through a dropped stream, each event once; reply approves", async () => {
    model.enqueue(
      { toolCalls: [{ name: "bash", input: { command: "echo approved-run" } }] },
      { text: ["All ", "done."] },
    );
    const session = await alice.agent.start("run a command", { projectId: "sdk-agent", approval: "ask" });
    const events: SessionEvent[] = [];
    let isCut = false;
    for await (const event of session) {
      events.push(sessionEventSchema.parse(event));
      if (event.name === "permission.requested" && !isCut) {
        // The connection drops mid-session, right when the session waits for us.
        isCut = true;
        expect(session.takeNewInteractions().map((request) => request.data.interaction_id)).toEqual([
          event.data.interaction_id,
        ]);
        progressRequests.at(-1)!.socket.destroy();
        const answer = await alice.agent.reply(session.sessionId, event.data.interaction_id, {
          approved: true,
        });
        expect(answer.outcome).toBe("approved");
      }
    }
    expect(isCut).toBe(true);
    // Every event once, in order, across the reconnect.
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    expect(progressRequests.length).toBeGreaterThanOrEqual(2);
    expect(Number(progressRequests[1]!.headers["last-event-id"])).toBeGreaterThan(0);
    const names = events.map((event) => event.name);
    expect(names).toContain("interaction.resolved");
    expect(names.at(-1)).toBe("session.ended");
    const bash = events.find((event) => event.name === "tool.end") as SessionEvent<"tool.end">;
    expect(bash.data.output).toContain("approved-run");
    expect(session.finalStatus).toBe("completed");
    expect(session.pendingInteractions).toEqual([]);
    const view = await alice.agent.get(session.sessionId);
    expect(view).toMatchObject({ status: "completed", last_seq: events.length });
    expect(await clientError(() => bob.agent.get(session.sessionId))).toMatchObject({
      status: 404,
      code: "SESSION_NOT_FOUND",
    });
  });

  it("agent.start under a client-chosen id starts that session; starting it again follows only the new turn", async () => {
    const sessionId = `sdk-chosen-${randomBytes(4).toString("hex")}`;
    model.enqueue({ text: "first answer" }, { text: "second answer" });
    const first = await alice.agent.start("hello", { projectId: "sdk-chosen", sessionId });
    expect(first.sessionId).toBe(sessionId);
    const firstEvents: SessionEvent[] = [];
    for await (const event of first) firstEvents.push(event);
    expect(first.finalStatus).toBe("completed");
    const second = await alice.agent.start("again", { projectId: "sdk-chosen", sessionId });
    const secondEvents: SessionEvent[] = [];
    for await (const event of second) secondEvents.push(event);
    expect(secondEvents[0]?.seq).toBe(firstEvents.length + 1);
    const texts = secondEvents.flatMap((event) => (event.name === "message.end" ? [event.data.text] : []));
    expect(texts).toEqual(["second answer"]);
    expect(second.finalStatus).toBe("completed");
  });

  it("agent.cancel ends a running turn; the follower sees the session end cancelled", async () => {
    model.enqueue({ toolCalls: [{ name: "bash", input: { command: "echo started; sleep 300" } }] });
    const session = await alice.agent.start("wait forever", { projectId: "sdk-cancel" });
    let cancelled: Promise<unknown> | undefined;
    const names: string[] = [];
    for await (const event of session) {
      names.push(event.name);
      if (event.name === "tool.delta" && cancelled === undefined)
        cancelled = alice.agent.cancel(session.sessionId);
    }
    expect(await cancelled).toMatchObject({ status: "cancelled" });
    expect(names.at(-1)).toBe("session.ended");
    expect(session.finalStatus).toBe("cancelled");
  });
});
