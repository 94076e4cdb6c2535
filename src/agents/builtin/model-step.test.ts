import { createOpenAI } from "@ai-sdk/openai";
import { APICallError, RetryError, streamText, tool, type ModelMessage } from "ai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { describeModelError } from "../../llm/model-errors.js";
import { keepAliveFetch } from "../../llm/keep-alive-fetch.js";
import {
  type ScriptedModelServer,
  type ScriptedReply,
  type WireFormat,
  startScriptedModelServer,
} from "../../../test/fixtures/scripted-model-server.js";
import { modelSetups } from "../../../test/llm/model-setups.js";
import { providerPrompt } from "./model-prompt.js";
import { runModelStep, type ModelStepRequest, type ModelStepResult } from "./model-step.js";
import { modelToolSet } from "./model-tool-set.js";
import { streamingModel, type StreamingModel } from "./provider-model.js";
import type { AgentTool } from "./tools/agent-tool.js";

/**
 * `runModelStep` against real providers over real HTTP (the scripted model
 * server): every wire format the built-in agent speaks, retries as the SDK
 * did them, the quiet-model timeout, broken tool JSON, usage and abort. The
 * step's messages are compared with what `streamText` produced for the same
 * answer, so conversations stored before it still load and resume.
 */
const readFileSchema = z.object({ path: z.string() });
const agentTools: AgentTool[] = [
  {
    name: "read_file",
    description: "Read a file of the workspace",
    inputSchema: readFileSchema,
    kind: () => "read",
    summarize: () => "read",
    execute: () => Promise.resolve({ isError: false, output: "" }),
  } as unknown as AgentTool,
];
const sdkTools = {
  read_file: tool({ description: "Read a file of the workspace", inputSchema: readFileSchema }),
};

interface Setup {
  label: string;
  wireFormat: WireFormat;
  model(server: ScriptedModelServer): StreamingModel;
}

const setups: Setup[] = [
  ...modelSetups.map((setup) => ({
    label: setup.label,
    wireFormat: setup.wireFormat,
    model: (server: ScriptedModelServer) =>
      streamingModel(setup.registry(server).resolve(setup.modelName).model),
  })),
  {
    label: "openai (responses)",
    wireFormat: "openai-responses",
    model: (server) =>
      createOpenAI({ baseURL: server.openaiBaseUrl, apiKey: "sk-test", fetch: keepAliveFetch }).responses(
        "gpt-4.1",
      ),
  },
];

const conversation: ModelMessage[] = [{ role: "user", content: "What is in a.txt?" }];

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

async function step(
  model: StreamingModel,
  overrides: Partial<ModelStepRequest> = {},
  texts: string[] = [],
): Promise<ModelStepResult> {
  return runModelStep({
    model,
    prompt: providerPrompt("You are a test.", conversation),
    tools: await modelToolSet(agentTools),
    maxRetries: 2,
    chunkTimeoutMs: 5_000,
    signal: new AbortController().signal,
    onText: (text) => texts.push(text),
    ...overrides,
  });
}

/**
 * What streamText made of the same answer: the messages a stored conversation holds.
 * The server starts counting again, so the ids it derives from request numbers match.
 */
async function sdkResponseMessages(model: StreamingModel, reply: ScriptedReply): Promise<unknown> {
  server.reset();
  server.enqueue(reply);
  const result = streamText({
    model,
    system: "You are a test.",
    messages: conversation,
    tools: sdkTools,
    onError: () => undefined,
  });
  for await (const part of result.fullStream) if (part.type === "error") throw part.error;
  return comparable((await result.response).messages);
}

/** As stored: JSON. */
function comparable(messages: readonly ModelMessage[]): unknown {
  return JSON.parse(JSON.stringify(messages)) as unknown;
}

