import {
  createServer as createTcpServer,
  connect,
  type AddressInfo,
  type Server,
  type Socket,
} from "node:net";
import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import pino from "pino";
import { configSchema } from "../../src/config/config-schema.js";
import { HttpCredentialProxy, type CredentialProxyOptions } from "../../src/proxy/http-credential-proxy.js";
import { createServer } from "../../src/server/create-server.js";
import { FakeRunService } from "../fixtures/fake-run-service.js";
import { startGitHubApi, type GitHubApiFixture } from "../fixtures/github-api.js";
import { startGraphApi, type GraphApiFixture } from "../fixtures/graph-api.js";
import { StoredCredentials } from "../fixtures/stored-credentials.js";

/**
 * Hangar's HTTP server with the credential proxy in front of the GitHub and Graph fakes, two
 * API keys (owners alice and bob), captured logs, and a canary listener on another loopback
 * port that records every connection: the proxy must never reach it.
 */
export interface ProxyHarness {
  baseUrl: string;
  port: number;
  app: FastifyInstance;
  github: GitHubApiFixture;
  graph: GraphApiFixture;
  credentials: StoredCredentials;
  /** `http://127.0.0.1:<port>` of the canary. */
  canaryUrl: string;
  canaryPort: number;
  /** Connections the canary accepted (must stay 0). */
  canaryConnections(): number;
  /** Every log line the server wrote. */
  logs: string[];
  /** alice's grants: GitHub, Graph and a bearer credential `files` (the Graph fake under `/v1.0`). */
  grants: { github: string; graph: string; bearer: string };
  aliceKey: string;
  bobKey: string;
  close(): Promise<void>;
}

export const aliceKey = "alice-api-key-0123456789";
export const bobKey = "bob-api-key-0123456789ab";

export async function startProxyHarness(
  options: Partial<Omit<CredentialProxyOptions, "credentials" | "githubApiUrl" | "graphApiUrl">> = {},
): Promise<ProxyHarness> {
  const github = await startGitHubApi();
  const graph = await startGraphApi();
  const canarySockets = new Set<Socket>();
  let canaryConnections = 0;
  const canary: Server = createTcpServer((socket) => {
    canaryConnections += 1;
    canarySockets.add(socket);
    socket.on("close", () => canarySockets.delete(socket));
    socket.end("HTTP/1.1 200 OK\r\ncontent-length: 6\r\nconnection: close\r\n\r\ncanary");
  });
  await new Promise<void>((resolve) => canary.listen(0, "127.0.0.1", resolve));
  const canaryPort = (canary.address() as AddressInfo).port;
  github.redirectTo = `http://127.0.0.1:${canaryPort}/stolen`;

  const credentials = new StoredCredentials();
  const githubGrant = await credentials.add({
    owner: "alice",
    name: "gh",
    kind: "github",
    token: github.token,
  });
  const graphGrant = await credentials.add({ owner: "alice", name: "ms", kind: "graph", token: graph.token });
  const bearerGrant = await credentials.add({
    owner: "alice",
    name: "files",
    kind: "bearer",
    token: graph.token,
    baseUrl: `${graph.url}/v1.0`,
  });

  const proxy = new HttpCredentialProxy({
    credentials,
    githubApiUrl: github.url,
    graphApiUrl: graph.url,
    maxRequestBytes: options.maxRequestBytes ?? 10 * 1024 * 1024,
    maxResponseBytes: options.maxResponseBytes ?? 50 * 1024 * 1024,
    timeoutMs: options.timeoutMs ?? 30_000,
    // The bearer upstream of these tests is the Graph fake on loopback.
    allowPrivateUpstreams: options.allowPrivateUpstreams ?? true,
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  const logs: string[] = [];
  const logger = pino(
    { level: "trace" },
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        logs.push(chunk.toString("utf8"));
        callback();
      },
    }),
  );
  const app = await createServer({
    runService: new FakeRunService(),
    config: configSchema.parse({
      server: {
        api_keys: [
          { key: aliceKey, owner: "alice" },
          { key: bobKey, owner: "bob" },
        ],
      },
    }),
    logger,
    version: "9.9.9-test",
    health: () => ({ provider: "fake", isolation: { ok: true, probes: [], enforced: {} } }),
    credentialProxy: proxy,
  });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const port = (app.server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    port,
    app,
    github,
    graph,
    credentials,
    canaryUrl: `http://127.0.0.1:${canaryPort}`,
    canaryPort,
    canaryConnections: () => canaryConnections,
    logs,
    grants: { github: githubGrant.grant.id, graph: graphGrant.grant.id, bearer: bearerGrant.grant.id },
    aliceKey,
    bobKey,
    close: async () => {
      const closing = app.close();
      app.server.closeAllConnections();
      await closing;
      await github.close();
      await graph.close();
      credentials.close();
      for (const socket of canarySockets) socket.destroy();
      await new Promise<void>((resolve) => canary.close(() => resolve()));
    },
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  raw: string;
}

/**
 * Sends `head` (request line and headers, without the final blank line) byte for byte over a
 * fresh TCP connection: fetch and node:http normalise or refuse exactly the paths the SSRF
 * tests need to send.
 */
export function rawRequest(port: number, head: string, body = ""): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      const raw = Buffer.concat(chunks).toString("latin1");
      const split = raw.indexOf("\r\n\r\n");
      const lines = (split === -1 ? raw : raw.slice(0, split)).split("\r\n");
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? "")?.[1] ?? "0");
      const headers: Record<string, string> = {};
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(":");
        if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      let payload = split === -1 ? "" : raw.slice(split + 4);
      if (headers["transfer-encoding"] === "chunked") payload = dechunk(payload);
      resolve({ status, headers, body: payload, raw });
    });
    socket.write(`${head}\r\nconnection: close\r\n\r\n${body}`, "latin1");
  });
}

function dechunk(text: string): string {
  let result = "";
  let rest = text;
  for (;;) {
    const lineEnd = rest.indexOf("\r\n");
    if (lineEnd === -1) return result;
    const size = Number.parseInt(rest.slice(0, lineEnd), 16);
    if (!Number.isFinite(size) || size === 0) return result;
    result += rest.slice(lineEnd + 2, lineEnd + 2 + size);
    rest = rest.slice(lineEnd + 2 + size + 2);
  }
}
