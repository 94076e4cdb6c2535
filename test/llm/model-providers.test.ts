import { tool } from "ai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { describeModelError } from "../../src/llm/model-errors.js";
import { type ScriptedModelServer, startScriptedModelServer } from "../fixtures/scripted-model-server.js";
import { canaryApiKey, collectStream, modelSetups } from "./model-setups.js";

// Tools without `execute`: the calls come back to the caller (the agent loop runs them).
const tools = {
  read_file: tool({
    description: "Read a file of the workspace",
    inputSchema: z.object({ path: z.string(), maxLines: z.number().int().optional() }),
  }),
  run_shell: tool({
    description: "Run a shell command",
    inputSchema: z.object({ command: z.string() }),
  }),
};

describe.each(modelSetups)("$label through the real AI SDK", (setup) => {
  let server: ScriptedModelServer;

  beforeAll(async () => {
    server = await startScriptedModelServer();
  });
  afterAll(async () => {
    await server.close();
  });
  beforeEach(() => {
    server.reset();
  });

  it("streams text chunk by chunk, sending the model id and the key", async () => {
    server.enqueue({ text: ["Hel", "lo, ", "world"] });
    const resolved = setup.registry(server).resolve(setup.modelName);
    const collected = await collectStream(resolved, { prompt: "Greet me." });

    expect(collected.errors).toEqual([]);
    expect(collected.textDeltas).toEqual(["Hel", "lo, ", "world"]);
    expect(collected.finishReason).toBe("stop");
    const [request] = server.requests;
    expect(request?.wireFormat).toBe(setup.wireFormat);
    expect(request?.body).toMatchObject({ model: setup.expectedModelId, stream: true });
    expect(JSON.stringify(request?.body)).toContain("Greet me.");
    if (setup.hasKey) expect(setup.sentKey(request?.headers ?? {})).toBe(canaryApiKey);
  });

  it("returns a tool call with its arguments (split over several chunks) without running it", async () => {
    server.enqueue({
      text: "Let me look.",
      toolCalls: [{ id: "call-read-1", name: "read_file", input: { path: "src/main.ts", maxLines: 20 } }],
    });
    const resolved = setup.registry(server).resolve(setup.modelName);
    const collected = await collectStream(resolved, { tools });

    expect(collected.errors).toEqual([]);
    expect(collected.text).toBe("Let me look.");
    expect(collected.toolCalls).toEqual([
      { toolCallId: "call-read-1", toolName: "read_file", input: { path: "src/main.ts", maxLines: 20 } },
    ]);
    expect(collected.finishReason).toBe("tool-calls");
    expect(collected.partTypes).not.toContain("tool-result");
    // The tools' JSON schemas reached the server.
    expect(JSON.stringify(server.requests[0]?.body)).toContain("run_shell");
  });

  it("returns two tool calls of one answer in order", async () => {
    server.enqueue({
      toolCalls: [
        { name: "run_shell", input: { command: "ls -la" } },
        { name: "read_file", input: { path: "README.md" } },
      ],
    });
    const collected = await collectStream(setup.registry(server).resolve(setup.modelName), { tools });
    expect(collected.toolCalls.map((call) => [call.toolName, call.input])).toEqual([
      ["run_shell", { command: "ls -la" }],
      ["read_file", { path: "README.md" }],
    ]);
    expect(new Set(collected.toolCalls.map((call) => call.toolCallId)).size).toBe(2);
  });

  it("reports the usage the server counted", async () => {
    server.enqueue({ text: "ok", usage: { inputTokens: 1234, outputTokens: 56 } });
    const collected = await collectStream(setup.registry(server).resolve(setup.modelName));
    expect(collected.usage).toEqual({ inputTokens: 1234, outputTokens: 56 });
  });

  it("retries a 429 and then succeeds", async () => {
    server.enqueue(
      { error: { status: 429, message: "slow down", retryAfterSeconds: 0 } },
      { text: "after the wait" },
    );
    const collected = await collectStream(setup.registry(server).resolve(setup.modelName), { maxRetries: 2 });
    expect(collected.errors).toEqual([]);
    expect(collected.text).toBe("after the wait");
    expect(server.requests).toHaveLength(2);
  });

  it("gives up after max_retries on 500s with a safe, retryable error", async () => {
    // Servers do echo keys; the registry's secrets are redacted from whatever they say.
    const echoed = setup.hasKey ? ` (key ${canaryApiKey})` : "";
    const failure = { error: { status: 500, message: `upstream exploded${echoed}`, retryAfterSeconds: 0 } };
    server.enqueue(failure, failure, failure, { text: "never reached" });
    const resolved = setup.registry(server).resolve(setup.modelName);
    const collected = await collectStream(resolved, { maxRetries: 2, prompt: "secret prompt text" });

    expect(server.requests).toHaveLength(3); // the first try and two retries, not the fourth reply
    expect(collected.errors).toHaveLength(1);
    const description = describeModelError(collected.errors[0], setup.registry(server).secrets());
    expect(description).toMatchObject({ code: "MODEL_ERROR", isRetryable: true, status: 500 });
    expect(description.message).toMatch(
      /^model server answered 500 Internal Server Error: .* after 3 attempts$/,
    );
    expect(description.message).not.toContain(canaryApiKey);
    expect(description.message).not.toContain("secret prompt text");
    if (setup.hasKey) expect(description.message).toContain("[redacted]");
  });

  it("does not retry a 401 and never shows the key the server echoed on a 401", async () => {
    server.enqueue({
      error: { status: 401, message: `Incorrect API key provided: ${canaryApiKey.slice(0, 12)}***` },
    });
    const collected = await collectStream(setup.registry(server).resolve(setup.modelName), { maxRetries: 3 });
    expect(server.requests).toHaveLength(1);
    const description = describeModelError(collected.errors[0]);
    expect(description).toEqual({
      code: "MODEL_ERROR",
      message: "model server answered 401 Unauthorized: check the provider's API key",
      isRetryable: false,
      status: 401,
    });
  });

  it("stops a hanging call when the caller aborts", async () => {
    server.enqueue({ hang: true });
    const controller = new AbortController();
    const collecting = collectStream(setup.registry(server).resolve(setup.modelName), {
      abortSignal: controller.signal,
    });
    await server.waitForRequests(1);
    controller.abort();
    const collected = await collecting;
    await server.waitForClientAbort(0);
    expect(collected.partTypes).toContain("abort");
    expect(collected.text).toBe("");
  });
});

describe("a model server that cannot be reached", () => {
  it("fails after the retries with the address and the reason, not the key", async () => {
    const server = await startScriptedModelServer();
    const setup = modelSetups[0];
    if (setup === undefined) throw new Error("no setup");
    const registry = setup.registry(server);
    await server.close(); // nothing listens on the port any more
    const collected = await collectStream(registry.resolve(setup.modelName), { maxRetries: 0 });
    const description = describeModelError(collected.errors[0], registry.secrets());
    expect(description.message).toBe(`could not reach the model server at ${server.url} (ECONNREFUSED)`);
    expect(description.isRetryable).toBe(true);
  });
});
