import { mkdtemp, rm } from "node:fs/promises";
import { Agent, request, type RequestOptions } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ModelRelay } from "../src/relay/model-relay.js";
import { startModelServerProcess } from "./model-server-process.js";
import { row, type ResultRow } from "./report.js";
import { percentile, summarize } from "./statistics.js";

/**
 * The model relay's cost per model request: a streamed chat completion from
 * the scripted model (in a child process, answering instantly) requested
 * directly and through the relay's unix socket, alternately, each over a
 * keep-alive connection. The difference is what the relay adds (token, model
 * and budget checks, the key swap, reading the usage on the way).
 *
 * Runnable alone: `npx tsc -p tsconfig.bench.json && node dist-bench/bench/relay-benchmarks.js`.
 */
export const relayGoals = { overheadP50Ms: 2 };

export async function measureRelayBenchmarks(
  options: { samples?: number; log?: (line: string) => void } = {},
): Promise<{ rows: ResultRow[] }> {
  const samples = options.samples ?? 500;
  options.log?.(`relay: ${samples} streamed chat requests direct and through the relay, alternately`);
  const model = await startModelServerProcess();
  const directory = await mkdtemp(join(tmpdir(), "hangar-relay-bench-"));
  const socketPath = join(directory, "relay.sock");
  const relay = new ModelRelay();
  try {
    await model.answerEveryRequest({ text: ["Hel", "lo"], usage: { inputTokens: 10, outputTokens: 2 } });
    await relay.listen(socketPath, "sbx_bench");
    const { token } = relay.grant({
      sessionId: "ses_bench",
      sandboxId: "sbx_bench",
      allowedModels: ["scripted"],
      provider: { format: "openai", baseUrl: model.openaiBaseUrl, apiKey: "sk-bench-key" },
      remainingTokens: () => Number.MAX_SAFE_INTEGER,
      onUsage: () => undefined,
      onEvent: () => undefined,
    });
    const body = JSON.stringify({
      model: "scripted",
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: "user", content: "hi" }],
    });
    const modelUrl = new URL(`${model.openaiBaseUrl}/chat/completions`);
    const direct: RequestOptions = {
      host: modelUrl.hostname,
      port: modelUrl.port,
      path: modelUrl.pathname,
      agent: new Agent({ keepAlive: true, maxSockets: 1 }),
      headers: { authorization: "Bearer sk-bench-key" },
    };
    const relayed: RequestOptions = {
      socketPath,
      path: "/openai/v1/chat/completions",
      agent: new Agent({ keepAlive: true, maxSockets: 1 }),
      headers: { authorization: `Bearer ${token}` },
    };
    for (let warmup = 0; warmup < 50; warmup += 1) {
      await timedRequest(direct, body);
      await timedRequest(relayed, body);
    }
    const directTimes: number[] = [];
    const relayTimes: number[] = [];
    for (let sample = 0; sample < samples; sample += 1) {
      directTimes.push(await timedRequest(direct, body));
      relayTimes.push(await timedRequest(relayed, body));
    }
    const overheadP50 = percentile(relayTimes, 0.5) - percentile(directTimes, 0.5);
    const overheadP95 = percentile(relayTimes, 0.95) - percentile(directTimes, 0.95);
    return {
      rows: [
        row("streamed chat request, direct", "ms", summarize(directTimes)),
        row("streamed chat request, through the relay", "ms", summarize(relayTimes)),
        row(
          "relay overhead p50",
          "ms",
          { median: overheadP50, samples },
          { text: `<= ${relayGoals.overheadP50Ms} ms`, met: overheadP50 <= relayGoals.overheadP50Ms },
        ),
        row("relay overhead p95", "ms", { median: overheadP95, samples }),
      ],
    };
  } finally {
    await relay.closeAll();
    await model.close();
    await rm(directory, { recursive: true, force: true });
  }
}

/** Milliseconds from sending a request to the last byte of its answer. */
function timedRequest(options: RequestOptions, body: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const outgoing = request(
      { ...options, method: "POST", headers: { ...options.headers, "content-type": "application/json" } },
      (answer) => {
        if (answer.statusCode !== 200) reject(new Error(`status ${answer.statusCode ?? "none"}`));
        answer.resume();
        answer.on("end", () => resolve(performance.now() - started));
        answer.on("error", reject);
      },
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { formatResults } = await import("./report.js");
  const { rows } = await measureRelayBenchmarks({ log: (line) => process.stderr.write(`bench: ${line}\n`) });
  console.log(formatResults(rows));
}
