import { lookup } from "node:dns/promises";
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { connect as netConnect, isIP, type Socket } from "node:net";
import type { Duplex, Readable } from "node:stream";
import { errorMessage } from "../core/errors.js";
import { announcesBody, endToEndHeaders } from "../core/http-headers.js";
import type { SessionEventPayloads } from "../protocol/session-events.js";
import { isAllowedHost, normalHost } from "./allowed-hosts.js";
import { forbiddenReason, isLoopbackAddress } from "./forbidden-addresses.js";
import { closeSocketServer, listenOnSocket } from "../core/socket-server.js";

/**
 * The egress proxy: a sandbox's only way out. The agent runner sets
 * HTTP_PROXY/HTTPS_PROXY to its own loopback port and pipes each connection to
 * `<channel>/egress.sock`, where this proxy serves `CONNECT host:port` tunnels
 * and absolute-URI plain HTTP requests. A host passes only when it is on the
 * sandbox's allow list (empty by default: nothing passes); the proxy then
 * resolves it itself, refuses it if any address is loopback, private,
 * link-local, multicast or otherwise special, and connects to the address it
 * checked, so no second lookup can rebind the name. Every decision is an event.
 */

export interface EgressPolicy {
  /** Exact host names and `*.example.com` wildcards; empty denies everything. */
  allow: readonly string[];
  onEvent: (event: EgressEvent) => void;
  /**
   * Serves `http://credentials.hangar/<target>/<path>`: the running session's stored
   * credentials, used through Hangar's credential proxy (the token is added outside the
   * sandbox). Absent: that host is refused like any other not on the allow list.
   */
  forwardCredential?: (request: CredentialRequest) => Promise<CredentialAnswer>;
}

/**
 * The reserved host a sandbox names to use its session's credentials. It never resolves;
 * the proxy recognises it before any lookup, so no DNS answer can redirect it.
 */
export const credentialsHost = "credentials.hangar";

export interface CredentialRequest {
  /** The first path segment: `github`, `graph`, or a bearer credential's name. */
  target: string;
  method: string;
  /** The rest of the path, still percent-encoded, with its query. */
  pathAndQuery: string;
  headers: IncomingMessage["headers"];
  /** The request body when it has one, streamed (the credential proxy bounds it). */
  body?: Readable;
}

export interface CredentialAnswer {
  status: number;
  headers: Record<string, string>;
  body: Readable;
}

export type EgressEvent =
  | { name: "egress.allowed"; data: SessionEventPayloads["egress.allowed"] }
  | { name: "egress.denied"; data: SessionEventPayloads["egress.denied"] };

export interface ResolvedAddress {
  address: string;
  family: number;
}

export interface EgressProxyOptions {
  /** Every address of a name; default dns.lookup with `all: true`. */
  resolve?: (host: string) => Promise<ResolvedAddress[]>;
  /** Opens the TCP connection to a checked address; default net.connect. */
  connect?: (address: string, port: number) => Socket;
  /** TEST ONLY (`sandboxes.egress.allow_loopback_for_tests`): lets an allowed name reach a loopback address. */
  allowLoopbackForTests?: boolean;
}

interface Listener {
  server: Server;
  tunnels: Set<Duplex>;
}

type Decision = { address: string } | { reason: string };

const defaultResolve = (host: string): Promise<ResolvedAddress[]> =>
  lookup(host, { all: true, verbatim: true });
const defaultConnect = (address: string, port: number): Socket => netConnect({ host: address, port });

export class EgressProxy {
  readonly #resolve: (host: string) => Promise<ResolvedAddress[]>;
  readonly #connect: (address: string, port: number) => Socket;
  readonly #allowLoopbackForTests: boolean;
  readonly #listeners = new Map<string, Listener>();

  constructor(options: EgressProxyOptions = {}) {
    this.#resolve = options.resolve ?? defaultResolve;
    this.#connect = options.connect ?? defaultConnect;
    this.#allowLoopbackForTests = options.allowLoopbackForTests ?? false;
  }

