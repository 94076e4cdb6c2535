import { fork } from "node:child_process";
import { Agent, request, type RequestOptions } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { configSchema } from "../src/config/config-schema.js";
import { HttpCredentialProxy } from "../src/proxy/http-credential-proxy.js";
import { createServer } from "../src/server/create-server.js";
import { FakeRunService } from "../test/fixtures/fake-run-service.js";
import { startGitHubApi } from "../test/fixtures/github-api.js";
import { StoredCredentials } from "../test/fixtures/stored-credentials.js";
import { row, type ResultRow } from "./report.js";
import { percentile, summarize } from "./statistics.js";

/**
 * The credential proxy's cost: `GET /user` answered by the GitHub fake (in a child process,
 * as GitHub is another machine), requested directly and through Hangar's HTTP server
 * (`/proxy/github/user` with an `X-Proxy-Id`: auth, grant lookup, path guard, header
 * filtering, token injection, streaming), alternately over keep-alive connections; then
 * requests per second through the proxy with 16 requests in flight.
 *
 * `npm run bench -- proxy`.
 */
export const proxyGoals = { overheadP50Ms: 1, requestsPerSecond: 2000 };

const serveArgument = "--serve-github-fake";

export async function measureProxyBenchmarks(
  options: { samples?: number; throughputSeconds?: number; log?: (line: string) => void } = {},
): Promise<{ rows: ResultRow[] }> {
  const samples = options.samples ?? 2000;
  const throughputSeconds = options.throughputSeconds ?? 5;
  options.log?.(
    `proxy: ${samples} GET /user direct and through the proxy, alternately; then ${throughputSeconds} s at concurrency 16`,
  );
  const upstream = await startUpstreamProcess();
  const credentials = new StoredCredentials();
  const { grant } = await credentials.add({
    owner: "local",
    name: "gh",
    kind: "github",
    token: upstream.token,
  });
  const proxy = new HttpCredentialProxy({
    credentials,
    githubApiUrl: upstream.url,
    graphApiUrl: upstream.url,
    maxRequestBytes: 10 * 1024 * 1024,
    maxResponseBytes: 50 * 1024 * 1024,
    timeoutMs: 30_000,
  });
  const server = await createServer({
    runService: new FakeRunService(),
    config: configSchema.parse({}),
    logger: false,
    version: "bench",
    health: () => ({ provider: "fake", isolation: { ok: true, probes: [], enforced: {} } }),
    credentialProxy: proxy,
  });
  await server.listen({ host: "127.0.0.1", port: 0 });
  try {
    const upstreamUrl = new URL(upstream.url);
    const direct: RequestOptions = {
      host: "127.0.0.1",
      port: upstreamUrl.port,
      path: "/user",
      agent: new Agent({ keepAlive: true, maxSockets: 1 }),
      headers: { authorization: `Bearer ${upstream.token}` },
    };
    const proxied: RequestOptions = {
      host: "127.0.0.1",
      port: (server.server.address() as AddressInfo).port,
      path: "/proxy/github/user",
      agent: new Agent({ keepAlive: true, maxSockets: 1 }),
      headers: { "x-proxy-id": grant.id },
    };
    for (let warmup = 0; warmup < 300; warmup += 1) {
      await timedGet(direct);
      await timedGet(proxied);
    }
    const directTimes: number[] = [];
    const proxiedTimes: number[] = [];
    for (let sample = 0; sample < samples; sample += 1) {
      directTimes.push(await timedGet(direct));
      proxiedTimes.push(await timedGet(proxied));
    }
    const overheadP50 = percentile(proxiedTimes, 0.5) - percentile(directTimes, 0.5);
    const overheadP90 = percentile(proxiedTimes, 0.9) - percentile(directTimes, 0.9);

    // The load comes from the child process, so the measured process runs only the server and the proxy.
    const cpuBefore = process.cpuUsage();
    const { completed, errors, elapsedMs } = await upstream.load({
      port: Number(proxied.port),
      path: "/proxy/github/user",
      proxyId: grant.id,
      seconds: throughputSeconds,
      concurrency: 16,
    });
    const requestsPerSecond = completed / (elapsedMs / 1000);
    // CPU time of this process (server + proxy) per request: what the rate would be with a whole
    // core free, since a shared machine's requests/s says as much about its other tenants.
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMsPerRequest = (cpu.user + cpu.system) / 1000 / Math.max(1, completed);
    return {
      rows: [
        row("GET /user, direct to the GitHub fake", "ms", summarize(directTimes)),
        row("GET /user, through /proxy/github", "ms", summarize(proxiedTimes)),
        row(
          "proxy overhead p50",
          "ms",
          { median: overheadP50, samples },
          { text: `<= ${proxyGoals.overheadP50Ms} ms`, met: overheadP50 <= proxyGoals.overheadP50Ms },
        ),
        row("proxy overhead p90", "ms", { median: overheadP90, samples }),
        row(
          "requests/s through the proxy (16 in flight)",
          "req/s",
          { median: Math.round(requestsPerSecond), samples: completed },
          {
            text: `>= ${proxyGoals.requestsPerSecond}/s`,
            met: requestsPerSecond >= proxyGoals.requestsPerSecond && errors === 0,
          },
        ),
        row("  failed requests during the throughput run", "", { median: errors }),
        row("  server + proxy CPU per proxied request", "ms", { median: cpuMsPerRequest }),
        row("  requests/s one free core could serve at that CPU cost", "req/s", {
          median: Math.round(1000 / cpuMsPerRequest),
        }),
      ],
    };
  } finally {
    await server.close();
    upstream.close();
    credentials.close();
  }
}

