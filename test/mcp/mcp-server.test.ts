import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ResourceUpdatedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { startHarness, requireBubblewrap, type Harness } from "../fixtures/hangar-harness.js";
import { startScriptedModelServer, type ScriptedModelServer } from "../fixtures/scripted-model-server.js";
import { startGitHubApi, type GitHubApiFixture } from "../fixtures/github-api.js";
import { request as httpRequest } from "node:http";
import { connectClient, errorText, eventually, type ConnectedClient } from "./mcp-client.js";

/**
 * Hangar's MCP server end to end: a real Hangar (bwrap sandboxes, SQLite,
 * Fastify on loopback, agent sessions with the scripted model) and the SDK's
 * own client over streamable HTTP at /mcp, with two owners' API keys.
 */
const aliceKey = "alice-key-0123456789abcdef";
const bobKey = "bob-key-0123456789abcdef00";

interface EventsPage {
  events: Array<{ seq: number; name: string; data: Record<string, unknown> }>;
  next_since: number;
  settled: boolean;
}

const expectedTools = [
  "agent_cancel",
  "agent_events",
  "agent_reply",
  "agent_start",
  "agent_status",
  "github_create_issue_comment",
  "github_get_pull_request",
  "github_list_issues",
  "github_list_user_pull_requests",
  "github_list_user_repos",
  "list_languages",
  "run_code",
  "sandbox_ensure",
  "sandbox_list",
  "sandbox_list_files",
  "sandbox_read_file",
  "sandbox_write_file",
];

