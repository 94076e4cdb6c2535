import { createAnthropic } from "@ai-sdk/anthropic";
import { createOpenAI } from "@ai-sdk/openai";
import { streamText } from "ai";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ModelRequestObservation } from "../core/model-request-observation.js";
import {
  startLoopbackSocketPipe,
  type LoopbackSocketPipe,
} from "../../test/fixtures/loopback-socket-pipe.js";
import {
  startScriptedModelServer,
  type ScriptedModelServer,
} from "../../test/fixtures/scripted-model-server.js";
import { ModelRelay, type RelayEvent, type RelayGrantOptions, type RelayProvider } from "./model-relay.js";

/** The real key: it must reach the upstream and nothing the sandbox can see. */
const canaryKey = "sk-canary-4e1f0c9d7b2a4c6e8f00112233445566";

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** Milliseconds after the request was sent at which each chunk arrived, and the end. */
  chunkTimes: number[];
  endTime: number;
}

/** Everything the sandbox side was shown, to look for the key in. */
const seenBySandbox: string[] = [];

function overSocket(
  socketPath: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: unknown },
): Promise<Answer> {
  const started = performance.now();
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        socketPath,
        method: options.method ?? (body === undefined ? "GET" : "POST"),
        path: options.path,
        headers: { "content-type": "application/json", ...options.headers },
      },
      (answer) => {
        const chunks: Buffer[] = [];
        const chunkTimes: number[] = [];
        answer.on("data", (chunk: Buffer) => {
          chunks.push(chunk);
          chunkTimes.push(performance.now() - started);
        });
        answer.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          seenBySandbox.push(JSON.stringify(answer.headers), text);
          resolve({
            status: answer.statusCode ?? 0,
            headers: answer.headers,
            text,
            chunkTimes,
            endTime: performance.now() - started,
          });
        });
        answer.on("error", reject);
      },
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

/** An upstream for the OpenAI Responses and Gemini formats, which the scripted model server does not speak yet. */
interface RawUpstream {
  url: string;
  requests: Array<{ path: string; headers: IncomingHttpHeaders; body: string }>;
  close(): Promise<void>;
}