/** Milliseconds from sending a GET to the last byte of its answer; anything but 200 fails. */
function timedGet(options: RequestOptions): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const outgoing = request({ ...options, method: "GET" }, (answer) => {
      if (answer.statusCode !== 200) reject(new Error(`status ${answer.statusCode ?? "none"}`));
      answer.resume();
      answer.on("end", () => resolve(performance.now() - started));
      answer.on("error", reject);
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

async function generateLoad(load: LoadRequest): Promise<LoadResult> {
  const options: RequestOptions = {
    host: "127.0.0.1",
    port: load.port,
    path: load.path,
    agent: new Agent({ keepAlive: true, maxSockets: load.concurrency }),
    headers: { "x-proxy-id": load.proxyId },
  };
  let completed = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + load.seconds * 1000;
  await Promise.all(
    Array.from({ length: load.concurrency }, async () => {
      while (performance.now() < deadline) {
        try {
          await timedGet(options);
          completed += 1;
        } catch {
          errors += 1;
        }
      }
    }),
  );
  return { completed, errors, elapsedMs: performance.now() - started };
}

interface LoadRequest {
  port: number;
  path: string;
  proxyId: string;
  seconds: number;
  concurrency: number;
}

interface LoadResult {
  completed: number;
  errors: number;
  elapsedMs: number;
}

interface UpstreamProcess {
  url: string;
  token: string;
  /** GETs `path` on 127.0.0.1:`port` from the child, `concurrency` at a time, for `seconds`. */
  load(request: LoadRequest): Promise<LoadResult>;
  close(): void;
}

/** The GitHub fake in a child process, so its work is not charged to the proxy's event loop. */
function startUpstreamProcess(): Promise<UpstreamProcess> {
  const child = fork(fileURLToPath(import.meta.url), [serveArgument], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the GitHub fake exited (${code ?? "signal"})`)));
    child.once("message", (message: { url: string; token: string }) => {
      resolve({
        url: message.url,
        token: message.token,
        load: (loadRequest) =>
          new Promise((resolveLoad) => {
            child.once("message", (result: LoadResult) => resolveLoad(result));
            child.send(loadRequest);
          }),
        close: () => child.kill(),
      });
    });
  });
}

if (process.argv[2] === serveArgument) {
  const github = await startGitHubApi();
  // The fake records every request for tests; a benchmark would only grow that list.
  setInterval(() => {
    github.requests.length = 0;
  }, 500);
  process.on("message", (message: LoadRequest) => {
    void generateLoad(message).then((result) => process.send?.(result));
  });
  process.send?.({ url: github.url, token: github.token });
  process.on("disconnect", () => process.exit(0));
} else if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { formatResults } = await import("./report.js");
  const { rows } = await measureProxyBenchmarks({ log: (line) => process.stderr.write(`bench: ${line}\n`) });
  console.log(formatResults(rows));
}