describe.runIf(requireBubblewrap())("the MCP server over streamable HTTP", () => {
  let model: ScriptedModelServer;
  let github: GitHubApiFixture;
  let hangar: Harness;
  let mcpUrl: string;
  let alice: ConnectedClient;
  let bob: ConnectedClient;

  beforeAll(async () => {
    model = await startScriptedModelServer();
    github = await startGitHubApi();
    hangar = await startHarness({
      config: {
        proxy: { github_api_url: github.url },
        server: {
          api_keys: [
            { key: aliceKey, owner: "alice" },
            { key: bobKey, owner: "bob" },
          ],
        },
        llm: { default_model: "openai:scripted", max_retries: 0 },
        agents: { interaction_timeout_seconds: 60, stuck_turn_seconds: 60 },
        mcp: { max_sessions_per_owner: 4 },
      },
      environment: { OPENAI_API_KEY: "sk-test-mcp", OPENAI_BASE_URL: model.openaiBaseUrl },
    });
    mcpUrl = `${hangar.url}/mcp`;
    alice = await connectClient(mcpUrl, aliceKey);
    bob = await connectClient(mcpUrl, bobKey);
  }, 120_000);

  afterAll(async () => {
    await alice?.close().catch(() => undefined);
    await bob?.close().catch(() => undefined);
    await hangar?.stop();
    await model?.close();
    await github?.close();
  });

  beforeEach(() => model.reset());

  /** Follows a session with agent_events until it has settled; answers every event. */
  async function followToEnd(
    client: ConnectedClient,
    sessionId: string,
    since = 0,
  ): Promise<EventsPage["events"]> {
    const events: EventsPage["events"] = [];
    let cursor = since;
    for (;;) {
      const result = await client.call("agent_events", { session_id: sessionId, since: cursor, limit: 50 });
      expect(result.isError).toBeFalsy();
      const page = result.structuredContent as unknown as EventsPage;
      events.push(...page.events);
      cursor = page.next_since;
      if (page.settled) return events;
      if (page.events.length === 0) await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it("lists every tool with input and output schemas, and the events resource template", async () => {
    const { tools } = await alice.client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(expectedTools);
    for (const tool of tools) {
      expect(tool.inputSchema.type).toBe("object");
      expect(tool.outputSchema?.type).toBe("object");
      expect(tool.description?.length).toBeGreaterThan(10);
    }
    const { resourceTemplates } = await alice.client.listResourceTemplates();
    expect(resourceTemplates.map((template) => template.uriTemplate)).toEqual([
      "hangar://sessions/{id}/events",
    ]);
    expect(alice.client.getServerCapabilities()?.resources?.subscribe).toBe(true);
  });

  it("run_code runs python print(6*7) → 42, with its output as progress", async () => {
    const progress: string[] = [];
    const result = await alice.call("run_code", { language: "python", code: "print(6*7)" }, (message) =>
      progress.push(message),
    );
    expect(result.isError).toBeFalsy();
    const run = result.structuredContent as { stdout: string; status: string; exitCode: number };
    expect(run.status).toBe("ok");
    expect(run.stdout).toBe("42\n");
    expect(run.exitCode).toBe(0);
    expect(progress.some((message) => message === "stdout: 42\n")).toBe(true);
    // The same JSON as text, for clients that read only content.
    expect(JSON.parse(errorText(result))).toMatchObject({ stdout: "42\n" });
  });

  it("list_languages answers the server's languages", async () => {
    const result = await alice.call("list_languages", {});
    const { languages } = result.structuredContent as { languages: Array<{ name: string }> };
    expect(languages.map((language) => language.name)).toContain("python");
  });

  it("bad arguments are tool errors naming the field; service refusals carry the HTTP API's code and field", async () => {
    const missing = await alice.call("run_code", { language: "python" });
    expect(missing.isError).toBe(true);
    expect(errorText(missing)).toMatch(/\bcode\b/);
    const mistyped = await alice.call("run_code", { language: "python", code: "1", timeoutMs: "soon" });
    expect(mistyped.isError).toBe(true);
    expect(errorText(mistyped)).toMatch(/timeoutMs/);
    const unknown = await alice.call("run_code", { language: "cobol-85", code: "DISPLAY 1" });
    expect(unknown.isError).toBe(true);
    expect(JSON.parse(errorText(unknown))).toMatchObject({
      error: { code: "UNKNOWN_LANGUAGE", field: "language" },
    });
    const badPrompt = await alice.call("agent_start", { prompt: "   ", project_id: "p1" });
    expect(JSON.parse(errorText(badPrompt))).toMatchObject({
      error: { code: "VALIDATION_FAILED", field: "prompt" },
    });
    // credentials reach the session service like POST /chat's: a name that is not one of yours is refused.
    const unknownCredential = await alice.call("agent_start", {
      prompt: "hi",
      project_id: "p1",
      credentials: ["no-such-credential"],
    });
    expect(JSON.parse(errorText(unknownCredential))).toMatchObject({
      error: { code: "VALIDATION_FAILED", field: "credentials" },
    });
    const badProject = await alice.call("agent_start", { prompt: "hi", project_id: "../etc" });
    expect(badProject.isError).toBe(true);
    expect(errorText(badProject)).toMatch(/project_id/);
    // Every page and wait is bounded: a client cannot ask for a giant answer or an endless call.
    const hugePage = await alice.call("agent_events", { session_id: "ses_x", limit: 1000 });
    expect(hugePage.isError).toBe(true);
    expect(errorText(hugePage)).toMatch(/limit/);
    const longWait = await alice.call("agent_start", {
      prompt: "hi",
      project_id: "p1",
      wait_seconds: 86_400,
    });
    expect(longWait.isError).toBe(true);
    expect(errorText(longWait)).toMatch(/wait_seconds/);
    const badPath = await alice.call("sandbox_ensure", { user_id: "u", project_id: "p" });
    const sandboxId = (badPath.structuredContent as { sandbox: { id: string } }).sandbox.id;
    const escape = await alice.call("sandbox_read_file", { sandbox_id: sandboxId, path: "../../etc/passwd" });
    expect(JSON.parse(errorText(escape))).toMatchObject({ error: { code: "INVALID_PATH" } });
  });

  it("sandbox tools round-trip a file; another owner's sandbox is invisible", async () => {
    const ensured = await alice.call("sandbox_ensure", { user_id: "ada", project_id: "roundtrip" });
    expect(ensured.isError).toBeFalsy();
    const { sandbox, created } = ensured.structuredContent as {
      sandbox: { id: string; owner: string };
      created: boolean;
    };
    expect(created).toBe(true);
    expect(sandbox.owner).toBe("alice");
    const again = await alice.call("sandbox_ensure", { user_id: "ada", project_id: "roundtrip" });
    expect((again.structuredContent as { created: boolean; sandbox: { id: string } }).sandbox.id).toBe(
      sandbox.id,
    );

    const text = "héllo from MCP\n";
    const written = await alice.call("sandbox_write_file", {
      sandbox_id: sandbox.id,
      path: "notes/hello.txt",
      content: text,
    });
    expect(written.structuredContent).toEqual({ path: "notes/hello.txt", size: Buffer.byteLength(text) });
    const binary = Buffer.from([0, 255, 1, 254]);
    await alice.call("sandbox_write_file", {
      sandbox_id: sandbox.id,
      path: "blob.bin",
      content: binary.toString("base64"),
      encoding: "base64",
    });
    const read = await alice.call("sandbox_read_file", { sandbox_id: sandbox.id, path: "notes/hello.txt" });
    expect(read.structuredContent).toMatchObject({ content: text, encoding: "utf8" });
    const notText = await alice.call("sandbox_read_file", { sandbox_id: sandbox.id, path: "blob.bin" });
    expect(JSON.parse(errorText(notText))).toMatchObject({ error: { field: "encoding" } });
    const bytes = await alice.call("sandbox_read_file", {
      sandbox_id: sandbox.id,
      path: "blob.bin",
      encoding: "base64",
    });
    expect((bytes.structuredContent as { content: string }).content).toBe(binary.toString("base64"));
    const files = await alice.call("sandbox_list_files", { sandbox_id: sandbox.id });
    const paths = (files.structuredContent as { entries: Array<{ path: string }> }).entries.map(
      (entry) => entry.path,
    );
    expect(paths).toEqual(expect.arrayContaining(["notes/hello.txt", "blob.bin"]));
    const listed = await alice.call("sandbox_list", {});
    const ids = (listed.structuredContent as { sandboxes: Array<{ id: string }> }).sandboxes.map(
      (each) => each.id,
    );
    expect(ids).toContain(sandbox.id);

    // Bob sees none of it, exactly as if the id did not exist.
    for (const [name, args] of [
      ["sandbox_read_file", { sandbox_id: sandbox.id, path: "notes/hello.txt" }],
      ["sandbox_write_file", { sandbox_id: sandbox.id, path: "x.txt", content: "bob was here" }],
      ["sandbox_list_files", { sandbox_id: sandbox.id }],
    ] as const) {
      const refused = await bob.call(name, args);
      const unknown = await bob.call(name, { ...args, sandbox_id: "sbx_doesnotexist" });
      expect(refused.isError).toBe(true);
      expect(JSON.parse(errorText(refused))).toEqual(
        JSON.parse(errorText(unknown).replaceAll("sbx_doesnotexist", sandbox.id)),
      );
    }
    const bobs = await bob.call("sandbox_list", {});
    expect((bobs.structuredContent as { sandboxes: unknown[] }).sandboxes).toEqual([]);
  });

  it("agent_start + agent_events follow a session with the scripted model to its end", async () => {
    model.enqueue(
      { toolCalls: [{ name: "bash", input: { command: "echo from-the-agent" } }] },
      { text: ["Done: ", "it printed."] },
    );
    const started = await alice.call("agent_start", { prompt: "print something", project_id: "mcp-agent" });
    expect(started.isError).toBeFalsy();
    const { session_id: sessionId } = started.structuredContent as { session_id: string };
    const events = await followToEnd(alice, sessionId);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    expect(events.at(-1)?.name).toBe("session.ended");
    const tool = events.find((event) => event.name === "tool.end");
    expect(tool?.data.output).toContain("from-the-agent");
    expect(events.filter((event) => event.name === "message.end").at(-1)?.data.text).toBe(
      "Done: it printed.",
    );
    const status = await alice.call("agent_status", { session_id: sessionId });
    expect(status.structuredContent).toMatchObject({ session_id: sessionId, status: "completed" });

    // Bob cannot see, follow, answer or cancel it: the same answer as an unknown session.
    for (const name of ["agent_status", "agent_events", "agent_cancel"]) {
      const refused = await bob.call(name, { session_id: sessionId });
      expect(JSON.parse(errorText(refused))).toMatchObject({ error: { code: "SESSION_NOT_FOUND" } });
    }
    const reply = await bob.call("agent_reply", {
      session_id: sessionId,
      interaction_id: "int_x",
      approved: true,
    });
    expect(JSON.parse(errorText(reply))).toMatchObject({ error: { code: "SESSION_NOT_FOUND" } });
    await expect(bob.client.readResource({ uri: `hangar://sessions/${sessionId}/events` })).rejects.toThrow(
      /SESSION_NOT_FOUND/,
    );
    const read = await alice.client.readResource({ uri: `hangar://sessions/${sessionId}/events` });
    const content = read.contents[0] as { text: string };
    expect(JSON.parse(content.text)).toMatchObject({ session_id: sessionId, status: "completed" });
  });

  it("agent_start with wait_seconds reports events as progress and stops at an approval; agent_reply answers it", async () => {
    model.enqueue(
      { toolCalls: [{ name: "bash", input: { command: "echo approved-by-mcp" } }] },
      { text: "ran it" },
    );
    const progress: string[] = [];
    const started = await alice.call(
      "agent_start",
      { prompt: "run the command", project_id: "mcp-approval", approval: "ask", wait_seconds: 90 },
      (message) => progress.push(message),
    );
    expect(started.isError).toBeFalsy();
    const answer = started.structuredContent as {
      session_id: string;
      waited: string;
      session: { status: string; pending_interactions: Array<{ interaction_id: string }> };
    };
    expect(answer.waited).toBe("interaction");
    expect(answer.session.status).toBe("waiting");
    expect(progress.some((message) => message.includes("permission.requested"))).toBe(true);
    const interactionId = answer.session.pending_interactions[0]?.interaction_id;
    expect(interactionId).toBeDefined();
    const replied = await alice.call("agent_reply", {
      session_id: answer.session_id,
      interaction_id: interactionId,
      approved: true,
    });
    expect(replied.structuredContent).toMatchObject({ interaction_id: interactionId, outcome: "approved" });
    const again = await alice.call("agent_reply", {
      session_id: answer.session_id,
      interaction_id: interactionId,
      approved: false,
    });
    expect(JSON.parse(errorText(again))).toMatchObject({ error: { code: "CONFLICT" } });
    const events = await followToEnd(alice, answer.session_id);
    const tool = events.find((event) => event.name === "tool.end");
    expect(tool?.data.output).toContain("approved-by-mcp");
    expect(events.at(-1)?.data).toMatchObject({ status: "completed" });
  });

  it("agent_cancel cancels a running turn", async () => {
    model.enqueue({ hang: true });
    const started = await alice.call("agent_start", { prompt: "think forever", project_id: "mcp-cancel" });
    const { session_id: sessionId } = started.structuredContent as { session_id: string };
    await eventually(async () => (model.requests.length > 0 ? true : undefined));
    const cancelled = await alice.call("agent_cancel", { session_id: sessionId });
    expect(cancelled.isError).toBeFalsy();
    expect(cancelled.structuredContent).toMatchObject({ session_id: sessionId, status: "cancelled" });
  });

  it("a subscription to a session's events resource gets updates; unsubscribe and close leave no follower", async () => {
    model.enqueue({ text: "first" });
    const started = await alice.call("agent_start", {
      prompt: "one",
      project_id: "mcp-resource",
      wait_seconds: 60,
    });
    const { session_id: sessionId } = started.structuredContent as { session_id: string };
    const uri = `hangar://sessions/${sessionId}/events`;
    const updates: string[] = [];
    alice.client.setNotificationHandler(ResourceUpdatedNotificationSchema, (notification) => {
      updates.push(notification.params.uri);
    });
    await alice.client.subscribeResource({ uri });
    expect(hangar.app.agents.events.subscriberCount(sessionId)).toBe(1);
    // Bob cannot subscribe to it.
    await expect(bob.client.subscribeResource({ uri })).rejects.toThrow(/SESSION_NOT_FOUND/);

    model.enqueue({ text: "second" });
    await alice.call("agent_start", { prompt: "two", project_id: "mcp-resource", session_id: sessionId });
    await eventually(() => (updates.length > 0 ? true : undefined));
    expect(updates.every((each) => each === uri)).toBe(true);
    await alice.client.unsubscribeResource({ uri });
    await eventually(
      () => (hangar.app.agents.events.subscriberCount(sessionId) === 0 ? true : undefined),
      10_000,
    );

    // A client that goes away without unsubscribing leaves no follower either.
    const leaving = await connectClient(mcpUrl, aliceKey);
    await leaving.client.subscribeResource({ uri });
    expect(hangar.app.agents.events.subscriberCount(sessionId)).toBe(1);
    await leaving.transport.terminateSession();
    await leaving.close();
    await eventually(
      () => (hangar.app.agents.events.subscriberCount(sessionId) === 0 ? true : undefined),
      10_000,
    );
  });

  it("GitHub tools act through the owner's stored credential (Octokit against the GitHub fake); the token never shows", async () => {
    await hangar.app.credentials.add({ owner: "alice", name: "gh", kind: "github", token: github.token });
    const repos = await alice.call("github_list_user_repos", { credential: "gh", per_page: 3 });
    expect(repos.isError).toBeFalsy();
    expect(repos.structuredContent).toMatchObject({
      items: [{ fullName: "octocat/repo-1" }, { fullName: "octocat/repo-2" }, { fullName: "octocat/repo-3" }],
      hasNextPage: true,
    });
    expect(JSON.stringify(repos)).not.toContain(github.token);
    expect(github.requests.at(-1)?.headers.authorization).toContain(github.token);
    // Bob cannot use Alice's credential: the same answer as a name nobody has.
    const refused = await bob.call("github_list_user_repos", { credential: "gh" });
    const unknown = await bob.call("github_list_user_repos", { credential: "no-such-credential" });
    expect(refused.isError).toBe(true);
    const codeOf = (text: string) => (JSON.parse(text) as { error: { code: string } }).error.code;
    expect(codeOf(errorText(refused))).toBe(codeOf(errorText(unknown)));
    expect(errorText(refused)).not.toContain(github.token);
  });

  it("refuses a wrong API key (401), another owner's session id (404), and a rebinding Host or Origin (403)", async () => {
    const initialize = {
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "1" } },
    };
    const post = (headers: Record<string, string>, body: unknown = initialize) =>
      fetch(mcpUrl, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          ...headers,
        },
        body: JSON.stringify(body),
      });
    const wrong = await post({ authorization: "Bearer not-a-real-key-at-all" });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { code: "UNAUTHORIZED" } });
    expect((await post({})).status).toBe(401);
    await expect(connectClient(mcpUrl, "not-a-real-key-at-all")).rejects.toThrow();

    const aliceSession = alice.transport.sessionId;
    expect(aliceSession).toBeDefined();
    const list = { jsonrpc: "2.0", id: 2, method: "tools/list", params: {} };
    const stolen = await post(
      {
        authorization: `Bearer ${bobKey}`,
        "mcp-session-id": aliceSession!,
        "mcp-protocol-version": "2025-06-18",
      },
      list,
    );
    expect(stolen.status).toBe(404);
    expect(await stolen.json()).toMatchObject({ error: { code: "NOT_FOUND", field: "mcp-session-id" } });
    const deleted = await fetch(mcpUrl, {
      method: "DELETE",
      headers: { authorization: `Bearer ${bobKey}`, "mcp-session-id": aliceSession! },
    });
    expect(deleted.status).toBe(404);
    // Alice's session is untouched.
    expect((await alice.client.listTools()).tools.length).toBe(expectedTools.length);

    const evilOrigin = await post({ authorization: `Bearer ${aliceKey}`, origin: "http://evil.example" });
    expect(evilOrigin.status).toBe(403);
    expect(await evilOrigin.json()).toMatchObject({ error: { code: "FORBIDDEN", field: "origin" } });
    const port = new URL(mcpUrl).port;
    // fetch will not send another Host; node:http will, as a rebinding browser would.
    const rebound = await rawPost(mcpUrl, JSON.stringify(initialize), {
      authorization: `Bearer ${aliceKey}`,
      host: `evil.example:${port}`,
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
    });
    expect(rebound.status).toBe(403);
    const loopbackPage = await post({
      authorization: `Bearer ${aliceKey}`,
      origin: `http://localhost:${port}`,
    });
    expect(loopbackPage.status).toBe(200);
    await loopbackPage.body?.cancel();
    const noSession = await post({ authorization: `Bearer ${aliceKey}` }, list);
    expect(noSession.status).toBe(400);
    expect(await noSession.json()).toMatchObject({ error: { field: "mcp-session-id" } });
  });

  it("bounds the MCP sessions of one owner: the least recently used idle one is closed", async () => {
    const before = hangar.app.mcpSessions.countFor("bob");
    const clients: ConnectedClient[] = [];
    for (let index = 0; index < 5; index += 1) clients.push(await connectClient(mcpUrl, bobKey));
    expect(hangar.app.mcpSessions.countFor("bob")).toBeLessThanOrEqual(4);
    expect(before).toBeGreaterThan(0);
    // The newest clients still work; the oldest (bob's first) was closed and answers 404.
    expect((await clients[4]!.client.listTools()).tools.length).toBe(expectedTools.length);
    await expect(bob.client.listTools()).rejects.toThrow(/404|not found|session/i);
    for (const client of clients) await client.close();
    bob = await connectClient(mcpUrl, bobKey);
  });
});

function rawPost(url: string, body: string, headers: Record<string, string>): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method: "POST", headers }, (response) => {
      response.resume();
      resolve({ status: response.statusCode ?? 0 });
    });
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}
