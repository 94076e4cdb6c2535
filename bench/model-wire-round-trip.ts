import Anthropic from "@anthropic-ai/sdk";
import { GoogleGenAI } from "@google/genai";
import OpenAI from "openai";
import type { ScriptedReply } from "../test/fixtures/scripted-model-server.js";
import { startModelServerProcess } from "./model-server-process.js";
import { round, summarize } from "./statistics.js";

/**
 * `tsc -p tsconfig.bench.json && node dist-bench/bench/model-wire-round-trip.js`:
 * the round trip of one scripted reply in each wire format, sequential requests
 * on one keep-alive connection, the server in its own process (as a real model is
 * another machine). Raw `fetch` measures the server and the wire; the real client
 * libraries add their own parsing, which is what an agent pays.
 */
const samples = 200;
const warmUp = 20;

type Mode = "stream text" | "stream tool call" | "whole text";
const modes: Mode[] = ["stream text", "stream tool call", "whole text"];
const replies: Record<Mode, ScriptedReply> = {
  "stream text": { text: ["Hello", ", ", "world", "!"], usage: { inputTokens: 10, outputTokens: 4 } },
  "stream tool call": {
    toolCalls: [{ name: "write_file", input: { path: "a.txt", content: "hello" } }],
    usage: { inputTokens: 10, outputTokens: 12 },
  },
  "whole text": { text: "Hello, world!", usage: { inputTokens: 10, outputTokens: 4 } },
};

interface WireRequest {
  format: string;
  request(baseUrl: string, isStreaming: boolean): { url: string; body: unknown };
}

const messages = [{ role: "user", content: "hi" }];
const wireRequests: WireRequest[] = [
  {
    format: "openai chat completions",
    request: (base, stream) => ({
      url: `${base}/v1/chat/completions`,
      body: { model: "m", messages, stream, ...(stream ? { stream_options: { include_usage: true } } : {}) },
    }),
  },
  {
    format: "openai responses",
    request: (base, stream) => ({ url: `${base}/v1/responses`, body: { model: "m", input: "hi", stream } }),
  },
  {
    format: "anthropic messages",
    request: (base, stream) => ({
      url: `${base}/v1/messages`,
      body: { model: "m", max_tokens: 100, messages, stream },
    }),
  },
  {
    format: "gemini",
    request: (base, stream) => ({
      url: `${base}/v1beta/models/m:${stream ? "streamGenerateContent?alt=sse" : "generateContent"}`,
      body: { contents: [{ role: "user", parts: [{ text: "hi" }] }] },
    }),
  },
];

async function timeEach(action: () => Promise<unknown>): Promise<number[]> {
  for (let index = 0; index < warmUp; index += 1) await action();
  const durations: number[] = [];
  for (let index = 0; index < samples; index += 1) {
    const started = performance.now();
    await action();
    durations.push(performance.now() - started);
  }
  return durations;
}

function line(label: string, durations: number[]): string {
  const { median, p90 } = summarize(durations);
  return `${label.padEnd(48)} median ${round(median, 3).toFixed(3)} ms   p90 ${round(p90, 3).toFixed(3)} ms`;
}

async function main(): Promise<void> {
  const server = await startModelServerProcess();
  const base = server.openaiBaseUrl.replace(/\/v1$/, "");
  const output: string[] = [`${samples} sequential requests each (after ${warmUp} warm-up), keep-alive`];
  try {
    output.push(
      line(
        "GET /v1/models (HTTP floor)",
        await timeEach(() => fetch(`${base}/v1/models`).then((r) => r.text())),
      ),
    );
    for (const mode of modes) {
      await server.answerEveryRequest(replies[mode]);
      for (const wire of wireRequests) {
        const { url, body } = wire.request(base, mode !== "whole text");
        const post = (): Promise<string> =>
          fetch(url, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(body),
          }).then((response) => response.text());
        output.push(line(`fetch  ${wire.format}, ${mode}`, await timeEach(post)));
      }
    }
    await server.answerEveryRequest(replies["stream text"]);
    const openai = new OpenAI({ apiKey: "bench", baseURL: `${base}/v1` });
    const anthropic = new Anthropic({ apiKey: "bench", baseURL: base });
    const gemini = new GoogleGenAI({ apiKey: "bench", apiVersion: "v1beta", httpOptions: { baseUrl: base } });
    const drain = async (events: AsyncIterable<unknown>): Promise<void> => {
      for await (const event of events) void event;
    };
    const clients: Array<[string, () => Promise<void>]> = [
      [
        "openai chat completions",
        async () =>
          drain(
            await openai.chat.completions.create({
              model: "m",
              messages: [{ role: "user", content: "hi" }],
              stream: true,
            }),
          ),
      ],
      [
        "openai responses",
        async () => drain(await openai.responses.create({ model: "m", input: "hi", stream: true })),
      ],
      [
        "anthropic messages",
        async () =>
          drain(
            await anthropic.messages.create({
              model: "m",
              max_tokens: 100,
              messages: [{ role: "user", content: "hi" }],
              stream: true,
            }),
          ),
      ],
      [
        "gemini",
        async () => drain(await gemini.models.generateContentStream({ model: "m", contents: "hi" })),
      ],
    ];
    for (const [format, call] of clients)
      output.push(line(`client ${format}, stream text`, await timeEach(call)));
  } finally {
    await server.close();
  }
  process.stdout.write(`${output.join("\n")}\n`);
}

await main();
