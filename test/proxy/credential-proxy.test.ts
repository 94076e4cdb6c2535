import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rawRequest, startProxyHarness, type ProxyHarness } from "./proxy-harness.js";

// The credential proxy end to end: Hangar's HTTP server, the proxy, and the GitHub and Graph
// fakes, all real servers on loopback.

let harness: ProxyHarness;

beforeAll(async () => {
  harness = await startProxyHarness();
});
afterAll(async () => {
  await harness?.close();
});

function call(
  path: string,
  options: {
    proxyId?: string;
    key?: string;
    method?: string;
    headers?: Record<string, string>;
    body?: RequestInit["body"];
  } = {},
): Promise<Response> {
  return fetch(`${harness.baseUrl}${path}`, {
    method: options.method ?? "GET",
    headers: {
      authorization: `Bearer ${options.key ?? harness.aliceKey}`,
      ...(options.proxyId === undefined ? {} : { "x-proxy-id": options.proxyId }),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: options.body, duplex: "half" }),
  });
}

async function errorCode(response: Response): Promise<string> {
  const body = (await response.json()) as { error: { code: string; message: string } };
  return body.error.code;
}

describe("forwarding", () => {
  it("injects the token upstream and never shows it to the caller or the logs", async () => {
    const before = harness.github.requests.length;
    const response = await call("/proxy/github/user", {
      proxyId: harness.grants.github,
      headers: {
        cookie: "session=abc",
        "x-forwarded-host": "evil.example",
        "proxy-authorization": "Basic eA==",
      },
    });
    const text = await response.text();
    expect(response.status).toBe(200);
    expect(JSON.parse(text)).toMatchObject({ login: "octocat" });
    const received = harness.github.requests.slice(before);
    expect(received).toHaveLength(1);
    expect(received[0]?.headers.authorization).toBe(`Bearer ${harness.github.token}`);
    expect(received[0]?.headers.cookie).toBeUndefined();
    expect(received[0]?.headers["x-forwarded-host"]).toBeUndefined();
    expect(received[0]?.headers["proxy-authorization"]).toBeUndefined();
    expect(received[0]?.headers["x-proxy-id"]).toBeUndefined();
    expect(JSON.stringify(received[0]?.headers)).not.toContain(harness.aliceKey);
    expect(text).not.toContain(harness.github.token);
    expect(JSON.stringify([...response.headers])).not.toContain(harness.github.token);
    expect(harness.logs.join("\n")).not.toContain(harness.github.token);
  });

  it("passes rate-limit headers and drops set-cookie", async () => {
    harness.github.extraHeaders = { "set-cookie": ["logged_in=yes; Path=/"], "x-internal-secret": "nope" };
    try {
      const response = await call("/proxy/github/user", { proxyId: harness.grants.github });
      await response.arrayBuffer();
      expect(response.headers.get("x-ratelimit-limit")).toBe("5000");
      expect(response.headers.get("x-ratelimit-remaining")).toMatch(/^\d+$/);
      expect(response.headers.get("x-github-request-id")).toMatch(/^F1X7:/);
      expect(response.headers.get("etag")).toMatch(/^W\//);
      expect(response.headers.get("set-cookie")).toBeNull();
      expect(response.headers.get("x-internal-secret")).toBeNull();
    } finally {
      harness.github.extraHeaders = {};
    }
  });

  it("rewrites pagination links to the proxy and the rewritten link works", async () => {
    const first = await call("/proxy/github/user/repos?per_page=3", { proxyId: harness.grants.github });
    expect(((await first.json()) as unknown[]).length).toBe(3);
    const link = first.headers.get("link") ?? "";
    expect(link).toContain('</proxy/github/user/repos?per_page=3&page=2>; rel="next"');
    expect(link).toContain('</proxy/github/user/repos?per_page=3&page=3>; rel="last"');
    expect(link).not.toContain(harness.github.url);
    const next = /<([^>]+)>; rel="next"/.exec(link)?.[1] ?? "";
    const second = await call(next, { proxyId: harness.grants.github });
    const names = ((await second.json()) as { name: string }[]).map((repo) => repo.name);
    expect(names).toEqual(["repo-4", "repo-5", "repo-6"]);
  });

  it("forwards a POST body byte for byte (the Coderunner bug)", async () => {
    const body = JSON.stringify({ body: 'Looks good \u2705 — with "quotes" and \\ backslashes' });
    const response = await call("/proxy/github/repos/octocat/repo-1/issues/1/comments", {
      proxyId: harness.grants.github,
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    expect(response.status).toBe(201);
    expect(((await response.json()) as { body: string }).body).toBe(
      (JSON.parse(body) as { body: string }).body,
    );
    const received = harness.github.requests.at(-1);
    expect(received?.body.toString("utf8")).toBe(body);
    expect(received?.headers["content-type"]).toBe("application/json");
  });

  it("streams a large body both ways intact", async () => {
    const payload = randomBytes(6 * 1024 * 1024);
    const chunks = [payload.subarray(0, 2_000_000), payload.subarray(2_000_000)];
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks.shift();
        if (chunk === undefined) controller.close();
        else controller.enqueue(new Uint8Array(chunk));
      },
    });
    const response = await call("/proxy/github/echo", {
      proxyId: harness.grants.github,
      method: "PUT",
      headers: { "content-type": "application/octet-stream" },
      body: stream,
    });
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(payload)).toBe(true);
  });

  it("speaks to Graph and to a bearer credential's own base URL", async () => {
    const me = await call("/proxy/graph/v1.0/me", { proxyId: harness.grants.graph });
    expect(((await me.json()) as { displayName: string }).displayName).toBe("Adele Vance");
    const mail = { message: { subject: "hi", toRecipients: [] }, saveToSentItems: false };
    const sent = await call("/proxy/graph/v1.0/me/sendMail", {
      proxyId: harness.grants.graph,
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(mail),
    });
    expect(sent.status).toBe(202);
    expect(harness.graph.sentMail.at(-1)).toEqual(mail);
    const viaBearer = await call("/proxy/files/me/messages?$top=2", { proxyId: harness.grants.bearer });
    const page = (await viaBearer.json()) as { value: unknown[] };
    expect(page.value).toHaveLength(2);
    expect(harness.graph.requests.at(-1)?.url).toBe("/v1.0/me/messages?$top=2");
    expect(harness.graph.requests.at(-1)?.headers.authorization).toBe(`Bearer ${harness.graph.token}`);
  });

  it("answers the upstream's own errors unchanged (status and body)", async () => {
    const response = await call("/proxy/github/repos/octocat/nope/pulls/1", {
      proxyId: harness.grants.github,
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ message: "Not Found" });
  });
});