  /** Serves the egress socket of one sandbox under `policy` (a stale socket file is replaced). */
  async listen(socketPath: string, policy: EgressPolicy): Promise<void> {
    if (this.#listeners.has(socketPath)) throw new Error(`the egress proxy already listens on ${socketPath}`);
    const tunnels = new Set<Duplex>();
    const server = createServer((request, response) => {
      this.#forwardPlain(request, response, policy).catch(() => response.destroy());
    });
    server.on("connect", (request: IncomingMessage, client: Duplex, head: Buffer) => {
      tunnels.add(client);
      client.on("close", () => tunnels.delete(client));
      // The sandbox side may hang up while the name resolves; the tunnel code below cleans up.
      client.on("error", () => client.destroy());
      this.#tunnel(request, client, head, policy).catch(() => client.destroy());
    });
    await listenOnSocket(server, socketPath);
    this.#listeners.set(socketPath, { server, tunnels });
  }

  /** Stops serving a socket; open tunnels and requests are cut. */
  async close(socketPath: string): Promise<void> {
    const listener = this.#listeners.get(socketPath);
    if (listener === undefined) return;
    this.#listeners.delete(socketPath);
    // Tunnels are upgraded sockets the HTTP server no longer tracks.
    for (const tunnel of listener.tunnels) tunnel.destroy();
    await closeSocketServer(listener.server, socketPath);
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.#listeners.keys()].map((socketPath) => this.close(socketPath)));
  }

  async #tunnel(request: IncomingMessage, client: Duplex, head: Buffer, policy: EgressPolicy): Promise<void> {
    const target =
      /^\[([^\]]+)\]:(\d+)$/.exec(request.url ?? "") ?? /^([^:[\]]+):(\d+)$/.exec(request.url ?? "");
    if (target === null) {
      client.end(statusLine(400, `CONNECT needs host:port, got ${JSON.stringify(request.url ?? "")}`));
      return;
    }
    const host = normalHost(target[1] as string);
    const port = Number(target[2]);
    if (host === credentialsHost) {
      client.end(
        statusLine(
          400,
          `${credentialsHost} is plain HTTP: call http://${credentialsHost}/<target>/<path> (Hangar adds TLS upstream)`,
        ),
      );
      return;
    }
    const decision = await this.#decide(host, port, policy);
    if ("reason" in decision) {
      client.end(statusLine(403, `egress to ${host}:${port} denied: ${decision.reason}`));
      return;
    }
    const upstream = this.#connect(decision.address, port);
    upstream.once("connect", () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on("error", (error) => {
      if (upstream.readyState === "opening" || !client.writable)
        client.end(statusLine(502, errorMessage(error)));
      else client.destroy();
    });
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  }