describe.each(setups)("$label", (setup) => {
  it("streams text and a tool call; the step's messages are the ones streamText stored", async () => {
    const reply: ScriptedReply = {
      text: ["Let me ", "look."],
      toolCalls: [{ id: "call_read_1", name: "read_file", input: { path: "a.txt" } }],
      usage: { inputTokens: 321, outputTokens: 45 },
    };
    server.enqueue(reply);
    const texts: string[] = [];
    const result = await step(setup.model(server), {}, texts);

    expect(texts.join("")).toBe("Let me look.");
    expect(result.text).toBe("Let me look.");
    expect(result.toolCalls).toBe(1);
    expect(result.finishReason).toBe("tool-calls");
    expect({ inputTokens: result.inputTokens, outputTokens: result.outputTokens }).toEqual({
      inputTokens: 321,
      outputTokens: 45,
    });
    const [assistant] = result.messages;
    expect(assistant).toMatchObject({
      role: "assistant",
      content: [
        { type: "text", text: "Let me look." },
        { type: "tool-call", toolCallId: "call_read_1", toolName: "read_file", input: { path: "a.txt" } },
      ],
    });
    // What was sent: the system prompt, the conversation and the tool's JSON Schema.
    const body = JSON.stringify(server.requests[0]?.body);
    expect(body).toContain("You are a test.");
    expect(body).toContain("What is in a.txt?");
    expect(body).toContain("read_file");
    expect(body).toContain('"path"');

    expect(comparable(result.messages)).toEqual(await sdkResponseMessages(setup.model(server), reply));
  });

  it("sends a stored conversation exactly as streamText sent it", async () => {
    const stored: ModelMessage[] = [
      { role: "user", content: "Read a.txt and b.txt." },
      {
        role: "assistant",
        content: [
          { type: "text", text: "Reading both." },
          { type: "tool-call", toolCallId: "call_a", toolName: "read_file", input: { path: "a.txt" } },
          { type: "tool-call", toolCallId: "call_b", toolName: "read_file", input: { path: "b.txt" } },
        ],
      },
      // The loop stores one message per result; they reach the provider as one.
      {
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: "call_a",
            toolName: "read_file",
            output: { type: "text", value: "A" },
          },
        ],
      },
      {
        role: "tool",
        content: [
          {
            type: "tool-result",
            toolCallId: "call_b",
            toolName: "read_file",
            output: { type: "error-text", value: "no such file" },
          },
        ],
      },
      { role: "assistant", content: [{ type: "text", text: "a.txt says A; b.txt is missing." }] },
      { role: "user", content: "Thanks." },
    ];
    server.enqueue({ text: "ok" });
    await step(setup.model(server), { prompt: providerPrompt("You are a test.", stored), maxRetries: 0 });
    const ours = server.requests[0]?.body;
    server.reset();
    server.enqueue({ text: "ok" });
    const sdk = streamText({
      model: setup.model(server),
      system: "You are a test.",
      messages: stored,
      tools: sdkTools,
      maxRetries: 0,
      onError: () => undefined,
    });
    await sdk.consumeStream();
    expect(ours).toEqual(server.requests[0]?.body);
  });

  it("keeps reasoning in the step's messages as streamText did", async () => {
    const reply: ScriptedReply = { thinking: ["Think", "ing."], text: "Done." };
    server.enqueue(reply);
    const result = await step(setup.model(server));
    expect(result.text).toBe("Done.");
    expect(comparable(result.messages)).toEqual(await sdkResponseMessages(setup.model(server), reply));
  });

  it("answers a tool call whose arguments are not JSON with an error result the model sees", async () => {
    server.enqueue({
      toolCalls: [{ id: "call_bad_1", name: "read_file", input: {}, rawArguments: '{"path": "a.t' }],
    });
    const result = await step(setup.model(server));

    expect(result.toolCalls).toBe(1);
    expect(result.messages).toHaveLength(2);
    expect(result.messages[0]).toMatchObject({
      role: "assistant",
      content: [{ type: "tool-call", toolCallId: "call_bad_1", toolName: "read_file", input: {} }],
    });
    expect(result.messages[1]).toMatchObject({
      role: "tool",
      content: [{ type: "tool-result", toolCallId: "call_bad_1", toolName: "read_file" }],
    });
    const output = (result.messages[1]?.content[0] as { output: { type: string; value: string } }).output;
    expect(output.type).toBe("error-text");
    expect(output.value).toContain("not valid JSON");

    // The next call carries the call and its error result back to the model.
    server.enqueue({ text: "Sorry." });
    const next = await step(setup.model(server), {
      prompt: providerPrompt("You are a test.", [...conversation, ...result.messages]),
      maxRetries: 0,
    });
    expect(next.text).toBe("Sorry.");
    expect(JSON.stringify(server.requests[1]?.body)).toContain("not valid JSON");
  });
});