describe("bodies and methods", () => {
  it("forwards a body sent without a Content-Type, an empty POST, and HEAD", async () => {
    const noType = await rawRequest(
      harness.port,
      `POST /proxy/github/echo HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${harness.aliceKey}\r\nx-proxy-id: ${harness.grants.github}\r\ncontent-length: 11`,
      "raw payload",
    );
    expect(noType.status).toBe(200);
    expect(noType.body).toBe("raw payload");
    const empty = await call("/proxy/github/echo", { proxyId: harness.grants.github, method: "POST" });
    expect(empty.status).toBe(200);
    expect(await empty.text()).toBe("");
    expect(harness.github.requests.at(-1)?.method).toBe("POST");
    const head = await call("/proxy/github/user", { proxyId: harness.grants.github, method: "HEAD" });
    expect(head.status).toBe(200);
    expect(harness.github.requests.at(-1)?.method).toBe("HEAD");
  });

  it("answers 502 PROXY_UPSTREAM_ERROR when the upstream is down, naming no address", async () => {
    const { grant } = await harness.credentials.add({
      owner: "alice",
      name: "down",
      kind: "bearer",
      token: "down-token-canary",
      baseUrl: "http://127.0.0.1:9/api",
    });
    const response = await call("/proxy/down/x", { proxyId: grant.id });
    expect(response.status).toBe(502);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ error: { code: "PROXY_UPSTREAM_ERROR" } });
    expect(text).not.toContain("127.0.0.1");
    expect(text).not.toContain("down-token-canary");
  });
});

