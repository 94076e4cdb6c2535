import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { streamText } from "ai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startScriptedModelServer,
  type ScriptedModelServer,
} from "../../test/fixtures/scripted-model-server.js";
import { keepAliveFetch } from "./keep-alive-fetch.js";
import { ModelRegistry } from "./model-registry.js";

/** Real HTTP on 127.0.0.1: the scripted model server, and a plain server for the edge cases. */
describe("keepAliveFetch", () => {
  let model: ScriptedModelServer;
  let plain: Server;
  let plainUrl: string;
  let connections = 0;

  beforeAll(async () => {
    model = await startScriptedModelServer();
    plain = createServer((request, response) => {
      if (request.url === "/gzip") {
        response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
        response.end(gzipSync(JSON.stringify({ compressed: true })));
      } else if (request.url === "/cut") {
        response.writeHead(200, { "content-type": "text/event-stream" });
        response.write("data: first\n\n");
        setTimeout(() => response.socket?.destroy(), 20);
      } else if (request.url === "/empty") {
        response.writeHead(204);
        response.end();
      } else {
        let body = "";
        request.setEncoding("utf8");
        request.on("data", (chunk: string) => (body += chunk));
        request.on("end", () => {
          response.writeHead(201, {
            "content-type": "application/json",
            "x-echo": request.headers["x-echo"],
          });
          response.end(JSON.stringify({ method: request.method, body }));
        });
      }
    });
    plain.on("connection", () => (connections += 1));
    await new Promise<void>((resolve) => plain.listen(0, "127.0.0.1", resolve));
    plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await model.close();
    plain.closeAllConnections();
    await new Promise((resolve) => plain.close(resolve));
  });

  it("sends method, headers and body, answers status, headers and body, over one kept-alive connection", async () => {
    const before = connections;
    for (let index = 0; index < 3; index++) {
      const response = await keepAliveFetch(`${plainUrl}/echo`, {
        method: "POST",
        // The SDK leaves unset headers as undefined values.
        headers: {
          "content-type": "application/json",
          "x-echo": `call ${index}`,
          "x-unset": undefined,
        } as unknown as Record<string, string>,
        body: JSON.stringify({ index }),
      });
      expect(response.status).toBe(201);
      expect(response.headers.get("x-echo")).toBe(`call ${index}`);
      expect(await response.json()).toEqual({ method: "POST", body: JSON.stringify({ index }) });
    }
    expect(connections - before).toBe(1);
  });

  it("streams a model's answer as the AI SDK reads it, the same as the global fetch", async () => {
    model.reset();
    const answers: string[] = [];
    for (const fetchImplementation of [keepAliveFetch, fetch]) {
      model.enqueue({ text: ["Hel", "lo", " there"] });
      const registry = new ModelRegistry({
        defaultModel: "openai:scripted",
        readVariable: (name) => ({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: model.openaiBaseUrl })[name],
        fetch: fetchImplementation,
      });
      const result = streamText({ model: registry.resolve().model, prompt: "hi", maxRetries: 0 });
      const pieces: string[] = [];
      for await (const piece of result.textStream) pieces.push(piece);
      answers.push(pieces.join("|"));
      expect((await result.usage).outputTokens).toBeGreaterThan(0);
    }
    expect(answers[0]).toBe("Hel|lo| there");
    expect(answers[0]).toBe(answers[1]);
  });

  it("is the registry's default", async () => {
    model.reset();
    model.enqueue({ text: "ok" });
    const registry = new ModelRegistry({
      defaultModel: "openai:scripted",
      readVariable: (name) => ({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: model.openaiBaseUrl })[name],
    });
    const result = streamText({ model: registry.resolve().model, prompt: "hi", maxRetries: 0 });
    expect(await result.text).toBe("ok");
    // The global fetch sends its own user agent and accept-encoding; node's client sends neither.
    expect(model.requests[0]?.headers["accept-encoding"]).toBeUndefined();
  });

  it("decodes a compressed body and gives a bodiless status no body", async () => {
    expect(await (await keepAliveFetch(`${plainUrl}/gzip`)).json()).toEqual({ compressed: true });
    const empty = await keepAliveFetch(`${plainUrl}/empty`);
    expect(empty.status).toBe(204);
    expect(empty.body).toBeNull();
  });

  it("rejects like the global fetch when nothing listens (the SDK retries `fetch failed`)", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const failure = await keepAliveFetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
      method: "POST",
      body: "{}",
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TypeError);
    expect((failure as TypeError).message).toBe("fetch failed");
    expect(((failure as TypeError).cause as NodeJS.ErrnoException).code).toBe("ECONNREFUSED");
  });

  it("errors the body when the connection is cut mid-answer, never ends it as if complete", async () => {
    const response = await keepAliveFetch(`${plainUrl}/cut`);
    await expect(response.text()).rejects.toThrow("terminated");
  });

  it("aborts: before the answer it rejects with the reason; mid-stream the body errors and the server sees the client go", async () => {
    model.reset();
    const early = new AbortController();
    early.abort(new Error("stopped early"));
    await expect(keepAliveFetch(`${model.openaiBaseUrl}/models`, { signal: early.signal })).rejects.toThrow(
      "stopped early",
    );

    model.enqueue({ hang: true, text: "partial" });
    const controller = new AbortController();
    const response = await keepAliveFetch(`${model.openaiBaseUrl}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "scripted", stream: true, messages: [] }),
      signal: controller.signal,
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain("chat.completion.chunk");
    controller.abort(new Error("cancelled by the user"));
    await expect(reader.read()).rejects.toThrow("cancelled by the user");
    await model.waitForClientAbort(0, 5000);
  });
});
