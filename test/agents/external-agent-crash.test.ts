import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionEvent } from "../../src/protocol/index.js";
import { testImage } from "../fixtures/docker-engine.js";
import { testProviders } from "../fixtures/hangar-harness.js";
import {
  killServerProcesses,
  prepareServerDirectory,
  removeServerDirectory,
  startServerProcess,
  type ServerProcess,
} from "../fixtures/server-process.js";
import { expectContiguous, watchSession } from "./agent-client.js";
import { installScriptedAgent, scriptedAgentCommand } from "../fixtures/scripted-agent-install.js";

/**
 * `kill -9` of the real server (`node dist/main.js serve`) while an external
 * agent is mid-turn, then a restart on the same data directory: the session
 * is driven to its end (never left running with nothing behind it), its events
 * are contiguous, and the test measures whether the tool call that had
 * completed before the kill ran again. A second agent that cannot load its
 * old ACP session continues in a new one primed with the transcript, and a
 * `session.status` event says so.
 */
const providers = await testProviders();
const crashTestRun = randomUUID();

/** Turn 0: one completed tool call (it appends to steps.log), then a long step the kill lands in. */
function crashScript(loadSession: boolean): object {
  return {
    // Ignored by the agent; it tells this file's agents from any other test's on the host.
    crashTestRun: crashTestRun,
    loadSession,
    turns: [
      [
        { toolCall: { id: "call_step", title: "append a step", kind: "execute" } },
        { terminal: { command: "sh", args: ["-c", "echo step >> steps.log"] } },
        { toolCallUpdate: { id: "call_step", status: "completed" } },
        { message: "step appended" },
        { sleep: 5000 },
        { echoPrompt: true },
      ],
    ],
  };
}

function customAgentLines(name: string, loadSession: boolean): string[] {
  return [
    `[agents.custom.${name}]`,
    `command = "${scriptedAgentCommand}"`,
    "node = true",
    'wire_formats = ["openai-chat-completions"]',
    `load_session = ${String(loadSession)}`,
    `[agents.custom.${name}.env]`,
    // A JSON string is a valid TOML basic string.
    `HANGAR_ACP_SCRIPT = ${JSON.stringify(JSON.stringify(crashScript(loadSession)))}`,
    'OPENAI_API_KEY = "{{api_key}}"',
    'OPENAI_BASE_URL = "{{relay_url}}/openai/v1"',
  ];
}

const modelEnvironment = {
  OPENAI_API_KEY: "sk-crash-test-0123456789",
  OPENAI_BASE_URL: "http://127.0.0.1:9/v1",
};

/**
 * Kills the scripted agent started as `agent` (found by its script in its environment,
 * which only that agent's configuration holds) and the runner that is its parent.
 */
function killAgentAndRunner(agent: string): void {
  const killed: number[] = [];
  for (const agentPid of agentProcesses(agent)) {
    const parent = Number(readProcFile(`/proc/${agentPid}/stat`).split(") ")[1]?.split(" ")[1]);
    for (const pid of [agentPid, parent]) {
      try {
        process.kill(pid, "SIGKILL");
        killed.push(pid);
      } catch {
        // gone already
      }
    }
  }
  expect(killed.length, `no ${agent} agent found to kill`).toBeGreaterThan(0);
}

/** Host pids of the scripted agents this file started as `agent`. */
function agentProcesses(agent: string): number[] {
  const marker = `"crashTestRun":"${crashTestRun}","loadSession":${String(agent !== "forgetful")}`;
  return readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      const environment = readProcFile(`/proc/${pid}/environ`);
      return environment.includes("HANGAR_ACP_SCRIPT=") && environment.includes(marker);
    })
    .map(Number);
}

function readProcFile(path: string): string {
  try {
    return readFileSync(path, "latin1");
  } catch {
    return "";
  }
}

