import { spawn } from "node:child_process";
import { chmod, mkdir, mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { destination, pino } from "pino";
import { createRunnerClient } from "../src/agents/acp/runner-client.js";
import { createApp } from "../src/app/create-app.js";
import { readSseMessages } from "../src/client/sse-messages.js";
import { parseConfig } from "../src/config/load-config.js";
import { row, type ResultRow } from "./report.js";
import { percentile, summarize } from "./statistics.js";

/**
 * External agents: what the agent runner costs. The runner's own start (to its
 * ready line) and an ACP session's start through it are measured on the host
 * against the scripted ACP agent, whose own start-up (node + the ACP SDK, up
 * to its `initialize` answer) is measured beside them; then the whole path of
 * one agent update — scripted agent → runner (in a bwrap sandbox) → gRPC →
 * ACP driver → event log → SSE — on a real Hangar, each update carrying the
 * wall-clock time it was sent.
 *
 * Runnable alone: `npx tsc -p tsconfig.bench.json && node dist-bench/bench/external-agent-benchmarks.js`.
 */
export const externalAgentGoals = { updateToSseP95Ms: 5 };

const root = resolve(fileURLToPath(import.meta.url), "..", "..", "..");
const runnerBundle = join(root, "dist", "runner", "agent-runner.mjs");
const scriptedAgent = join(root, "test", "fixtures", "scripted-acp-agent.mjs");

export async function measureExternalAgentBenchmarks(
  options: { samples?: number; updates?: number; log?: (line: string) => void } = {},
): Promise<{ rows: ResultRow[] }> {
  const samples = options.samples ?? 10;
  const updates = options.updates ?? 300;
  const log = options.log ?? (() => undefined);
  log(`external agents: runner start and ACP session start, ${samples} each`);
  const runnerStart: number[] = [];
  const sessionStart: number[] = [];
  for (let sample = 0; sample < samples; sample += 1) {
    const measured = await measureRunnerAndSession();
    runnerStart.push(measured.readyMs);
    sessionStart.push(measured.sessionMs);
  }
  const agentStart: number[] = [];
  for (let sample = 0; sample < samples; sample += 1) agentStart.push(await measureAgentStartup());
  log(`external agents: ${updates} agent updates → SSE through a real Hangar (bwrap)`);
  const delivery = await measureUpdateDelivery(updates);
  const p95 = percentile(delivery, 0.95);
  return {
    rows: [
      row("agent runner: start → ready (host)", "ms", { ...summarize(runnerStart), samples }),
      row("  ACP session ready through the runner (Chat, incl. agent start)", "ms", {
        ...summarize(sessionStart),
        samples,
      }),
      row("  the scripted agent's own start-up (to initialize)", "ms", { ...summarize(agentStart), samples }),
      row("agent update → SSE event delivered", "ms", { ...summarize(delivery), samples: delivery.length }),
      row(
        "  p95",
        "ms",
        { median: p95 },
        {
          text: `p95 <= ${externalAgentGoals.updateToSseP95Ms} ms`,
          met: p95 <= externalAgentGoals.updateToSseP95Ms,
        },
      ),
    ],
  };
}

/** Starts the runner on the host; its ready line, then one Chat that starts a scripted agent's ACP session. */
async function measureRunnerAndSession(): Promise<{ readyMs: number; sessionMs: number }> {
  const directory = await mkdtemp(join(tmpdir(), "hangar-runner-bench-"));
  const [channel, workspace, home] = ["channel", "workspace", "home"].map((name) => join(directory, name));
  for (const path of [channel, workspace, home]) await mkdir(path as string);
  const started = performance.now();
  const runner = spawn(
    process.execPath,
    [
      runnerBundle,
      "--channel",
      channel!,
      "--workspace",
      workspace!,
      "--home-root",
      home!,
      "--relay-port",
      "0",
      "--proxy-port",
      "0",
    ],
    { stdio: ["pipe", "pipe", "inherit"] },
  );
  try {
    await new Promise<void>((ready, reject) => {
      createInterface({ input: runner.stdout }).once("line", () => ready());
      runner.once("exit", (code) => reject(new Error(`the runner exited with ${String(code)}`)));
    });
    const readyMs = performance.now() - started;
    const client = createRunnerClient(join(channel!, "runner.sock"));
    const chatStarted = performance.now();
    const answer = await client.agent.chat({
      sessionId: "ses_bench",
      projectId: "bench",
      prompt: "hi",
      agentConfig: {
        agentServer: {
          agentId: "scripted",
          command: process.execPath,
          args: [scriptedAgent],
          env: { HANGAR_ACP_SCRIPT: JSON.stringify({ turns: [[{ message: "ok" }]] }) },
        },
      },
    });
    const sessionMs = performance.now() - chatStarted;
    if (!answer.success) throw new Error(`the runner refused the chat: ${answer.error ?? ""}`);
    client.close();
    return { readyMs, sessionMs };
  } finally {
    runner.kill("SIGTERM");
    await new Promise((done) => runner.once("exit", done));
    await rm(directory, { recursive: true, force: true });
  }
}

/** The scripted agent alone: spawn → its answer to `initialize`. */
async function measureAgentStartup(): Promise<number> {
  const started = performance.now();
  const agent = spawn(process.execPath, [scriptedAgent], { stdio: ["pipe", "pipe", "inherit"] });
  const answered = new Promise<void>((done) =>
    createInterface({ input: agent.stdout }).once("line", () => done()),
  );
  agent.stdin.write(
    `${JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: 1 } })}\n`,
  );
  await answered;
  const elapsed = performance.now() - started;
  agent.kill();
  return elapsed;
}

/** A real Hangar with the scripted agent installed as a custom agent; the latency of each streamed update. */
async function measureUpdateDelivery(updates: number): Promise<number[]> {
  const dataDirectory = await mkdtemp(join(tmpdir(), "hangar-bench-external-"));
  const agentsDirectory = join(dataDirectory, "agents");
  await mkdir(join(agentsDirectory, "scripted"), { recursive: true });
  await chmod(dataDirectory, 0o755);
  await build({
    entryPoints: [scriptedAgent],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile: join(agentsDirectory, "scripted", "agent.mjs"),
    logLevel: "warning",
  });
  const script = { turns: [[{ timestampedMessages: { count: updates, intervalMs: 2 } }]] };
  const config = parseConfig({
    data_dir: dataDirectory,
    log: { level: "warn" },
    sandbox: { pool_size: 1, limits: { memory_mb: 512, pids: 128 } },
    // The scripted agent calls no model; the session still names one (nothing listens there).
    llm: { default_model: "bench:scripted", providers: { bench: { base_url: "http://127.0.0.1:9/v1" } } },
    agents: {
      directory: agentsDirectory,
      custom: {
        scripted: {
          command: "/opt/hangar/agents/scripted/agent.mjs",
          node: true,
          wire_formats: ["openai-chat-completions"],
          env: { HANGAR_ACP_SCRIPT: JSON.stringify(script) },
        },
      },
    },
  });
  const app = await createApp(config, { skipProbes: true, logger: pino({ level: "warn" }, destination(2)) });
  const server = await app.createHttpServer();
  await server.listen({ host: "127.0.0.1", port: 0 });
  const url = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  try {
    const latencies: number[] = [];
    // The first session starts the runner; the second is the one measured (a warm runner).
    for (const round of ["warm-up", "measured"]) {
      const response = await fetch(`${url}/chat`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ prompt: "stream", project_id: "bench", agent: "scripted" }),
      });
      const started = (await response.json()) as { session_id?: string; error?: { message: string } };
      if (started.session_id === undefined) throw new Error(`POST /chat: ${JSON.stringify(started)}`);
      const sessionId = started.session_id;
      const progress = await fetch(`${url}/agent/progress/${sessionId}`, {
        headers: { accept: "text/event-stream" },
      });
      for await (const message of readSseMessages(progress.body!)) {
        const received = performance.timeOrigin + performance.now();
        if (message.event === "message.delta" && round === "measured") {
          const { data } = JSON.parse(message.data) as { data: { text: string } };
          latencies.push(received - Number.parseFloat(data.text));
        }
        if (message.event === "session.ended" || message.event === "turn.end") break;
      }
    }
    return latencies;
  } finally {
    const closing = server.close();
    server.server.closeAllConnections();
    await closing;
    await app.stop();
    await rm(dataDirectory, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { formatResults } = await import("./report.js");
  const { rows } = await measureExternalAgentBenchmarks({
    log: (line) => process.stderr.write(`bench: ${line}\n`),
  });
  console.log(formatResults(rows));
}
