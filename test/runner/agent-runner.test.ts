// The built agent runner as a real process, driven only through createRunnerClient,
// with the scripted ACP agent (a real ACP agent on the SDK) as its agent.
import { existsSync, readFileSync, symlinkSync } from "node:fs";
import { connect, createServer, type Server } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRunnerClient, type RunnerClient } from "../../src/agents/acp/runner-client.js";
import { CancelResultType, type ProgressEvent } from "../../src/runner-protocol/agent_pb.js";
import { scriptedAgentConfig, startRunner, type RunnerProcess } from "./runner-process.js";

let runner: RunnerProcess;
let client: RunnerClient;
let sessionCounter = 0;

beforeAll(async () => {
  runner = await startRunner(["--start-timeout-ms", "1500"], {
    ...process.env,
    RUNNER_SECRET: "runner-only",
  });
  client = createRunnerClient(runner.socketPath);
});

afterAll(async () => {
  client?.close();
  await runner?.stop();
});

const newSessionId = () => `ses_${++sessionCounter}`;

/** Events of a session after fromSeq until one matches done (heartbeats left out). */
async function collect(
  sessionId: string,
  done: (event: ProgressEvent) => boolean,
  fromSeq = 0n,
  timeoutMs = 10_000,
): Promise<ProgressEvent[]> {
  const events: ProgressEvent[] = [];
  const stream = client.agent.subscribeProgress({ sessionId, fromSeq }, { timeoutMs });
  for await (const event of stream) {
    if (event.messageType === "Heartbeat") continue;
    events.push(event);
    if (done(event)) break;
  }
  return events;
}

const promptEnded = (event: ProgressEvent) => event.messageType === "SessionPromptEnd";
const messages = (events: ProgressEvent[]) =>
  events
    .filter((event) => event.subType === "agent_message_chunk")
    .map(
      (event) => (JSON.parse(event.payload) as { update: { content: { text: string } } }).update.content.text,
    );

async function chat(
  sessionId: string,
  script: object,
  prompt = "go",
  extra: Parameters<typeof scriptedAgentConfig>[1] = {},
) {
  return client.agent.chat({
    sessionId,
    projectId: "demo",
    prompt,
    agentConfig: scriptedAgentConfig(script, extra),
  });
}

function processGone(pid: number): boolean {
  if (!existsSync(`/proc/${pid}`)) return true;
  // A zombie has exited; only its parent's wait is missing.
  return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.startsWith("Z") ?? true;
}