  async #forwardPlain(
    request: IncomingMessage,
    response: ServerResponse,
    policy: EgressPolicy,
  ): Promise<void> {
    let url: URL;
    try {
      url = new URL(request.url ?? "");
    } catch {
      refuse(response, 400, "a proxy request needs an absolute http:// URI");
      return;
    }
    if (url.protocol !== "http:") {
      refuse(response, 400, `only http:// is forwarded as a plain request (use CONNECT for ${url.protocol})`);
      return;
    }
    const host = normalHost(url.hostname);
    const port = url.port === "" ? 80 : Number(url.port);
    if (host === credentialsHost) {
      await this.#forwardCredential(request, response, policy);
      return;
    }
    const decision = await this.#decide(host, port, policy);
    if ("reason" in decision) {
      refuse(response, 403, `egress to ${host}:${port} denied: ${decision.reason}`);
      return;
    }
    const headers = endToEndHeaders(request.headers);
    const upstream = httpRequest({
      method: request.method,
      path: `${url.pathname}${url.search}`,
      headers: { ...headers, host: url.host },
      // The checked address, never the name again.
      createConnection: () => this.#connect(decision.address, port),
    });
    upstream.on("response", (answer) => {
      response.writeHead(answer.statusCode ?? 502, endToEndHeaders(answer.headers));
      answer.pipe(response);
    });
    upstream.on("error", (error) => {
      if (response.headersSent) response.destroy();
      else refuse(response, 502, `egress to ${host}:${port} failed: ${errorMessage(error)}`);
    });
    response.on("close", () => {
      if (!response.writableFinished) upstream.destroy();
    });
    request.pipe(upstream);
  }

  /** `http://credentials.hangar/<target>/<path>` to the policy's credential handler, streamed both ways. */
  async #forwardCredential(
    request: IncomingMessage,
    response: ServerResponse,
    policy: EgressPolicy,
  ): Promise<void> {
    if (policy.forwardCredential === undefined) {
      refuse(response, 403, `${credentialsHost}: this session was started without credentials`);
      return;
    }
    // The raw request target, still percent-encoded: the credential proxy's path guard judges it.
    const rawPath = (request.url ?? "").replace(/^http:\/\/[^/]*/i, "");
    const match = /^\/([^/?#]+)(\/[^#]*)?$/.exec(rawPath);
    if (match === null) {
      refuse(response, 400, `call http://${credentialsHost}/<github|graph|credential>/<path>`);
      return;
    }
    const answer = await policy.forwardCredential({
      target: match[1] as string,
      method: request.method ?? "GET",
      pathAndQuery: match[2] ?? "/",
      headers: request.headers,
      ...(announcesBody(request.headers) ? { body: request } : {}),
    });
    response.writeHead(answer.status, answer.headers);
    answer.body.on("error", () => response.destroy());
    response.on("close", () => {
      if (!response.writableFinished) answer.body.destroy();
    });
    answer.body.pipe(response);
  }

  /** Allows a host and port (with the address to connect to) or refuses it, and says so in an event. */
  async #decide(host: string, port: number, policy: EgressPolicy): Promise<Decision> {
    const decision = await this.#check(host, port, policy);
    if ("reason" in decision) {
      policy.onEvent({ name: "egress.denied", data: { host, port, reason: decision.reason } });
    } else {
      policy.onEvent({ name: "egress.allowed", data: { host, port, address: decision.address } });
    }
    return decision;
  }

  async #check(host: string, port: number, policy: EgressPolicy): Promise<Decision> {
    if (!Number.isInteger(port) || port < 1 || port > 65535) return { reason: `port ${port} is not 1-65535` };
    if (
      isIP(host) === 0 &&
      !/^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$/.test(host)
    ) {
      return { reason: "not a valid host name" };
    }
    if (!isAllowedHost(host, policy.allow)) return { reason: "not in the egress allow list" };
    let addresses: ResolvedAddress[];
    if (isIP(host) !== 0) {
      addresses = [{ address: host, family: isIP(host) }];
    } else {
      try {
        addresses = await this.#resolve(host);
      } catch (error) {
        return { reason: `does not resolve: ${errorMessage(error)}` };
      }
    }
    if (addresses.length === 0) return { reason: "does not resolve" };
    // Any bad address refuses the name: a resolver may hand out the others later.
    for (const { address } of addresses) {
      const reason = forbiddenReason(address);
      if (reason === undefined) continue;
      if (this.#allowLoopbackForTests && isLoopbackAddress(address)) continue;
      return { reason: `${address} is ${reason}` };
    }
    return { address: (addresses[0] as ResolvedAddress).address };
  }
}

function statusLine(status: number, message: string): string {
  const text = { 400: "Bad Request", 403: "Forbidden", 502: "Bad Gateway" }[status] ?? "Error";
  const body = `${message}\n`;
  return (
    `HTTP/1.1 ${status} ${text}\r\ncontent-type: text/plain; charset=utf-8\r\n` +
    `content-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`
  );
}

function refuse(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { "content-type": "text/plain; charset=utf-8", connection: "close" });
  response.end(`${message}\n`);
}