describe.each(providers)("kill -9 of Hangar mid-turn of an external agent (%s)", (provider) => {
  let agentsDirectory: string;
  let dataDirectory: string;
  let configPath: string;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    agentsDirectory = await installScriptedAgent();
    ({ dataDirectory, configPath } = await prepareServerDirectory("hangar-agent-crash-", [
      "[sandbox]",
      `provider = "${provider}"`,
      "pool_size = 0",
      "[sandbox.limits]",
      "memory_mb = 512",
      "pids = 128",
      "workspace_mb = 64",
      "[sandbox.docker]",
      `image = "${testImage}"`,
      "[llm]",
      'default_model = "openai:scripted"',
      "[log]",
      'level = "info"',
      "[agents]",
      `directory = "${agentsDirectory}"`,
      ...customAgentLines("loader", true),
      ...customAgentLines("forgetful", false),
    ]));
  }, 120_000);

  afterAll(async () => {
    await killServerProcesses(servers);
    if (dataDirectory !== undefined) await removeServerDirectory(dataDirectory, configPath);
    if (agentsDirectory !== undefined) await rm(agentsDirectory, { recursive: true, force: true });
  });

  /**
   * Starts a session, kills the server once the tool call completed, restarts it and reads
   * the session to its end. `earlierPrompt`: a whole turn first, and the runner (which
   * outlived the server) is killed too, as if the sandbox had died with it.
   */
  async function crashMidTurn(
    agent: string,
    earlierPrompt?: string,
  ): Promise<{ before: SessionEvent[]; all: SessionEvent[]; steps: string }> {
    const first = await startServerProcess(dataDirectory, configPath, modelEnvironment);
    servers.push(first);
    const chat = async (prompt: string, sessionId?: string) => {
      const response = await fetch(`${first.url}/chat`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          prompt,
          project_id: `crash-${agent}`,
          agent,
          ...(sessionId === undefined ? {} : { session_id: sessionId }),
        }),
      });
      const answer = (await response.json()) as { session_id: string };
      expect(response.status, JSON.stringify(answer)).toBe(200);
      return answer;
    };
    let started: { session_id: string };
    if (earlierPrompt === undefined) {
      started = await chat(`prompt for ${agent}`);
    } else {
      // A whole turn before the one the kill lands in, so there is a conversation to prime with.
      started = await chat(earlierPrompt);
      await watchSession(first.url, started.session_id);
      started = await chat(`prompt for ${agent}`, started.session_id);
    }
    let appended = 0;
    const before = await watchSession(first.url, started.session_id, {
      // Mid-turn: the tool call completed, the agent is in its long step.
      until: (event) =>
        event.name === "message.delta" &&
        event.data.text.includes("step appended") &&
        (appended += 1) === (earlierPrompt === undefined ? 1 : 2),
    });
    first.child.kill("SIGKILL");
    await first.exited;
    if (earlierPrompt !== undefined) killAgentAndRunner(agent);

    const second = await startServerProcess(dataDirectory, configPath, modelEnvironment);
    servers.push(second);
    const all = await watchSession(second.url, started.session_id);
    const view = (await (await fetch(`${second.url}/agent/sessions/${started.session_id}`)).json()) as {
      sandbox_id: string;
    };
    const steps = await (
      await fetch(`${second.url}/sandboxes/${view.sandbox_id}/files/content?path=steps.log`)
    ).text();
    // The next test starts its own server on the same data directory. A graceful stop ends
    // the runner and its agents, unlike the crash.
    second.child.kill("SIGTERM");
    await second.exited;
    expect(agentProcesses(agent), "agents left after a graceful stop").toEqual([]);
    console.log(
      `${agent} on ${provider} after the restart: ${all
        .slice(before.length)
        .map((event) => `${event.name} ${JSON.stringify(event.data)}`)
        .join("\n")}`,
    );
    return { before, all, steps };
  }

  function expectFinished(before: SessionEvent[], all: SessionEvent[], agent: string): void {
    expectContiguous(all);
    expect(all.slice(0, before.length)).toEqual(before);
    const ended = all.at(-1) as SessionEvent<"session.ended">;
    expect(ended.name, JSON.stringify(all.slice(before.length))).toBe("session.ended");
    expect(ended.data.status, JSON.stringify(all.slice(before.length))).toBe("completed");
    const messages = all
      .filter((event): event is SessionEvent<"message.end"> => event.name === "message.end")
      .map((event) => event.data.text);
    expect(messages.join("\n")).toContain(`prompt for ${agent}`);
  }

  it(
    "the turn finishes after the restart, events contiguous; a completed tool call is measured",
    { timeout: 120_000 },
    async () => {
      const { before, all, steps } = await crashMidTurn("loader");
      expectFinished(before, all, "loader");
      const runs = steps.split("\n").filter((line) => line === "step").length;
      const toolStarts = all.filter(
        (event) => event.name === "tool.start" && event.data.tool_call_id === "call_step",
      ).length;
      console.log(
        `kill -9 on ${provider}: completed tool call ran ${runs} time(s), tool.start for it ${toolStarts} time(s); events ${before.length} before, ${all.length} in all`,
      );
      // The runner outlived the server and the agent kept working: the restarted server
      // reattaches and follows the same prompt, so nothing ran or was announced twice.
      expect(runs).toBe(1);
      expect(toolStarts).toBe(1);
      const deltas = all.filter(
        (event) => event.name === "message.delta" && event.data.text.includes("step appended"),
      );
      expect(deltas).toHaveLength(1);
    },
  );

  it(
    "an agent that cannot load its old ACP session continues in a primed new one, and says so",
    { timeout: 120_000 },
    async () => {
      const { before, all, steps } = await crashMidTurn("forgetful", "the earlier prompt");
      expectFinished(before, all, "forgetful");
      const after = all.slice(before.length);
      const statuses = after
        .filter((event): event is SessionEvent<"session.status"> => event.name === "session.status")
        .map((event) => event.data.reason ?? "");
      expect(statuses, statuses.join("; ")).toContain(
        "the agent could not load its earlier session; it continues in a new one primed with the conversation so far",
      );
      // The agent echoes what it was sent: the earlier turn as transcript, then this turn's prompt once.
      const echoed = after
        .filter((event): event is SessionEvent<"message.end"> => event.name === "message.end")
        .map((event) => event.data.text)
        .join("\n");
      expect(echoed).toContain("User: the earlier prompt\n\nAssistant: ");
      expect(echoed.split("prompt for forgetful")).toHaveLength(2);
      console.log(`forgetful on ${provider}: steps.log ${JSON.stringify(steps)}`);
    },
  );
});
