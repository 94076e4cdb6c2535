import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionEvent } from "../../src/protocol/index.js";
import { startHarness, testProviders, type Harness } from "../fixtures/hangar-harness.js";
import { installScriptedAgent, scriptedAgentCommand } from "../fixtures/scripted-agent-install.js";
import { approveAndWatch, namesOf, watchSession } from "./agent-client.js";

/**
 * External agents end to end on both providers: a real Hangar starts the agent
 * runner in the project's sandbox, the runner starts a real ACP agent (the
 * scripted one, bundled into the agents directory like an installed agent) and
 * every update reaches the session's event stream; a permission request under
 * `ask` is answered over the HTTP API and the agent's write lands in the sandbox.
 */
const providers = await testProviders();

interface ChatAnswer {
  session_id: string;
  status: string;
  turn_id: string;
  error?: { code: string; message: string; field?: string };
}

const writeScript = {
  turns: [
    [
      { thought: "the user wants a greeting file" },
      { plan: [{ content: "write hello.txt", priority: "high", status: "in_progress" }] },
      { toolCall: { id: "call_write", title: "Write hello.txt", kind: "edit" } },
      {
        permission: { toolCallId: "call_write", kind: "edit", title: "Write hello.txt" },
        then: [
          { writeFile: { path: "hello.txt", content: "hello from the agent\n" } },
          { toolCallUpdate: { id: "call_write", status: "completed" } },
        ],
      },
      { message: "Wrote hello.txt." },
    ],
    [{ reportEnv: ["HOME", "OPENAI_API_KEY", "HANGAR_CANARY_KEY"] }, { reportPid: true }],
  ],
};

describe.each(providers)("an external ACP agent in a %s sandbox", (provider) => {
  let hangar: Harness;
  let agentsDirectory: string;

  beforeAll(async () => {
    agentsDirectory = await installScriptedAgent();
    hangar = await startHarness({
      provider,
      config: {
        llm: { default_model: "openai:scripted" },
        sandbox: { limits: { memory_mb: 512, pids: 128, workspace_mb: 64 } },
        agents: {
          directory: agentsDirectory,
          interaction_timeout_seconds: 60,
          custom: {
            scripted: {
              command: scriptedAgentCommand,
              node: true,
              wire_formats: ["openai-chat-completions"],
              env: {
                HANGAR_ACP_SCRIPT: JSON.stringify(writeScript),
                OPENAI_API_KEY: "{{api_key}}",
                OPENAI_BASE_URL: "{{relay_url}}/openai/v1",
              },
            },
          },
        },
      },
      environment: {
        OPENAI_API_KEY: "sk-canary-external-0123456789",
        OPENAI_BASE_URL: "http://127.0.0.1:9/v1",
      },
    });
  }, 120_000);

  afterAll(async () => {
    await hangar?.stop();
    if (agentsDirectory) await rm(agentsDirectory, { recursive: true, force: true });
  });

  it("streams the agent's work, asks for its write under `ask`, and the file is in the sandbox", async () => {
    const started = await hangar.request<ChatAnswer>("POST", "/chat", {
      prompt: "write hello.txt",
      project_id: `external-${provider}`,
      agent: "scripted",
      approval: "ask",
    });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const sessionId = started.body.session_id;
    const asked = await watchSession(hangar.url, sessionId, {
      until: (event) => event.name === "permission.requested",
    });
    const permission = asked.at(-1) as SessionEvent<"permission.requested">;
    expect(permission.name).toBe("permission.requested");
    expect(permission.data.choices).toEqual(["allow_once", "reject_once"]);
    // The file is not there before the answer.
    const view = await hangar.request<{ sandbox_id: string; agent: string }>(
      "GET",
      `/agent/sessions/${sessionId}`,
    );
    expect(view.body.agent).toBe("scripted");
    const before = await hangar.request(
      "GET",
      `/sandboxes/${view.body.sandbox_id}/files/content?path=hello.txt`,
    );
    expect(before.status).toBe(404);

    const events = await approveAndWatch(hangar.url, sessionId, permission.data.interaction_id);
    const names = namesOf(events);
    expect(names).toEqual(
      expect.arrayContaining([
        "reasoning.delta",
        "plan.update",
        "tool.start",
        "permission.requested",
        "interaction.resolved",
        "tool.end",
        "message.end",
      ]),
    );
    expect(names.at(-1)).toBe("session.ended");
    const ended = events.at(-1) as SessionEvent<"session.ended">;
    expect(ended.data.status).toBe("completed");
    const toolStart = events.find((event) => event.name === "tool.start") as SessionEvent<"tool.start">;
    expect(toolStart.data).toMatchObject({
      tool_call_id: "call_write",
      title: "Write hello.txt",
      kind: "edit",
    });
    const after = await fetch(`${hangar.url}/sandboxes/${view.body.sandbox_id}/files/content?path=hello.txt`);
    expect(await after.text()).toBe("hello from the agent\n");
  }, 120_000);
});