async function startRawUpstream(): Promise<RawUpstream> {
  const requests: RawUpstream["requests"] = [];
  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const path = incoming.url ?? "/";
      requests.push({ path, headers: incoming.headers, body: Buffer.concat(chunks).toString("utf8") });
      const sse = (events: unknown[]): void => {
        outgoing.writeHead(200, { "content-type": "text/event-stream" });
        for (const event of events) outgoing.write(`data: ${JSON.stringify(event)}\n\n`);
        outgoing.end();
      };
      if (path.startsWith("/v1/responses")) {
        sse([
          { type: "response.created", response: { id: "resp_1", usage: null } },
          { type: "response.output_text.delta", delta: "hello" },
          {
            type: "response.completed",
            response: { id: "resp_1", usage: { input_tokens: 21, output_tokens: 4 } },
          },
        ]);
      } else if (path.includes(":streamGenerateContent")) {
        sse([
          {
            candidates: [{ content: { parts: [{ text: "hel" }] } }],
            usageMetadata: { promptTokenCount: 30 },
          },
          {
            candidates: [{ content: { parts: [{ text: "lo" }] } }],
            usageMetadata: { promptTokenCount: 30, candidatesTokenCount: 6, thoughtsTokenCount: 2 },
          },
        ]);
      } else if (path.includes(":generateContent")) {
        outgoing.writeHead(200, { "content-type": "application/json" });
        outgoing.end(
          JSON.stringify({
            candidates: [],
            usageMetadata: { promptTokenCount: 11, candidatesTokenCount: 3 },
          }),
        );
      } else {
        outgoing.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe("ModelRelay", () => {
  let directory: string;
  let relay: ModelRelay;
  let scripted: ScriptedModelServer;
  let raw: RawUpstream;
  let pipe: LoopbackSocketPipe;
  let socketA: string;
  let socketB: string;
  const usage: Array<[string, number, number]> = [];
  const events: RelayEvent[] = [];
  const modelRequests: ModelRequestObservation[] = [];
  let remaining = 1_000_000;

  const providers = (): Record<string, RelayProvider> => ({
    openai: { format: "openai", baseUrl: scripted.openaiBaseUrl, apiKey: canaryKey },
    anthropic: { format: "anthropic", baseUrl: scripted.anthropicBaseUrl, apiKey: canaryKey },
    responses: { format: "openai", baseUrl: `${raw.url}/v1`, apiKey: canaryKey },
    gemini: { format: "gemini", baseUrl: `${raw.url}/v1beta`, apiKey: canaryKey },
  });

  const grant = (name: string, overrides: Partial<RelayGrantOptions> = {}): ReturnType<ModelRelay["grant"]> =>
    relay.grant({
      sessionId: `ses_${name}`,
      sandboxId: "sbx_a",
      allowedModels: ["gpt-test", "claude-test", "gemini-test"],
      provider: providers()[name] as RelayProvider,
      remainingTokens: () => remaining,
      onUsage: (input, output) => usage.push([name, input, output]),
      onEvent: (event) => events.push(event),
      ...overrides,
    });

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "hangar-relay-"));
    socketA = join(directory, "a-relay.sock");
    socketB = join(directory, "b-relay.sock");
    scripted = await startScriptedModelServer();
    raw = await startRawUpstream();
    relay = new ModelRelay({ onModelRequest: (observation) => modelRequests.push(observation) });
    await relay.listen(socketA, "sbx_a");
    await relay.listen(socketB, "sbx_b");
    pipe = await startLoopbackSocketPipe(socketA);
  });

  afterAll(async () => {
    await pipe.close();
    await relay.closeAll();
    await scripted.close();
    await raw.close();
    await rm(directory, { recursive: true, force: true });
    // The key never reached the sandbox side, in any answer of any test.
    for (const text of seenBySandbox) expect(text).not.toContain(canaryKey);
  });

  beforeEach(() => {
    scripted.reset();
    raw.requests.length = 0;
    usage.length = 0;
    events.length = 0;
    modelRequests.length = 0;
    remaining = 1_000_000;
  });

  it("streams an OpenAI chat completion to the real AI SDK with the key swapped in, and reports its usage", async () => {
    const { token } = grant("openai");
    scripted.enqueue({ text: ["Hel", "lo"], usage: { inputTokens: 12, outputTokens: 5 } });
    const openai = createOpenAI({ baseURL: `http://127.0.0.1:${pipe.port}/openai/v1`, apiKey: token });
    const result = streamText({ model: openai.chat("gpt-test"), prompt: "hi", maxRetries: 0 });
    expect(await result.text).toBe("Hello");
    const [received] = scripted.requests;
    expect(received?.headers.authorization).toBe(`Bearer ${canaryKey}`);
    expect(JSON.stringify(received?.headers)).not.toContain(token);
    expect(usage).toEqual([["openai", 12, 5]]);
    await vi.waitFor(() => expect(modelRequests).toMatchObject([{ provider: "openai", outcome: "ok" }]));
  });

  it("asks a streamed OpenAI chat completion for its usage when the agent did not", async () => {
    const { token } = grant("openai");
    scripted.enqueue({ text: "ok", usage: { inputTokens: 7, outputTokens: 1 } });
    const answer = await overSocket(socketA, {
      path: "/openai/v1/chat/completions",
      headers: { authorization: `Bearer ${token}` },
      body: { model: "gpt-test", stream: true, messages: [{ role: "user", content: "hi" }] },
    });
    expect(answer.status).toBe(200);
    expect(scripted.requests[0]?.body).toMatchObject({ stream_options: { include_usage: true } });
    expect(usage).toEqual([["openai", 7, 1]]);
  });

  it("streams an Anthropic message to the real AI SDK with x-api-key swapped, and reports its usage", async () => {
    const { token } = grant("anthropic");
    scripted.enqueue({ text: ["a", "b"], usage: { inputTokens: 40, outputTokens: 9 } });
    const anthropic = createAnthropic({
      baseURL: `http://127.0.0.1:${pipe.port}/anthropic/v1`,
      apiKey: token,
    });
    const result = streamText({ model: anthropic.messages("claude-test"), prompt: "hi", maxRetries: 0 });
    expect(await result.text).toBe("ab");
    expect(scripted.requests[0]?.headers["x-api-key"]).toBe(canaryKey);
    expect(usage).toEqual([["anthropic", 40, 9]]);
  });

  it("passes a stream on chunk by chunk: the first chunk arrives long before the upstream finishes", async () => {
    const { token } = grant("openai");
    scripted.enqueue({ text: ["1", "2", "3", "4", "5"], delayMs: 150 });
    const answer = await overSocket(socketA, {
      path: "/openai/v1/chat/completions",
      headers: { authorization: `Bearer ${token}` },
      body: { model: "gpt-test", stream: true, messages: [] },
    });
    expect(answer.status).toBe(200);
    expect(answer.chunkTimes.length).toBeGreaterThan(4);
    // Eight events 150 ms apart: a relay that buffered would deliver the first at the end.
    expect(answer.chunkTimes[0]).toBeLessThan(answer.endTime - 600);
  });

  it("holds the upstream back while the agent does not read (back-pressure), instead of buffering the answer", async () => {
    const chunk = Buffer.from(`data: ${"x".repeat(1016)}\n\n`.repeat(64));
    const total = 128 * 1024 * 1024;
    let written = 0;
    const flood = createServer((incoming, outgoing) => {
      incoming.resume();
      outgoing.writeHead(200, { "content-type": "text/event-stream" });
      const pump = (): void => {
        while (written < total) {
          written += chunk.length;
          if (!outgoing.write(chunk)) {
            outgoing.once("drain", pump);
            return;
          }
        }
        outgoing.end();
      };
      pump();
    });
    await new Promise<void>((ready) => flood.listen(0, "127.0.0.1", ready));
    const port = (flood.address() as AddressInfo).port;
    const { token } = grant("openai", {
      provider: { format: "openai", baseUrl: `http://127.0.0.1:${port}/v1`, apiKey: canaryKey },
    });
    try {
      const writtenWhilePaused = await new Promise<number>((resolveWritten, reject) => {
        const outgoing = request(
          {
            socketPath: socketA,
            method: "POST",
            path: "/openai/v1/chat/completions",
            headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          },
          (answer) => {
            answer.pause();
            setTimeout(() => {
              resolveWritten(written);
              outgoing.destroy();
            }, 1000);
          },
        );
        outgoing.on("error", () => undefined);
        outgoing.on("close", () => undefined);
        outgoing.end(JSON.stringify({ model: "gpt-test", messages: [] }));
        setTimeout(() => reject(new Error("no answer")), 5000);
      });
      // Socket buffers hold a few MiB at most; a relay that read on regardless would take far more.
      expect(writtenWhilePaused).toBeGreaterThan(0);
      expect(writtenWhilePaused).toBeLessThan(16 * 1024 * 1024);
    } finally {
      flood.closeAllConnections();
      await new Promise<void>((closed) => flood.close(() => closed()));
    }
  });

  it("reads the usage of OpenAI Responses and Gemini streams and of a Gemini answer keyed by ?key=", async () => {
    const responses = grant("responses");
    const streamed = await overSocket(socketA, {
      path: "/openai/v1/responses",
      headers: { authorization: `Bearer ${responses.token}` },
      body: { model: "gpt-test", stream: true, input: "hi" },
    });
    expect(streamed.text).toContain("response.completed");
    const gemini = grant("gemini");
    const geminiStream = await overSocket(socketA, {
      path: "/gemini/v1beta/models/gemini-test:streamGenerateContent?alt=sse",
      headers: { "x-goog-api-key": gemini.token },
      body: { contents: [] },
    });
    expect(geminiStream.status).toBe(200);
    const geminiWhole = await overSocket(socketA, {
      path: `/gemini/v1beta/models/gemini-test:generateContent?key=${gemini.token}`,
      body: { contents: [] },
    });
    expect(geminiWhole.status).toBe(200);
    expect(usage).toEqual([
      ["responses", 21, 4],
      ["gemini", 30, 8],
      ["gemini", 11, 3],
    ]);
    expect(raw.requests.map((received) => received.path)).toEqual([
      "/v1/responses",
      "/v1beta/models/gemini-test:streamGenerateContent?alt=sse",
      "/v1beta/models/gemini-test:generateContent",
    ]);
    expect(raw.requests[0]?.headers.authorization).toBe(`Bearer ${canaryKey}`);
    expect(raw.requests[1]?.headers["x-goog-api-key"]).toBe(canaryKey);
    expect(raw.requests[2]?.headers["x-goog-api-key"]).toBe(canaryKey);
  });

  it("refuses missing, unknown, revoked and other sandboxes' tokens and disallowed models with 401 in the format's shape", async () => {
    const own = grant("anthropic");
    const otherSandbox = grant("anthropic", { sessionId: "ses_other", sandboxId: "sbx_b" });
    const revoked = grant("anthropic");
    revoked.revoke();
    const message = (
      token: string | undefined,
      model = "claude-test",
      socketPath = socketA,
    ): Promise<Answer> =>
      overSocket(socketPath, {
        path: "/anthropic/v1/messages",
        headers: token === undefined ? {} : { "x-api-key": token },
        body: { model, max_tokens: 10, messages: [] },
      });
    const cases: Array<[Promise<Answer>, string]> = [
      [message(undefined), "no relay token"],
      [message("hgr_made-up"), "unknown or revoked relay token"],
      [message(revoked.token), "unknown or revoked relay token"],
      [message(otherSandbox.token), "another sandbox"],
      [message(own.token, "claude-opus-expensive"), 'model "claude-opus-expensive" is not allowed'],
    ];
    for (const [answer, reason] of cases) {
      const { status, text } = await answer;
      expect(status).toBe(401);
      const refused = JSON.parse(text) as { type: string; error: { type: string; message: string } };
      expect(refused).toMatchObject({ type: "error", error: { type: "authentication_error" } });
      expect(refused.error.message).toContain(reason);
    }
    // The other sandbox's token works on its own socket.
    scripted.enqueue({ text: "ok" });
    expect((await message(otherSandbox.token, "claude-test", socketB)).status).toBe(200);
    expect(scripted.requests).toHaveLength(1);

    const openaiAnswer = await overSocket(socketA, {
      path: "/openai/v1/models",
      headers: { authorization: "Bearer nope" },
    });
    expect(JSON.parse(openaiAnswer.text)).toMatchObject({ error: { code: "invalid_api_key" } });
    const geminiAnswer = await overSocket(socketA, {
      path: "/gemini/v1beta/models/gemini-test:generateContent?key=nope",
      body: {},
    });
    expect(JSON.parse(geminiAnswer.text)).toMatchObject({ error: { code: 401, status: "UNAUTHENTICATED" } });
  });

  it("answers 429 in the format's shape and sends an error event once the budget is spent, without calling the upstream", async () => {
    const { token } = grant("openai");
    remaining = 0;
    const answer = await overSocket(socketA, {
      path: "/openai/v1/chat/completions",
      headers: { authorization: `Bearer ${token}` },
      body: { model: "gpt-test", messages: [] },
    });
    expect(answer.status).toBe(429);
    expect(JSON.parse(answer.text)).toMatchObject({ error: { type: "insufficient_quota" } });
    expect(events).toHaveLength(1);
    expect(events[0]?.data.code).toBe("TOKEN_BUDGET");
    expect(events[0]?.data.message).toContain("budget");
    expect(scripted.requests).toHaveLength(0);
  });

  it("takes the real key out of an upstream error that echoes it", async () => {
    const { token } = grant("openai");
    scripted.enqueue({ error: { status: 401, message: `Incorrect API key provided: ${canaryKey}` } });
    const answer = await overSocket(socketA, {
      path: "/openai/v1/chat/completions",
      headers: { authorization: `Bearer ${token}` },
      body: { model: "gpt-test", messages: [] },
    });
    expect(answer.status).toBe(401);
    expect(answer.text).toContain("Incorrect API key provided: [redacted]");
    // Named by its format when the grant's provider has no name.
    await vi.waitFor(() => expect(modelRequests).toMatchObject([{ provider: "openai", outcome: "error" }]));
  });

  it("answers 502 and sends an error event without the key when the upstream cannot be reached", async () => {
    const closed = await startRawUpstream();
    await closed.close();
    const { token } = grant("openai", {
      provider: { format: "openai", baseUrl: `${closed.url}/v1`, apiKey: canaryKey },
    });
    const answer = await overSocket(socketA, {
      path: "/openai/v1/chat/completions",
      headers: { authorization: `Bearer ${token}` },
      body: { model: "gpt-test", messages: [] },
    });
    expect(answer.status).toBe(502);
    expect(JSON.parse(answer.text)).toMatchObject({ error: { type: "server_error" } });
    expect(events.map((event) => event.data.code)).toEqual(["MODEL_UNAVAILABLE"]);
    expect(JSON.stringify(events)).not.toContain(canaryKey);
  });

  it("aborts the upstream request when the agent goes away mid-stream", async () => {
    const { token } = grant("openai");
    scripted.enqueue({ hang: true, text: "partial" });
    await new Promise<void>((resolve, reject) => {
      const outgoing = request(
        {
          socketPath: socketA,
          method: "POST",
          path: "/openai/v1/chat/completions",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        },
        (answer) => {
          answer.once("data", () => {
            outgoing.destroy();
            resolve();
          });
        },
      );
      outgoing.on("error", () => undefined);
      outgoing.end(JSON.stringify({ model: "gpt-test", stream: true, messages: [] }));
      setTimeout(() => reject(new Error("no first chunk")), 5000);
    });
    await scripted.waitForClientAbort(0, 5000);
  });

  it("refuses a route it does not forward and a request over the size limit", async () => {
    const { token } = grant("openai");
    const unknown = await overSocket(socketA, {
      path: "/openai/v1/embeddings",
      headers: { authorization: `Bearer ${token}` },
      body: { model: "gpt-test" },
    });
    expect(unknown.status).toBe(404);
    const small = new ModelRelay({ maxRequestBytes: 1024 });
    const smallSocket = join(directory, "small.sock");
    await small.listen(smallSocket, "sbx_a");
    const smallGrant = small.grant({
      sessionId: "ses_small",
      sandboxId: "sbx_a",
      allowedModels: ["gpt-test"],
      provider: providers().openai as RelayProvider,
      remainingTokens: () => 1,
      onUsage: () => undefined,
      onEvent: () => undefined,
    });
    const large = await overSocket(smallSocket, {
      path: "/openai/v1/chat/completions",
      headers: { authorization: `Bearer ${smallGrant.token}` },
      body: { model: "gpt-test", messages: [{ role: "user", content: "x".repeat(4096) }] },
    });
    await small.closeAll();
    expect(large.status).toBe(413);
    expect(scripted.requests).toHaveLength(0);
  });

  it("accepts a token restored from its hash after a restart", async () => {
    const granted = grant("openai");
    const { token, tokenHash } = granted;
    granted.revoke();
    const restarted = new ModelRelay();
    const socketPath = join(directory, "restarted.sock");
    await restarted.listen(socketPath, "sbx_a");
    restarted.restoreGrant(tokenHash, {
      sessionId: "ses_openai",
      sandboxId: "sbx_a",
      allowedModels: ["gpt-test"],
      provider: providers().openai as RelayProvider,
      remainingTokens: () => 1,
      onUsage: () => undefined,
      onEvent: () => undefined,
    });
    scripted.enqueue({ text: "again" });
    const answer = await overSocket(socketPath, {
      path: "/openai/v1/chat/completions",
      headers: { authorization: `Bearer ${token}` },
      body: { model: "gpt-test", messages: [] },
    });
    await restarted.closeAll();
    expect(answer.status).toBe(200);
    expect(answer.text).toContain("again");
  });
});
