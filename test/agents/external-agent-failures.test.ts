import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionEvent } from "../../src/protocol/index.js";
import {
  containerProcessesWith,
  expectHealthy,
  expectNoProcessWith,
  hostProcessesWith,
  newMarker,
  startHarness,
  testProviders,
  waitFor,
  type Harness,
} from "../fixtures/hangar-harness.js";
import { expectContiguous, watchSession } from "./agent-client.js";
import { installScriptedAgent, scriptedAgentDefinition } from "../fixtures/scripted-agent-install.js";

/**
 * External agents that go wrong, through a real Hangar on both providers with
 * the scripted ACP agent installed as custom agents: bad names, an agent that
 * is not installed, agents that exit at start, write garbage or never answer
 * `initialize` (each a failed session that says why, the project's sandbox
 * still usable afterwards), and a cancel of a long agent command (the agent
 * and its command gone from the host within 2 s).
 */
const providers = await testProviders();

interface ChatAnswer {
  session_id: string;
  status: string;
  turn_id: string;
  error?: { code: string; message: string; field?: string };
}

/** The runner's wait for `initialize` in this test (the default is 30 s). */
const startTimeoutMs = 3000;

const goodScript = {
  turns: [
    [
      { message: "working" },
      { terminal: { command: "sh", args: ["-c", "echo ran-in-sandbox > proof.txt; cat proof.txt"] } },
      { message: "done" },
    ],
  ],
};

function scriptedAgent(script: object, extra: { args?: string[]; env?: Record<string, string> } = {}) {
  return scriptedAgentDefinition(script, {
    ...extra,
    env: { OPENAI_API_KEY: "{{api_key}}", OPENAI_BASE_URL: "{{relay_url}}/openai/v1", ...extra.env },
  });
}

