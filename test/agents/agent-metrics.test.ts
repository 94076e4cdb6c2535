import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionEvent } from "../../src/events/session-events.js";
import { startHarness, requireBubblewrap, type Harness } from "../fixtures/hangar-harness.js";
import { startScriptedModelServer, type ScriptedModelServer } from "../fixtures/scripted-model-server.js";
import { watchSession } from "./agent-client.js";

/**
 * Agent sessions in `/metrics`, read from a real Hangar after real sessions: one
 * whose write waits for a human's approval, one whose model fails. Each number
 * below is what those sessions must have produced, so a metric that is not
 * recorded (or recorded twice) fails the test.
 */
describe.runIf(requireBubblewrap())("agent metrics", () => {
  let model: ScriptedModelServer;
  let hangar: Harness;

  beforeAll(async () => {
    model = await startScriptedModelServer();
    hangar = await startHarness({
      config: {
        llm: { default_model: "openai:scripted", max_retries: 0 },
        agents: { interaction_timeout_seconds: 30, stuck_turn_seconds: 30 },
      },
      environment: { OPENAI_API_KEY: "sk-metrics-test-0123456789", OPENAI_BASE_URL: model.openaiBaseUrl },
    });
  });

  afterAll(async () => {
    await hangar?.stop();
    await model?.close();
  });

  async function metrics(): Promise<Map<string, number>> {
    const text = await (await fetch(`${hangar.url}/metrics`)).text();
    const values = new Map<string, number>();
    for (const line of text.split("\n")) {
      if (!line.startsWith("hangar_agent_")) continue;
      const space = line.lastIndexOf(" ");
      values.set(line.slice(0, space), Number(line.slice(space + 1)));
    }
    return values;
  }

  it("counts sessions, turns, tool calls, tokens, model requests and the wait for an answer", async () => {
    model.enqueue(
      {
        toolCalls: [{ name: "write_file", input: { path: "a.txt", content: "a" } }],
        usage: { inputTokens: 100, outputTokens: 10 },
      },
      { text: "written", usage: { inputTokens: 120, outputTokens: 5 } },
    );
    const started = await hangar.request<{ session_id: string }>("POST", "/chat", {
      prompt: "write a",
      project_id: "metrics",
      approval: "ask",
    });
    expect(started.status).toBe(200);
    const id = started.body.session_id;
    const asked = await watchSession(hangar.url, id, {
      until: (event) => event.name === "permission.requested",
    });
    const permission = asked.at(-1) as SessionEvent<"permission.requested">;
    // A measurable wait before the answer.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await hangar.request("POST", `/agent/sessions/${id}/reply`, {
      interaction_id: permission.data.interaction_id,
      approved: true,
    });
    await watchSession(hangar.url, id, { lastEventId: permission.seq });

    model.enqueue({ error: { status: 500 } });
    const failing = await hangar.request<{ session_id: string }>("POST", "/chat", {
      prompt: "fail",
      project_id: "metrics-failing",
    });
    await watchSession(hangar.url, failing.body.session_id);

    const values = await metrics();
    const shown = JSON.stringify(Object.fromEntries(values), null, 1);
    expect(values.get('hangar_agent_sessions{status="completed"}'), shown).toBe(1);
    expect(values.get('hangar_agent_sessions{status="failed"}'), shown).toBe(1);
    expect(values.get('hangar_agent_turns_total{outcome="completed"}'), shown).toBe(1);
    expect(values.get('hangar_agent_turns_total{outcome="failed"}'), shown).toBe(1);
    expect(values.get('hangar_agent_tool_calls_total{tool="write_file",outcome="ok"}'), shown).toBe(1);
    expect(values.get('hangar_agent_tokens_total{provider="openai",direction="input"}'), shown).toBe(220);
    expect(values.get('hangar_agent_tokens_total{provider="openai",direction="output"}'), shown).toBe(15);
    expect(
      values.get('hangar_agent_model_request_seconds_count{provider="openai",outcome="ok"}'),
      shown,
    ).toBe(2);
    expect(
      values.get('hangar_agent_model_request_seconds_count{provider="openai",outcome="error"}'),
      shown,
    ).toBe(1);
    expect(
      values.get('hangar_agent_interaction_wait_seconds_count{kind="permission",outcome="approved"}'),
      shown,
    ).toBe(1);
    expect(
      values.get('hangar_agent_interaction_wait_seconds_sum{kind="permission",outcome="approved"}'),
      shown,
    ).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