describe("grant checks", () => {
  it("refuses a missing, unknown or other owner's proxy id alike", async () => {
    const missing = await call("/proxy/github/user");
    expect(missing.status).toBe(400);
    expect(await errorCode(missing)).toBe("PROXY_ID_MISSING");
    const unknown = await call("/proxy/github/user", { proxyId: "prx_doesnotexist" });
    const unknownBody = await unknown.text();
    const otherOwner = await call("/proxy/github/user", {
      proxyId: harness.grants.github,
      key: harness.bobKey,
    });
    const otherBody = await otherOwner.text();
    expect(unknown.status).toBe(404);
    expect(otherOwner.status).toBe(404);
    expect(otherBody).toBe(unknownBody);
    expect(JSON.parse(otherBody)).toMatchObject({ error: { code: "PROXY_GRANT_NOT_FOUND" } });
  });

  it("refuses a revoked, expired, wrong-target, wrong-path, wrong-method or wrong-session grant", async () => {
    const before = harness.github.requests.length;
    const revoked = await harness.credentials.createGrant({ owner: "alice", credential: "gh" });
    await harness.credentials.revokeGrant("alice", revoked.id);
    // The store refuses an expiry in the past, so this one lapses while the test waits.
    const expired = await harness.credentials.createGrant({
      owner: "alice",
      credential: "gh",
      expiresAt: Date.now() + 100,
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const narrow = await harness.credentials.createGrant({
      owner: "alice",
      credential: "gh",
      allowedPathPrefixes: ["/repos/octocat"],
      allowedMethods: ["GET"],
    });
    const bound = await harness.credentials.createGrant({
      owner: "alice",
      credential: "gh",
      sessionId: "ses_1",
    });
    const cases: [string, Response][] = [
      ["PROXY_GRANT_REVOKED", await call("/proxy/github/user", { proxyId: revoked.id })],
      ["PROXY_GRANT_EXPIRED", await call("/proxy/github/user", { proxyId: expired.id })],
      ["PROXY_TARGET_MISMATCH", await call("/proxy/graph/v1.0/me", { proxyId: harness.grants.github })],
      ["PROXY_TARGET_MISMATCH", await call("/proxy/files/me", { proxyId: harness.grants.github })],
      ["PROXY_PATH_NOT_ALLOWED", await call("/proxy/github/user", { proxyId: narrow.id })],
      [
        "PROXY_PATH_NOT_ALLOWED",
        await call("/proxy/github/repos/octocat-evil/x/issues", { proxyId: narrow.id }),
      ],
      [
        "PROXY_METHOD_NOT_ALLOWED",
        await call("/proxy/github/repos/octocat/repo-1/issues/1/comments", {
          proxyId: narrow.id,
          method: "POST",
          headers: { "content-type": "application/json" },
          body: "{}",
        }),
      ],
      ["PROXY_SESSION_MISMATCH", await call("/proxy/github/user", { proxyId: bound.id })],
    ];
    for (const [code, response] of cases) {
      expect(response.status, code).toBe(403);
      expect(await errorCode(response)).toBe(code);
    }
    expect(harness.github.requests.length).toBe(before);
    const allowed = await call("/proxy/github/repos/octocat/repo-1/issues", { proxyId: narrow.id });
    expect(allowed.status).toBe(200);
  });
});

describe("limits", () => {
  let limited: ProxyHarness;
  beforeAll(async () => {
    limited = await startProxyHarness({ maxRequestBytes: 1000, maxResponseBytes: 2000, timeoutMs: 400 });
  });
  afterAll(async () => {
    await limited?.close();
  });

  function limitedCall(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${limited.baseUrl}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${limited.aliceKey}`,
        "x-proxy-id": limited.grants.github,
        ...(init.headers as Record<string, string> | undefined),
      },
    });
  }

  it("refuses a request body past max_request_bytes with 413, declared or streamed", async () => {
    const declared = await limitedCall("/proxy/github/echo", { method: "POST", body: "x".repeat(1001) });
    expect(declared.status).toBe(413);
    expect(await errorCode(declared)).toBe("PAYLOAD_TOO_LARGE");
    const atLimit = await limitedCall("/proxy/github/echo", { method: "POST", body: "y".repeat(1000) });
    expect(await atLimit.text()).toBe("y".repeat(1000));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let index = 0; index < 5; index += 1) controller.enqueue(new Uint8Array(400));
        controller.close();
      },
    });
    const streamed = await limitedCall("/proxy/github/echo", {
      method: "POST",
      body: stream,
      duplex: "half",
    });
    expect(streamed.status).toBe(413);
  });

  it("gives up on an upstream that stays silent past timeout_seconds", async () => {
    limited.github.slowMs = 3000;
    const response = await limitedCall("/proxy/github/slow");
    expect(response.status).toBe(504);
    expect(await errorCode(response)).toBe("PROXY_UPSTREAM_TIMEOUT");
  });

  it("refuses a declared answer past max_response_bytes and cuts a streamed one", async () => {
    const declared = await limitedCall("/proxy/github/user/repos?per_page=100");
    expect(declared.status).toBe(502);
    expect(await errorCode(declared)).toBe("PROXY_RESPONSE_TOO_LARGE");
    limited.github.largeBytes = 200_000;
    const response = await limitedCall("/proxy/github/large");
    if (response.status === 200) {
      // The status went out before the limit was reached: the body must end in an error, never look complete.
      await expect(response.arrayBuffer()).rejects.toThrow();
    } else {
      expect(response.status).toBe(502);
      expect(await errorCode(response)).toBe("PROXY_RESPONSE_TOO_LARGE");
    }
  });

  it("refuses a redirect to another host and rewrites one on the upstream", async () => {
    const elsewhere = await limitedCall("/proxy/github/redirect-elsewhere");
    expect(elsewhere.status).toBe(502);
    expect(await errorCode(elsewhere)).toBe("PROXY_REDIRECT_REFUSED");
    const same = await rawRequest(
      limited.port,
      `GET /proxy/github/redirect-same-host HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${limited.aliceKey}\r\nx-proxy-id: ${limited.grants.github}`,
    );
    expect(same.status).toBe(302);
    expect(same.headers.location).toBe("/proxy/github/user");
    expect(limited.canaryConnections()).toBe(0);
  });
});

describe("owner-chosen bearer upstreams", () => {
  let strict: ProxyHarness;
  beforeAll(async () => {
    strict = await startProxyHarness({ allowPrivateUpstreams: false });
  });
  afterAll(async () => {
    await strict?.close();
  });

  it("refuses loopback and private base URLs unless [proxy] allow_private_upstreams, literal or by name", async () => {
    const targets = [
      ["files", strict.grants.bearer],
      ...(await Promise.all(
        [
          `http://localhost:${strict.canaryPort}/api`,
          `http://[::ffff:127.0.0.1]:${strict.canaryPort}/api`,
          `http://[::1]:${strict.canaryPort}/api`,
          `http://127.1:${strict.canaryPort}/api`,
        ].map(async (baseUrl, index) => {
          const name = `internal-${index}`;
          const { grant } = await strict.credentials.add({
            owner: "alice",
            name,
            kind: "bearer",
            token: "t",
            baseUrl,
          });
          return [name, grant.id];
        }),
      )),
    ];
    for (const [name, grant] of targets) {
      const response = await fetch(`${strict.baseUrl}/proxy/${name}/me`, {
        headers: { authorization: `Bearer ${strict.aliceKey}`, "x-proxy-id": grant ?? "" },
      });
      expect(response.status, name).toBe(403);
      expect(await errorCode(response)).toBe("PROXY_PRIVATE_UPSTREAM");
    }
    expect(strict.canaryConnections()).toBe(0);
    // The configured upstreams are the operator's choice and stay reachable.
    const github = await fetch(`${strict.baseUrl}/proxy/github/user`, {
      headers: { authorization: `Bearer ${strict.aliceKey}`, "x-proxy-id": strict.grants.github },
    });
    expect(github.status).toBe(200);
  });
});
