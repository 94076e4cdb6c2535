import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionEvent } from "../../src/events/session-events.js";
import { requireBubblewrap, startHarness, type Harness } from "../fixtures/hangar-harness.js";
import { startScriptedModelServer, type ScriptedModelServer } from "../fixtures/scripted-model-server.js";
import { expectContiguous, watchSession } from "./agent-client.js";

/**
 * A permission request nobody answers ends by policy after
 * `agents.interaction_timeout_seconds`: under `deny` the tool call is refused
 * and the model is told so; under `cancel` the whole turn is cancelled.
 */
interface ChatAnswer {
  session_id: string;
}

for (const action of ["deny", "cancel"] as const) {
  describe.runIf(requireBubblewrap())(`an unanswered permission request under \`${action}\``, () => {
    let model: ScriptedModelServer;
    let hangar: Harness;

    beforeAll(async () => {
      model = await startScriptedModelServer();
      hangar = await startHarness({
        config: {
          llm: { default_model: "openai:scripted", max_retries: 0 },
          agents: {
            interaction_timeout_seconds: 1,
            interaction_timeout_action: action,
            stuck_turn_seconds: 30,
          },
        },
        environment: { OPENAI_API_KEY: "sk-test-interaction-timeout", OPENAI_BASE_URL: model.openaiBaseUrl },
      });
    });

    afterAll(async () => {
      await hangar?.stop();
      await model?.close();
    });

    it(
      action === "deny"
        ? "times out, refuses the call and tells the model"
        : "times out and cancels the turn",
      async () => {
        model.enqueue(
          { toolCalls: [{ name: "bash", input: { command: "echo ran > ran.txt" } }] },
          { text: "understood, I will not run it" },
        );
        const started = await hangar.request<ChatAnswer>("POST", "/chat", {
          prompt: "run something",
          project_id: `timeout-${action}`,
          approval: "ask",
        });
        expect(started.status).toBe(200);
        const askedAt = performance.now();
        const events = await watchSession(hangar.url, started.body.session_id);
        expectContiguous(events);
        const requested = events.find((event) => event.name === "permission.requested");
        expect(requested).toBeDefined();
        const resolved = events.filter((event) => event.name === "interaction.resolved");
        expect(resolved.map((event) => [event.data.interaction_id, event.data.outcome])).toEqual([
          [requested?.data.interaction_id, "timeout"],
        ]);
        // One second of timeout, not the default ten minutes (and not at once).
        expect(performance.now() - askedAt).toBeGreaterThan(900);
        expect(performance.now() - askedAt).toBeLessThan(10_000);
        const ended = events.at(-1) as SessionEvent<"session.ended">;
        const turnEnd = events.find((event) => event.name === "turn.end");
        const toolEnd = events.find((event) => event.name === "tool.end");
        if (action === "deny") {
          expect(toolEnd?.data.is_error).toBe(true);
          expect(toolEnd?.data.output).toContain("denied");
          expect(turnEnd?.data.outcome).toBe("completed");
          expect(ended.data.status).toBe("completed");
          // The refusal went back to the model as the tool's result.
          expect(model.requests).toHaveLength(2);
          expect(JSON.stringify(model.requests[1]?.body)).toContain("denied permission for bash");
        } else {
          expect(toolEnd).toBeUndefined();
          expect(turnEnd?.data.outcome).toBe("cancelled");
          expect(ended.data.status).toBe("cancelled");
          expect(model.requests).toHaveLength(1);
        }
        // Either way the command never ran.
        const session = await hangar.request<{ sandbox_id: string; status: string }>(
          "GET",
          `/agent/sessions/${started.body.session_id}`,
        );
        const file = await fetch(
          `${hangar.url}/sandboxes/${session.body.sandbox_id}/files/content?path=ran.txt`,
        );
        expect(file.status).toBe(404);
      },
    );
  });
}
