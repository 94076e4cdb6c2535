import { mkdtemp, rm } from "node:fs/promises";
import { createServer, request, type IncomingHttpHeaders, type Server } from "node:http";
import { connect as netConnect, type AddressInfo, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Readable } from "node:stream";
import {
  EgressProxy,
  type CredentialRequest,
  type EgressEvent,
  type ResolvedAddress,
} from "./egress-proxy.js";
import { isLoopbackAddress } from "./forbidden-addresses.js";

/** Names the injected resolver knows; nothing here is ever looked up in real DNS or connected to. */
const zone: Record<string, string[]> = {
  "allowed.test": ["127.0.0.1"],
  "evil.test": ["10.0.0.1"],
  "loop.test": ["127.0.0.1"],
  "metadata.test": ["169.254.169.254"],
  "v6-loop.test": ["::1"],
  "mapped.test": ["::ffff:127.0.0.1"],
  "aws-v6-metadata.test": ["fd00:ec2::254"],
  "cgnat.test": ["100.64.1.1"],
  "mixed.test": ["93.184.216.34", "192.168.1.10"],
};

interface Answer {
  status: number;
  text: string;
  headers: IncomingHttpHeaders;
}

describe("EgressProxy", () => {
  let directory: string;
  let upstream: Server;
  let upstreamPort: number;
  const upstreamHosts: string[] = [];
  let connects: string[] = [];
  let lookups: string[] = [];
  let events: EgressEvent[] = [];

  const resolve = (host: string): Promise<ResolvedAddress[]> => {
    lookups.push(host);
    const addresses = zone[host];
    if (addresses === undefined) return Promise.reject(new Error(`ENOTFOUND ${host}`));
    return Promise.resolve(addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })));
  };
  /** Counts connection attempts, and makes sure none ever leaves the loopback. */
  const connect = (address: string, port: number): Socket => {
    connects.push(`${address}:${port}`);
    if (!isLoopbackAddress(address)) throw new Error(`test bug: would connect to ${address}`);
    return netConnect({ host: address, port });
  };

  async function proxyOn(
    name: string,
    allow: string[],
    allowLoopbackForTests: boolean,
  ): Promise<{ socketPath: string; proxy: EgressProxy }> {
    const proxy = new EgressProxy({ resolve, connect, allowLoopbackForTests });
    const socketPath = join(directory, `${name}.sock`);
    await proxy.listen(socketPath, { allow, onEvent: (event) => events.push(event) });
    return { socketPath, proxy };
  }

  function plainRequest(socketPath: string, url: string): Promise<Answer> {
    return new Promise((resolveAnswer, reject) => {
      const outgoing = request({ socketPath, path: url, headers: { host: new URL(url).host } }, (answer) => {
        const chunks: Buffer[] = [];
        answer.on("data", (chunk: Buffer) => chunks.push(chunk));
        answer.on("end", () =>
          resolveAnswer({
            status: answer.statusCode ?? 0,
            text: Buffer.concat(chunks).toString("utf8"),
            headers: answer.headers,
          }),
        );
      });
      outgoing.on("error", reject);
      outgoing.end();
    });
  }

  /** A CONNECT; when the tunnel opens, a GET through it. */
  function tunnelRequest(socketPath: string, target: string): Promise<Answer> {
    return new Promise((resolveAnswer, reject) => {
      const connecting = request({ socketPath, method: "CONNECT", path: target });
      connecting.on("connect", (answer, tunnel: Socket, head: Buffer) => {
        if (answer.statusCode !== 200) {
          // A refusal's body arrives after the head of the answer, as the tunnel's first bytes.
          const chunks: Buffer[] = [head];
          tunnel.on("data", (chunk: Buffer) => chunks.push(chunk));
          tunnel.on("close", () =>
            resolveAnswer({
              status: answer.statusCode ?? 0,
              text: Buffer.concat(chunks).toString("utf8"),
              headers: answer.headers,
            }),
          );
          return;
        }
        const get = request(
          { createConnection: () => tunnel, path: "/through-tunnel", headers: { host: target } },
          (inner) => {
            const chunks: Buffer[] = [];
            inner.on("data", (chunk: Buffer) => chunks.push(chunk));
            inner.on("end", () => {
              tunnel.destroy();
              resolveAnswer({
                status: 200,
                text: Buffer.concat(chunks).toString("utf8"),
                headers: inner.headers,
              });
            });
          },
        );
        get.on("error", reject);
        get.end();
      });
      connecting.on("error", reject);
      connecting.end();
    });
  }

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "hangar-egress-"));
    upstream = createServer((incoming, outgoing) => {
      upstreamHosts.push(incoming.headers.host ?? "");
      outgoing.end(`upstream saw ${incoming.url ?? ""}`);
    });
    await new Promise<void>((ready) => upstream.listen(0, "127.0.0.1", ready));
    upstreamPort = (upstream.address() as AddressInfo).port;
  });

  afterAll(async () => {
    upstream.closeAllConnections();
    await new Promise<void>((closed) => upstream.close(() => closed()));
    await rm(directory, { recursive: true, force: true });
  });

  beforeEach(() => {
    connects = [];
    lookups = [];
    events = [];
    upstreamHosts.length = 0;
  });

  it("tunnels CONNECT and forwards plain HTTP to an allowed name (loopback let through by the test-only setting)", async () => {
    const { socketPath, proxy } = await proxyOn("allowed", ["allowed.test"], true);
    try {
      const tunnelled = await tunnelRequest(socketPath, `allowed.test:${upstreamPort}`);
      expect(tunnelled.text).toBe("upstream saw /through-tunnel");
      const plain = await plainRequest(socketPath, `http://allowed.test:${upstreamPort}/plain?x=1`);
      expect(plain).toMatchObject({ status: 200, text: "upstream saw /plain?x=1" });
      expect(upstreamHosts).toEqual([`allowed.test:${upstreamPort}`, `allowed.test:${upstreamPort}`]);
      // Connected to the address it checked, not to the name.
      expect(connects).toEqual([`127.0.0.1:${upstreamPort}`, `127.0.0.1:${upstreamPort}`]);
      expect(events).toEqual([
        { name: "egress.allowed", data: { host: "allowed.test", port: upstreamPort, address: "127.0.0.1" } },
        { name: "egress.allowed", data: { host: "allowed.test", port: upstreamPort, address: "127.0.0.1" } },
      ]);
    } finally {
      await proxy.closeAll();
    }
  });

  it("serves http://credentials.hangar/<target>/<path> from the policy's credential handler, never through DNS", async () => {
    const seen: Array<Omit<CredentialRequest, "body"> & { body: string | undefined }> = [];
    const proxy = new EgressProxy({ resolve, connect });
    const withCredentials = join(directory, "credentials.sock");
    await proxy.listen(withCredentials, {
      allow: [],
      onEvent: (event) => events.push(event),
      forwardCredential: async (credential) => {
        let body: string | undefined;
        if (credential.body !== undefined) {
          const chunks: Buffer[] = [];
          for await (const chunk of credential.body) chunks.push(chunk as Buffer);
          body = Buffer.concat(chunks).toString("utf8");
        }
        seen.push({ ...credential, body });
        return {
          status: 201,
          headers: { "x-ratelimit-remaining": "42" },
          body: Readable.from(["from upstream"]),
        };
      },
    });
    const without = await proxyOn("no-credentials", ["credentials.hangar"], true);
    try {
      const answer = await plainRequest(
        withCredentials,
        "http://credentials.hangar/github/user/repos?per_page=2",
      );
      expect(answer).toMatchObject({ status: 201, text: "from upstream" });
      expect(answer.headers["x-ratelimit-remaining"]).toBe("42");
      expect(seen).toMatchObject([
        { target: "github", method: "GET", pathAndQuery: "/user/repos?per_page=2", body: undefined },
      ]);
      // The path reaches the credential proxy as sent (still encoded), for its own guard to judge.
      await plainRequest(withCredentials, "http://credentials.hangar/graph/v1.0/%2e%2e/me");
      expect(seen[1]).toMatchObject({ target: "graph", pathAndQuery: "/v1.0/%2e%2e/me" });
      expect((await plainRequest(withCredentials, "http://credentials.hangar/")).status).toBe(400);
      // CONNECT (TLS) to it is refused with how to call it instead; nothing is ever resolved or connected.
      const tunnelled = await tunnelRequest(withCredentials, "credentials.hangar:443");
      expect(tunnelled.status).toBe(400);
      expect(tunnelled.text).toContain("http://credentials.hangar/<target>/<path>");
      // A session without credentials gets a clear refusal, even with the name on its allow list.
      const refused = await plainRequest(without.socketPath, "http://credentials.hangar/github/user");
      expect(refused.status).toBe(403);
      expect(refused.text).toContain("started without credentials");
      expect(lookups).toEqual([]);
      expect(connects).toEqual([]);
      expect(events).toEqual([]);
    } finally {
      await proxy.closeAll();
      await without.proxy.closeAll();
    }
  });

  it("denies a name not on the allow list (and everything with an empty list) without resolving it", async () => {
    const { socketPath, proxy } = await proxyOn("listed", ["allowed.test"], true);
    const empty = await proxyOn("empty", [], true);
    try {
      const tunnelled = await tunnelRequest(socketPath, `other.test:443`);
      expect(tunnelled.status).toBe(403);
      expect(tunnelled.text).toContain("not in the egress allow list");
      const plain = await plainRequest(socketPath, `http://other.test:${upstreamPort}/`);
      expect(plain.status).toBe(403);
      const nothing = await tunnelRequest(empty.socketPath, `allowed.test:${upstreamPort}`);
      expect(nothing.status).toBe(403);
      expect(lookups).toEqual([]);
      expect(connects).toEqual([]);
      expect(events.map((event) => event.name)).toEqual(["egress.denied", "egress.denied", "egress.denied"]);
      expect(events[0]).toEqual({
        name: "egress.denied",
        data: { host: "other.test", port: 443, reason: "not in the egress allow list" },
      });
    } finally {
      await proxy.closeAll();
      await empty.proxy.closeAll();
    }
  });

  it("refuses allowed names that resolve to forbidden addresses, before any connection attempt", async () => {
    const names = Object.keys(zone).filter((name) => name !== "allowed.test");
    const { socketPath, proxy } = await proxyOn("rebinding", names, false);
    try {
      for (const name of names) {
        const tunnelled = await tunnelRequest(socketPath, `${name}:443`);
        expect(tunnelled.status, name).toBe(403);
        const plain = await plainRequest(socketPath, `http://${name}/`);
        expect(plain.status, name).toBe(403);
      }
      expect(connects).toEqual([]);
      const reasons = events.map((event) => (event.name === "egress.denied" ? event.data.reason : "allowed"));
      expect(reasons).toContain("10.0.0.1 is private");
      expect(reasons).toContain("127.0.0.1 is loopback");
      expect(reasons).toContain("169.254.169.254 is link-local (cloud metadata)");
      expect(reasons).toContain("::1 is loopback");
      expect(reasons).toContain("::ffff:127.0.0.1 is loopback (in IPv6 form)");
      expect(reasons).toContain("fd00:ec2::254 is private (unique local, cloud metadata)");
      expect(reasons).toContain("100.64.1.1 is carrier-grade NAT");
      // One bad address refuses the name, even beside a public one.
      expect(reasons).toContain("192.168.1.10 is private");
    } finally {
      await proxy.closeAll();
    }
  });

  it("refuses IP literals of forbidden ranges even when listed, and the test-only setting lets only loopback through", async () => {
    const literals = ["10.0.0.1", "169.254.169.254", "::ffff:169.254.169.254", "fe80::1", "0.0.0.0"];
    const { socketPath, proxy } = await proxyOn("literals", [...literals, "evil.test"], true);
    try {
      for (const literal of literals) {
        const target = literal.includes(":") ? `[${literal}]:80` : `${literal}:80`;
        const tunnelled = await tunnelRequest(socketPath, target);
        expect(tunnelled.status, literal).toBe(403);
      }
      const plain = await plainRequest(socketPath, "http://169.254.169.254/latest/meta-data/");
      expect(plain.status).toBe(403);
      expect(plain.text).toContain("link-local");
      // allow_loopback_for_tests is loopback only: a private address stays refused.
      expect((await tunnelRequest(socketPath, "evil.test:443")).status).toBe(403);
      expect(lookups).toEqual(["evil.test"]);
      expect(connects).toEqual([]);
    } finally {
      await proxy.closeAll();
    }
  });
});