describe.each(providers)("external agents that fail, in a %s sandbox", (provider) => {
  let hangar: Harness;
  let agentsDirectory: string;
  // The sleeper agent carries it in its argv, and its command runs under it as argv[0].
  const marker = newMarker();

  beforeAll(async () => {
    agentsDirectory = await installScriptedAgent();
    const timeout = { HANGAR_AGENT_START_TIMEOUT_MS: String(startTimeoutMs) };
    hangar = await startHarness({
      provider,
      config: {
        llm: { default_model: "openai:scripted" },
        sandbox: { limits: { memory_mb: 512, pids: 128, workspace_mb: 64 } },
        agents: {
          directory: agentsDirectory,
          custom: {
            good: scriptedAgent(goodScript),
            exits: scriptedAgent({ startup: "exit" }),
            garbage: scriptedAgent({ startup: "garbage" }, { env: timeout }),
            silent: scriptedAgent({ startup: "silent" }, { env: timeout }),
            sleeper: scriptedAgent(
              {
                turns: [
                  [
                    { message: "starting a long command" },
                    {
                      terminal: {
                        command: "bash",
                        args: ["-c", `exec -a ${marker.shell} sleep 300`],
                      },
                    },
                    { message: "the long command ended" },
                  ],
                ],
              },
              { args: [marker.marker] },
            ),
            napper: scriptedAgent(
              { turns: [[{ message: "napping" }, { sleep: 300_000 }, { message: "woke up" }]] },
              { args: [`${marker.marker}-napper`] },
            ),
          },
        },
      },
      environment: {
        OPENAI_API_KEY: "sk-failures-test-0123456789",
        OPENAI_BASE_URL: "http://127.0.0.1:9/v1",
      },
    });
  }, 120_000);

  afterAll(async () => {
    await hangar?.stop();
    if (agentsDirectory) await rm(agentsDirectory, { recursive: true, force: true });
  });

  const chat = (body: Record<string, unknown>) => hangar.request<ChatAnswer>("POST", "/chat", body);

  /** Starts a session and reads its events until it ends. */
  async function runToEnd(body: Record<string, unknown>): Promise<{ id: string; events: SessionEvent[] }> {
    const started = await chat(body);
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const events = await watchSession(hangar.url, started.body.session_id);
    expectContiguous(events);
    return { id: started.body.session_id, events };
  }

  /** A good agent's session in the same project completes and really ran a command in its sandbox. */
  async function expectProjectUsable(projectId: string, sandboxId: string): Promise<void> {
    await expectHealthy(hangar);
    const { id, events } = await runToEnd({ prompt: "go", project_id: projectId, agent: "good" });
    const ended = events.at(-1) as SessionEvent<"session.ended">;
    expect(ended.name).toBe("session.ended");
    expect(ended.data.status, JSON.stringify(events)).toBe("completed");
    const view = await hangar.request<{ sandbox_id: string }>("GET", `/agent/sessions/${id}`);
    expect(view.body.sandbox_id).toBe(sandboxId);
    const proof = await fetch(`${hangar.url}/sandboxes/${sandboxId}/files/content?path=proof.txt`);
    expect(await proof.text()).toBe("ran-in-sandbox\n");
  }

  it("answers an unknown agent with 400 naming the field and the known agents", async () => {
    const answer = await chat({ prompt: "hi", project_id: `bad-${provider}`, agent: "nope" });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ field: "agent" });
    expect(answer.body.error?.message).toContain('"nope"');
    for (const known of ["builtin", "claude-code", "gemini", "good", "sleeper"]) {
      expect(answer.body.error?.message).toContain(known);
    }
  });

  it("answers a catalog agent that is not installed with 409 naming the install command", async () => {
    const answer = await chat({ prompt: "hi", project_id: `bad-${provider}`, agent: "gemini" });
    expect(answer.status).toBe(409);
    expect(answer.body.error?.code).toBe("AGENT_NOT_INSTALLED");
    expect(answer.body.error?.message).toContain("hangar agents install gemini");
  });

  it.each([
    ["exits at start", "exits", /exited with code 3: scripted agent: told to exit at start/],
    ["writes garbage to stdout", "garbage", /not JSON-RPC.*this is not json-rpc/],
    ["never answers initialize", "silent", new RegExp(`did not answer within ${startTimeoutMs} ms`)],
  ])(
    "fails the session of an agent that %s with the reason, and the project's sandbox stays usable",
    async (_what, agent, reason) => {
      const projectId = `broken-${agent}-${provider}`;
      const startedAt = performance.now();
      const { id, events } = await runToEnd({ prompt: "hi", project_id: projectId, agent });
      const elapsedMs = performance.now() - startedAt;
      const error = events.find((event): event is SessionEvent<"error"> => event.name === "error");
      expect(error, JSON.stringify(events)).toBeDefined();
      expect(error!.data.message).toMatch(reason);
      const ended = events.at(-1) as SessionEvent<"session.ended">;
      expect(ended.name).toBe("session.ended");
      expect(ended.data.status).toBe("failed");
      expect(ended.data.reason).toMatch(reason);
      // The start timeout bounds the silent agent; the others fail as soon as they show it.
      expect(elapsedMs).toBeLessThan(startTimeoutMs + 10_000);
      const view = await hangar.request<{ sandbox_id: string; status: string }>(
        "GET",
        `/agent/sessions/${id}`,
      );
      expect(view.body.status).toBe("failed");
      await expectProjectUsable(projectId, view.body.sandbox_id);
    },
    60_000,
  );

  it("cancels a long agent command within about 2 s: the agent and its command are gone", async () => {
    const projectId = `cancel-sleeper-${provider}`;
    const started = await chat({ prompt: "go", project_id: projectId, agent: "sleeper" });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const id = started.body.session_id;
    // The agent carries the marker in its argv, its `sleep` as argv[0]: both on the host's process table.
    await waitFor(() => hostProcessesWith(marker.marker).length >= 2, "the agent and its sleep", 10_000);
    const cancelledAt = performance.now();
    const cancel = await hangar.request("POST", "/agent/session/cancel", { session_id: id });
    const cancelMs = performance.now() - cancelledAt;
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);
    const events = await watchSession(hangar.url, id);
    expectContiguous(events);
    const ended = events.at(-1) as SessionEvent<"session.ended">;
    expect(ended.name).toBe("session.ended");
    expect(ended.data.status).toBe("cancelled");
    await expectNoProcessWith(marker.marker, 2000);
    const goneMs = performance.now() - cancelledAt;
    if (provider === "docker") expect(await containerProcessesWith(hangar, marker.marker)).toEqual([]);
    console.log(
      `cancel of a long command on ${provider}: answered ${cancelMs.toFixed(0)} ms, processes gone ${goneMs.toFixed(0)} ms`,
    );
    // session/cancel, then the runner kills the agent's group and its terminals after its 2 s grace.
    expect(cancelMs).toBeLessThan(2500);
    expect(goneMs).toBeLessThan(2500);
    const view = await hangar.request<{ sandbox_id: string }>("GET", `/agent/sessions/${id}`);
    await expectProjectUsable(projectId, view.body.sandbox_id);
  }, 60_000);

  it("cancels an agent that honours session/cancel at once, and keeps it for the next prompt", async () => {
    const projectId = `cancel-napper-${provider}`;
    const napper = `${marker.marker}-napper`;
    const started = await chat({ prompt: "go", project_id: projectId, agent: "napper" });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const id = started.body.session_id;
    await watchSession(hangar.url, id, { until: (event) => event.name === "message.delta" });
    await waitFor(() => hostProcessesWith(napper).length === 1, "the napping agent", 10_000);
    const pid = hostProcessesWith(napper)[0]!.pid;
    const cancelledAt = performance.now();
    const cancel = await hangar.request("POST", "/agent/session/cancel", { session_id: id });
    const cancelMs = performance.now() - cancelledAt;
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);
    const events = await watchSession(hangar.url, id);
    expect((events.at(-1) as SessionEvent<"session.ended">).data.status).toBe("cancelled");
    console.log(`cancel of a sleep step on ${provider}: answered ${cancelMs.toFixed(0)} ms`);
    expect(cancelMs).toBeLessThan(1000);
    // It stopped the prompt itself, so it is not killed: the same process takes the next prompt.
    expect(hostProcessesWith(napper).map((found) => found.pid)).toEqual([pid]);
    const next = await chat({ prompt: "again", project_id: projectId, session_id: id });
    expect(next.status, JSON.stringify(next.body)).toBe(200);
    await watchSession(hangar.url, id, {
      since: events.at(-1)!.seq,
      until: (event) => event.name === "message.delta" && event.data.text === "napping",
    });
    expect(hostProcessesWith(napper).map((found) => found.pid)).toEqual([pid]);
    await hangar.request("POST", "/agent/session/cancel", { session_id: id });
  }, 60_000);
});