describe("agent runner", () => {
  it("writes the ready line and runner.json", () => {
    expect(runner.ready.ready).toBe(true);
    expect(runner.ready.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(runner.ready.relay_port).toBeGreaterThan(0);
    const written = JSON.parse(readFileSync(join(runner.channel, "runner.json"), "utf8")) as object;
    expect(written).toEqual(runner.ready);
  });

  it("streams a prompt's ACP updates in order with contiguous seq", async () => {
    const sessionId = newSessionId();
    const answer = await chat(sessionId, {
      version: "9.9.9",
      turns: [
        [
          { thought: "thinking" },
          { message: "hello " },
          { message: "world" },
          { plan: [{ content: "step", priority: "high", status: "pending" }] },
          { toolCall: { id: "t1", title: "Edit", kind: "edit" } },
          { toolCallUpdate: { id: "t1", status: "completed" } },
        ],
      ],
    });
    expect(answer).toMatchObject({ success: true, sessionOrigin: "new", agentVersion: "9.9.9" });
    expect(answer.acpSessionId).not.toBe("");
    const events = await collect(sessionId, promptEnded);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => BigInt(index + 1)));
    expect(events.map((event) => `${event.messageType}:${event.subType}`)).toEqual([
      "SessionPromptStart:",
      "AgentSessionUpdate:agent_thought_chunk",
      "AgentSessionUpdate:agent_message_chunk",
      "AgentSessionUpdate:agent_message_chunk",
      "AgentSessionUpdate:plan",
      "AgentSessionUpdate:tool_call",
      "AgentSessionUpdate:tool_call_update",
      "SessionPromptEnd:end_turn",
    ]);
    expect(messages(events).join("")).toBe("hello world");
    const status = await client.agent.getStatus({ sessionId });
    expect(status).toMatchObject({ isFound: true, status: "idle", lastSeq: 8n, firstHeldSeq: 1n });
    expect(status.acpSessionId).toBe(answer.acpSessionId);
  });

  it("gives the agent a minimal environment and its home files, never the runner's environment", async () => {
    const sessionId = newSessionId();
    await chat(
      sessionId,
      { turns: [[{ reportEnv: ["HOME", "TERM", "RUNNER_SECRET", "FROM_CATALOG"] }]] },
      "go",
      {
        env: { FROM_CATALOG: "yes" },
        homeFiles: { ".config/agent.json": '{"model":"m"}' },
      },
    );
    const events = await collect(sessionId, promptEnded);
    const environment = JSON.parse(messages(events)[0]!) as Record<string, string | null>;
    expect(environment).toEqual({
      HOME: join(runner.home, "scripted"),
      TERM: "dumb",
      RUNNER_SECRET: null,
      FROM_CATALOG: "yes",
    });
    expect(readFileSync(join(runner.home, "scripted", ".config/agent.json"), "utf8")).toBe('{"model":"m"}');
  });

  it("writes the file only after the permission is allowed", async () => {
    const sessionId = newSessionId();
    const target = join(runner.workspace, "allowed.txt");
    await chat(sessionId, {
      turns: [
        [
          { toolCall: { id: "w1", title: "Write allowed.txt", kind: "edit" } },
          {
            permission: { toolCallId: "w1", kind: "edit", title: "Write" },
            then: [{ writeFile: { path: "allowed.txt", content: "yes" } }],
          },
        ],
      ],
    });
    const asked = await collect(sessionId, (event) => event.messageType === "PermissionRequest");
    const request = asked.at(-1)!;
    expect(request.subType).toBe("edit");
    expect(JSON.parse(request.payload)).toMatchObject({ toolCall: { toolCallId: "w1" } });
    expect(existsSync(target)).toBe(false);
    expect((await client.agent.getStatus({ sessionId })).status).toBe("busy");
    const unknown = await client.agent.resolvePermission({ sessionId, toolCallId: "w1", optionId: "maybe" });
    expect(unknown).toMatchObject({ success: false, errorCode: "UNKNOWN_OPTION" });
    const resolved = await client.agent.resolvePermission({
      sessionId,
      toolCallId: "w1",
      optionId: "allow_once",
    });
    expect(resolved.success).toBe(true);
    const rest = await collect(sessionId, promptEnded, request.seq);
    expect(rest.map((event) => event.messageType)).toContain("PermissionResolved");
    expect(rest.at(-1)!.subType).toBe("end_turn");
    expect(readFileSync(target, "utf8")).toBe("yes");
  });

  it("does not write the file when the permission is rejected", async () => {
    const sessionId = newSessionId();
    await chat(sessionId, {
      turns: [
        [
          {
            permission: { toolCallId: "w2", kind: "edit", title: "Write" },
            then: [{ writeFile: { path: "rejected.txt", content: "no" } }],
          },
        ],
      ],
    });
    const asked = await collect(sessionId, (event) => event.messageType === "PermissionRequest");
    await client.agent.resolvePermission({ sessionId, toolCallId: "w2", optionId: "reject_once" });
    const rest = await collect(sessionId, promptEnded, asked.at(-1)!.seq);
    expect(messages(rest)).toEqual(["permission reject_once"]);
    expect(existsSync(join(runner.workspace, "rejected.txt"))).toBe(false);
  });

  it("answers a second Chat while a prompt runs with BUSY", async () => {
    const sessionId = newSessionId();
    await chat(sessionId, { turns: [[{ sleep: 800 }]] });
    const second = await chat(sessionId, { turns: [[{ message: "again" }]] });
    expect(second).toMatchObject({ success: false, errorCode: "BUSY" });
    await collect(sessionId, promptEnded);
  });

  it("replays exactly the missed events after a subscription closed mid-way", async () => {
    const sessionId = newSessionId();
    await chat(sessionId, {
      turns: [[...Array.from({ length: 8 }, (_, index) => ({ message: `m${index}` }))]],
    });
    const all = await collect(sessionId, promptEnded);
    expect(all).toHaveLength(10);
    // Stop after four, as a control plane that died would.
    const firstPart = await collect(sessionId, (event) => event.seq === 4n);
    expect(firstPart.map((event) => event.seq)).toEqual([1n, 2n, 3n, 4n]);
    const rest = await collect(sessionId, promptEnded, 4n);
    expect(rest.map((event) => event.seq)).toEqual([5n, 6n, 7n, 8n, 9n, 10n]);
    expect(rest.map((event) => event.payload)).toEqual(all.slice(4).map((event) => event.payload));
    // The next prompt continues the numbering.
    await chat(sessionId, { turns: [[{ message: "x" }]] });
    const next = await collect(sessionId, promptEnded, 10n);
    expect(next[0]!.seq).toBe(11n);
  });

  it("cancels a sleeping agent that stops by itself", async () => {
    const sessionId = newSessionId();
    await chat(sessionId, { turns: [[{ sleep: 60_000 }]] });
    await collect(sessionId, (event) => event.messageType === "SessionPromptStart");
    const cancelled = await client.agent.cancelSession({ sessionId, reason: "user" });
    expect(cancelled.result).toBe(CancelResultType.CANCEL_RESULT_SUCCESS);
    const events = await collect(sessionId, promptEnded);
    expect(events.at(-1)!.subType).toBe("cancelled");
  });

  it("stops one session's agent with StopAgent and reports it busy until then", async () => {
    const sessionId = newSessionId();
    await chat(sessionId, { turns: [[{ sleep: 60_000 }]] });
    await collect(sessionId, (event) => event.messageType === "SessionPromptStart");
    expect((await client.agent.getContainerStatus({})).activeTasks).toBeGreaterThanOrEqual(1);
    const stopped = await client.agent.stopAgent({ sessionId, projectId: "demo", force: false });
    expect(stopped).toMatchObject({ success: true, result: "stopped" });
    const events = await collect(sessionId, (event) => event.messageType === "AgentExited");
    expect(events.at(-1)!.subType).toBe("SIGTERM");
    expect(await client.agent.stopAgent({ sessionId, projectId: "demo" })).toMatchObject({
      result: "already_stopped",
    });
    expect(await client.agent.stopAgent({ sessionId: "ses_none", projectId: "demo" })).toMatchObject({
      success: false,
      result: "not_found",
    });
    expect((await client.agent.getStatus({ sessionId })).status).toBe("idle");
  });

  it("answers a pending permission request cancelled when the prompt is cancelled", async () => {
    const sessionId = newSessionId();
    await chat(sessionId, {
      turns: [
        [{ permission: { toolCallId: "c1", kind: "execute", title: "Run" }, then: [{ message: "ran" }] }],
      ],
    });
    await collect(sessionId, (event) => event.messageType === "PermissionRequest");
    const cancelled = await client.agent.cancelSession({ sessionId, reason: "user" });
    expect(cancelled.result).toBe(CancelResultType.CANCEL_RESULT_SUCCESS);
    const events = await collect(sessionId, promptEnded);
    expect(events.find((event) => event.messageType === "PermissionResolved")?.subType).toBe("cancelled");
    expect(events.at(-1)!.subType).toBe("cancelled");
    expect(messages(events)).not.toContain("ran");
  });

  it("kills the agent's processes when a cancelled prompt does not stop within 2 s", async () => {
    const sessionId = newSessionId();
    const pidFile = join(runner.workspace, `${sessionId}.pid`);
    await chat(sessionId, {
      turns: [
        [
          { reportPid: true },
          { terminal: { command: "sh", args: ["-c", `echo $$ > ${pidFile}; exec sleep 60`] } },
        ],
      ],
    });
    const started = await collect(sessionId, (event) => event.subType === "agent_message_chunk");
    const agentPid = Number(messages(started)[0]);
    while (!existsSync(pidFile) || readFileSync(pidFile, "utf8").trim() === "")
      await new Promise((done) => setTimeout(done, 20));
    const commandPid = Number(readFileSync(pidFile, "utf8"));
    expect(processGone(agentPid)).toBe(false);
    const began = Date.now();
    const cancelled = await client.agent.cancelSession({ sessionId, reason: "user" });
    expect(cancelled.result).toBe(CancelResultType.CANCEL_RESULT_TIMEOUT);
    expect(Date.now() - began).toBeLessThan(3_000);
    expect(processGone(agentPid)).toBe(true);
    expect(processGone(commandPid)).toBe(true);
    const events = await collect(sessionId, (event) => event.messageType === "AgentExited");
    expect(events.at(-1)!.subType).toBe("SIGKILL");
    // The session takes a new prompt with a fresh agent.
    const again = await chat(sessionId, { turns: [[{ message: "back" }]] });
    expect(again.success).toBe(true);
    const after = await collect(sessionId, promptEnded, events.at(-1)!.seq);
    expect(messages(after)).toEqual(["back"]);
  });

  it.each([
    ["exits at start", { startup: "exit" }, "AGENT_EXITED", /told to exit at start/],
    ["writes garbage to stdout", { startup: "garbage" }, "AGENT_PROTOCOL_ERROR", /not JSON-RPC/],
    [
      "never answers initialize",
      { startup: "silent" },
      "AGENT_START_TIMEOUT",
      /did not answer within 1500 ms/,
    ],
  ])(
    "an agent that %s fails Chat clearly and the session still takes a new Chat",
    async (_, script, code, reason) => {
      const sessionId = newSessionId();
      const failed = await chat(sessionId, script);
      expect(failed).toMatchObject({ success: false, errorCode: code });
      expect(failed.error).toMatch(reason);
      const again = await chat(sessionId, { turns: [[{ message: "fine" }]] });
      expect(again.success).toBe(true);
      const events = await collect(sessionId, promptEnded);
      expect(messages(events)).toEqual(["fine"]);
    },
  );

  it("reports an agent command that does not exist", async () => {
    const answer = await client.agent.chat({
      sessionId: newSessionId(),
      prompt: "go",
      agentConfig: { agentServer: { command: "/nonexistent/agent", agentId: "missing" } },
    });
    expect(answer).toMatchObject({ success: false, errorCode: "AGENT_SPAWN_FAILED" });
  });

  it("reports garbage written mid-turn and an agent that dies mid-turn", async () => {
    const sessionId = newSessionId();
    await chat(sessionId, { turns: [[{ garbage: "oops" }, { message: "still here" }, { exit: 7 }]] });
    const events = await collect(sessionId, (event) => event.messageType === "AgentExited");
    const kinds = events.map((event) => `${event.messageType}:${event.subType}`);
    expect(kinds).toContain("Error:agent_stdout_garbage");
    expect(kinds).toContain("AgentExited:7");
    const ended = await collect(sessionId, promptEnded);
    expect(ended.at(-1)!.subType).toBe("error");
  });

  it("refuses fs requests outside the workspace and serves terminals", async () => {
    const sessionId = newSessionId();
    await chat(sessionId, {
      turns: [
        [
          { writeFile: { path: "/tmp/hangar-runner-outside.txt", content: "x" } },
          { readFile: { path: "/etc/hostname" } },
          { writeFile: { path: "inside/deep.txt", content: "line1\nline2\nline3" } },
          { readFile: { path: "inside/deep.txt" } },
          { terminal: { command: "sh", args: ["-c", "printf 0123456789; exit 4"], outputByteLimit: 4 } },
        ],
      ],
    });
    const said = messages(await collect(sessionId, promptEnded));
    expect(said[0]).toMatch(/^write failed: .*outside the workspace/);
    expect(said[1]).toMatch(/^read failed: .*outside the workspace/);
    expect(existsSync("/tmp/hangar-runner-outside.txt")).toBe(false);
    expect(said[2]).toBe("line1\nline2\nline3");
    expect(said[3]).toBe("exit 4: 6789");
  });

  it("loads an earlier ACP session, or primes a new one with the transcript", async () => {
    const continued = async (acpSessionId: string, script: object, capability: string) =>
      client.agent.chat({
        sessionId: newSessionId(),
        prompt: "go",
        acpSessionId,
        agentConfig: scriptedAgentConfig(script, { capabilities: [capability] }),
      });
    const loaded = await continued("acp-loaded", { loadSession: true }, "load_session");
    expect(loaded).toMatchObject({ success: true, sessionOrigin: "loaded", acpSessionId: "acp-loaded" });
    const resumed = await continued("acp-earlier", { resumeSession: true }, "resume_session");
    expect(resumed).toMatchObject({ success: true, sessionOrigin: "resumed", acpSessionId: "acp-earlier" });
    // The catalog says the agent can load, the agent does not advertise it: a new session.
    const refused = await continued("acp-earlier", { loadSession: false }, "load_session");
    expect(refused).toMatchObject({ success: true, sessionOrigin: "new" });
    const primedId = newSessionId();
    const primed = await client.agent.chat({
      sessionId: primedId,
      prompt: "and now?",
      acpSessionId: "acp-earlier",
      transcript: "user: hi\nagent: hello",
      agentConfig: scriptedAgentConfig({ turns: [[{ echoPrompt: true }]] }),
    });
    expect(primed).toMatchObject({ success: true, sessionOrigin: "primed" });
    expect(primed.acpSessionId).not.toBe("acp-earlier");
    expect(messages(await collect(primedId, promptEnded))).toEqual(["user: hi\nagent: hello\n\nand now?"]);
  });

  it("pipes the relay port byte for byte to relay.sock and closes when egress.sock is missing", async () => {
    const relaySocket = join(runner.channel, "relay.sock");
    const host: Server = createServer((socket) =>
      socket.on("data", (data) => socket.write(Buffer.concat([Buffer.from("host:"), data]))),
    );
    await new Promise<void>((done) => host.listen(relaySocket, done));
    try {
      const answer = await new Promise<string>((done, fail) => {
        const socket = connect(runner.ready.relay_port, "127.0.0.1", () =>
          socket.write(Buffer.from([0, 1, 2, 255])),
        );
        socket.once("data", (data) => {
          done(data.toString("latin1"));
          socket.destroy();
        });
        socket.once("error", fail);
      });
      expect(answer).toBe("host:\u0000\u0001\u0002\u00ff");
    } finally {
      await new Promise((done) => host.close(done));
    }
    const closed = await new Promise<boolean>((done) => {
      const socket = connect(runner.ready.proxy_port, "127.0.0.1");
      socket.on("error", () => {});
      socket.on("close", () => done(true));
      setTimeout(() => done(false), 2_000);
    });
    expect(closed).toBe(true);
  });

  it("answers the status, desktop and agent management calls", async () => {
    expect(await client.agent.getVncStatus({})).toMatchObject({
      vncReady: false,
      message: "no desktop in this sandbox",
    });
    expect(await client.agent.getContainerStatus({})).toMatchObject({ isActive: true, activeTasks: 0 });
    expect(await client.agent.getStatus({ sessionId: "ses_unknown" })).toMatchObject({ isFound: false });
    const install = await client.management.installAgent(
      (async function* () {
        yield { metadata: { agentId: "gemini" } };
      })(),
    );
    expect(install).toMatchObject({
      action: "refused",
      message: "agents are installed on the control plane: hangar agents install NAME",
    });
    expect((await client.management.listAgents({})).total).toBe(0);
  });

  it("is refused by createRunnerClient through a symlink", () => {
    const planted = join(runner.root, "planted.sock");
    symlinkSync(runner.socketPath, planted);
    expect(() => createRunnerClient(planted)).toThrow(/symlink/);
  });
});
