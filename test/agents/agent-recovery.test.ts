import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionEvent } from "../../src/events/session-events.js";
import { requireBubblewrap, startHarness } from "../fixtures/hangar-harness.js";
import { startScriptedModelServer, type ScriptedModelServer } from "../fixtures/scripted-model-server.js";
import {
  killServerProcesses,
  prepareServerDirectory,
  removeServerDirectory,
  type ServerProcess,
  startServerProcess,
} from "../fixtures/server-process.js";
import { expectContiguous, watchSession } from "./agent-client.js";

/**
 * Sessions survive Hangar stopping: a graceful restart with a question
 * pending, and `kill -9` of the real server in the middle of a tool call.
 * The session finishes in the same sandbox, its log continues with the next
 * seq, and no tool call that had completed runs twice.
 */
function modelEnvironment(model: ScriptedModelServer): Record<string, string> {
  return { OPENAI_API_KEY: "sk-recovery-test-key", OPENAI_BASE_URL: model.openaiBaseUrl };
}

async function postJson<Body>(url: string, body: unknown): Promise<Body> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Body;
}

describe.runIf(requireBubblewrap())("agent sessions across restarts", () => {
  let model: ScriptedModelServer;
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    model = await startScriptedModelServer();
  });

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await model?.close();
  });

  it("a pending question survives a restart and is answered on the new instance", async () => {
    model.reset();
    const dataDirectory = await mkdtemp(join(tmpdir(), "hangar-agent-restart-"));
    cleanups.push(() => rm(dataDirectory, { recursive: true, force: true }));
    const options = {
      dataDirectory,
      config: { llm: { default_model: "openai:scripted" } },
      environment: { OPENAI_API_KEY: "sk-recovery-test-key", OPENAI_BASE_URL: model.openaiBaseUrl },
    };
    model.enqueue(
      { toolCalls: [{ name: "write_file", input: { path: "before.txt", content: "kept" } }] },
      { toolCalls: [{ name: "ask_user", input: { question: "Proceed?" } }] },
      { toolCalls: [{ name: "read_file", input: { path: "before.txt" } }] },
      { text: "finished after restart" },
    );
    const first = await startHarness(options);
    const started = await first.request<{ session_id: string }>("POST", "/chat", {
      prompt: "go",
      project_id: "restart",
    });
    const id = started.body.session_id;
    const beforeStop = await watchSession(first.url, id, {
      until: (event) => event.name === "question.asked",
    });
    const question = beforeStop.at(-1) as SessionEvent<"question.asked">;
    await first.stop();

    const second = await startHarness(options);
    cleanups.push(() => second.stop());
    const waiting = await second.request<{ status: string }>("GET", `/agent/sessions/${id}`);
    expect(waiting.body.status).toBe("waiting");
    const reply = await second.request("POST", `/agent/sessions/${id}/reply`, {
      interaction_id: question.data.interaction_id,
      answer: "yes",
    });
    expect(reply.status).toBe(200);
    const all = await watchSession(second.url, id);
    expectContiguous(all);
    expect(all.slice(0, beforeStop.length)).toEqual(beforeStop);
    expect(all.filter((event) => event.name === "question.asked")).toHaveLength(1);
    const ended = all.at(-1) as SessionEvent<"session.ended">;
    expect(ended.data.status).toBe("completed");
    const read = all.filter((event) => event.name === "tool.end").at(-1) as SessionEvent<"tool.end">;
    expect(read.data.output).toContain("kept");
  });

  it(
    "kill -9 mid tool call: the restarted server finishes the session without re-running completed steps",
    { timeout: 90_000 },
    async () => {
      model.reset();
      const { dataDirectory, configPath } = await prepareServerDirectory("hangar-agent-crash-", [
        "[sandbox]",
        "pool_size = 0",
        "[llm]",
        'default_model = "openai:scripted"',
        "[log]",
        'level = "info"',
      ]);
      const servers: ServerProcess[] = [];
      cleanups.push(async () => {
        await killServerProcesses(servers);
        await removeServerDirectory(dataDirectory, configPath);
      });
      model.enqueue(
        { toolCalls: [{ name: "bash", input: { command: "echo step >> steps.log" } }] },
        {
          toolCalls: [
            { name: "bash", input: { command: "echo slow-start; sleep 3; echo slow >> steps.log" } },
          ],
        },
        { toolCalls: [{ name: "bash", input: { command: "cat steps.log" } }] },
        { text: "all steps done" },
      );
      const first = await startServerProcess(dataDirectory, configPath, modelEnvironment(model));
      servers.push(first);
      const started = await postJson<{ session_id: string }>(`${first.url}/chat`, {
        prompt: "run the steps",
        project_id: "crash",
      });
      const id = started.session_id;
      const beforeCrash = await watchSession(first.url, id, {
        until: (event) => event.name === "tool.delta" && JSON.stringify(event.data).includes("slow-start"),
      });
      first.child.kill("SIGKILL");
      await first.exited;

      const second = await startServerProcess(dataDirectory, configPath, modelEnvironment(model));
      servers.push(second);
      const all = await watchSession(second.url, id);
      expectContiguous(all);
      expect(all.slice(0, beforeCrash.length)).toEqual(beforeCrash);
      expect((all.at(-1) as SessionEvent<"session.ended">).data.status).toBe("completed");
      const listing = all.filter((event) => event.name === "tool.end").at(-1) as SessionEvent<"tool.end">;
      // The first step ran once; the interrupted one ran to completion after the restart.
      expect(listing.data.output).toMatch(/^step\nslow\n(?!step|slow)/);
      expect(model.requests).toHaveLength(4);
    },
  );
});