describe("retries", () => {
  const openai = (): StreamingModel => setups[0]!.model(server);

  it("retries 429 and 503 at once when retry-after says 0, instead of backing off 2 s and 4 s", async () => {
    server.enqueue(
      { error: { status: 429, retryAfterSeconds: 0 } },
      { error: { status: 503, retryAfterSeconds: 0 } },
      { text: "third time" },
    );
    const startedAt = performance.now();
    const result = await step(openai(), { maxRetries: 2 });
    expect(result.text).toBe("third time");
    expect(server.requests).toHaveLength(3);
    expect(performance.now() - startedAt).toBeLessThan(1500);
  });

  it("waits as long as retry-after asks", async () => {
    server.enqueue({ error: { status: 429, retryAfterSeconds: 1 } }, { text: "later" });
    const startedAt = performance.now();
    const result = await step(openai(), { maxRetries: 1 });
    expect(result.text).toBe("later");
    expect(performance.now() - startedAt).toBeGreaterThanOrEqual(950);
  });

  it("gives up after maxRetries with the SDK's RetryError holding every attempt's APICallError", async () => {
    server.enqueue(
      { error: { status: 503, retryAfterSeconds: 0 } },
      { error: { status: 503, retryAfterSeconds: 0 } },
    );
    const error = await step(openai(), { maxRetries: 1 }).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(RetryError.isInstance(error)).toBe(true);
    const retryError = error as RetryError;
    expect(retryError.reason).toBe("maxRetriesExceeded");
    expect(retryError.errors.every((attempt) => APICallError.isInstance(attempt))).toBe(true);
    expect(server.requests).toHaveLength(2);
    expect(describeModelError(error).message).toMatch(
      /^model server answered 503 Service Unavailable.*after 2 attempts$/,
    );
  });

  it("does not retry a 400; its APICallError comes out as it is", async () => {
    server.enqueue({ error: { status: 400, message: "no such model" } }, { text: "never" });
    const error = await step(openai(), { maxRetries: 3 }).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(APICallError.isInstance(error)).toBe(true);
    expect(server.requests).toHaveLength(1);
    expect(describeModelError(error).message).toBe("model server answered 400 Bad Request: no such model");
  });
});

describe("a quiet model and abort", () => {
  const openai = (): StreamingModel => setups[0]!.model(server);

  it("abandons a call that gets no answer within the timeout (and does not retry it)", async () => {
    server.enqueue({ hang: true }, { text: "never" });
    const startedAt = performance.now();
    const error = await step(openai(), { chunkTimeoutMs: 300 }).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toMatchObject({ name: "TimeoutError" });
    expect(describeModelError(error).message).toBe("the model call timed out");
    expect(performance.now() - startedAt).toBeLessThan(2_000);
    await server.waitForClientAbort(0);
    expect(server.requests).toHaveLength(1);
  });

  it("abandons a stream that stops sending, after passing on what came", async () => {
    server.enqueue({ hang: true, text: "partial" });
    const texts: string[] = [];
    const error = await step(openai(), { chunkTimeoutMs: 300 }, texts).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(texts.join("")).toBe("partial");
    expect(error).toMatchObject({ name: "TimeoutError" });
    await server.waitForClientAbort(0);
  });

  it("keeps a slow stream that sends within the timeout, for longer than the timeout in all", async () => {
    server.enqueue({ text: ["a", "b", "c", "d"], delayMs: 80 });
    const startedAt = performance.now();
    const result = await step(openai(), { chunkTimeoutMs: 400 });
    expect(result.text).toBe("abcd");
    expect(performance.now() - startedAt).toBeGreaterThan(400);
  });

  it("stops at once on abort, mid-stream, with the signal's reason", async () => {
    server.enqueue({ hang: true, text: "started" });
    const controller = new AbortController();
    const texts: string[] = [];
    const running = step(openai(), { signal: controller.signal }, texts);
    await server.waitForRequests(1);
    await expect.poll(() => texts.join("")).toBe("started");
    const reason = new Error("cancelled by the user");
    controller.abort(reason);
    await expect(running).rejects.toBe(reason);
    await server.waitForClientAbort(0);
  });

  it("stops waiting between retries on abort", async () => {
    server.enqueue({ error: { status: 429, retryAfterSeconds: 30 } }, { text: "never" });
    const controller = new AbortController();
    const running = step(openai(), { signal: controller.signal, maxRetries: 2 });
    await server.waitForRequests(1);
    const startedAt = performance.now();
    controller.abort(new Error("cancelled"));
    await expect(running).rejects.toThrow("cancelled");
    expect(performance.now() - startedAt).toBeLessThan(500);
    expect(server.requests).toHaveLength(1);
  });
});
