import SwaggerParser from "@apidevtools/swagger-parser";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import type { FastifyInstance } from "fastify";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCredentials, type CredentialServices } from "../../src/app/create-credentials.js";
import { configSchema } from "../../src/config/config-schema.js";
import { createServer } from "../../src/server/create-server.js";
import { createStore, type Store } from "../../src/store/create-store.js";
import { FakeRunService } from "../fixtures/fake-run-service.js";
import { testHealth } from "../server/test-server.js";

/**
 * `/credentials` and `/proxy-ids` on a real Fastify server on 127.0.0.1 over a
 * real SQLite store, logging everything at trace level into memory: the token
 * must appear in no response and no log line; owners see only their own.
 */
const aliceKey = "alice-key-0123456789abcdef";
const bobKey = "bob-key-0123456789abcdef00";
const canary = `ghp_CANARY${randomBytes(12).toString("hex")}`;

let directory: string;
let store: Store;
let credentials: CredentialServices;
let server: FastifyInstance;
let url: string;
const logLines: string[] = [];
const responses: string[] = [];

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), "hangar-credentials-routes-"));
  const config = configSchema.parse({
    data_dir: directory,
    server: {
      api_keys: [
        { key: aliceKey, owner: "alice" },
        { key: bobKey, owner: "bob" },
      ],
    },
  });
  store = createStore(directory);
  const logger = pino(
    { level: "trace" },
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    }),
  );
  credentials = await createCredentials({ config, store, logger, environment: {} });
  server = await createServer({
    runService: new FakeRunService(),
    config,
    logger,
    version: "9.9.9-test",
    health: () => testHealth,
    credentials: credentials.service,
  });
  await server.listen({ host: "127.0.0.1", port: 0 });
  const address = server.server.address();
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  url = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  const closing = server?.close();
  server?.server.closeAllConnections();
  await closing;
  await credentials?.close();
  store?.close();
  await rm(directory, { recursive: true, force: true });
});

/** The fields of the answers this test reads (each answer has some of them). */
interface Answer {
  error: { code: string; message: string; field?: string };
  credentials: Array<{ id: string; name: string }>;
  proxy_ids: Array<{ id: string; revoked_at: string | null }>;
  paths: Record<string, unknown>;
  components: { schemas: Record<string, unknown> };
  id: string;
  proxy_id: string;
  expires_at: string;
}

async function call(method: string, path: string, key: string | undefined, body?: unknown) {
  const headers: Record<string, string> = {};
  if (key !== undefined) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(`${url}${path}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  responses.push(text, JSON.stringify([...response.headers]));
  return {
    status: response.status,
    body: text === "" ? undefined : (JSON.parse(text) as Answer),
  };
}

describe("/credentials", () => {
  let proxyId: string;

  it("adds a credential (201) with its first proxy id and no token in the answer", async () => {
    const added = await call("POST", "/credentials", aliceKey, {
      name: "gh-ci",
      kind: "github",
      token: canary,
    });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      credential: {
        id: expect.stringMatching(/^cred_/) as unknown,
        name: "gh-ci",
        kind: "github",
        base_url: null,
        created_at: expect.any(String) as unknown,
      },
      proxy_id: expect.stringMatching(/^prx_[0-9a-z]{16}$/) as unknown,
    });
    proxyId = added.body!.proxy_id;
    // The token is stored: the in-process service (the proxy's path) gets it back.
    expect((await credentials.service.resolveGrant(proxyId))?.token).toBe(canary);
  });

  it("lists and gets the caller's credentials; 409 for a name taken", async () => {
    const listed = await call("GET", "/credentials", aliceKey);
    expect(listed.status).toBe(200);
    expect(listed.body!.credentials.map((credential: { name: string }) => credential.name)).toEqual([
      "gh-ci",
    ]);
    const one = await call("GET", "/credentials/gh-ci", aliceKey);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ name: "gh-ci", kind: "github" });
    const again = await call("POST", "/credentials", aliceKey, {
      name: "gh-ci",
      kind: "github",
      token: "other",
    });
    expect(again.status).toBe(409);
    expect(again.body!.error).toMatchObject({ code: "CONFLICT", field: "name" });
  });

  it("creates limited proxy ids and lists them", async () => {
    const created = await call("POST", "/credentials/gh-ci/proxy-ids", aliceKey, {
      expires_in_seconds: 3600,
      path_prefixes: ["/repos/acme/"],
      methods: ["get"],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      path_prefixes: ["/repos/acme/"],
      methods: ["GET"],
      revoked_at: null,
    });
    expect(Date.parse(created.body!.expires_at)).toBeGreaterThan(Date.now());
    const listed = await call("GET", "/credentials/gh-ci/proxy-ids", aliceKey);
    expect(listed.body!.proxy_ids.map((grant: { id: string }) => grant.id)).toEqual([
      proxyId,
      created.body!.id,
    ]);
  });

  it("answers 404 to another owner for every route, and changes nothing", async () => {
    const credentialId = (await call("GET", "/credentials/gh-ci", aliceKey)).body!.id;
    for (const [method, path, body] of [
      ["GET", "/credentials/gh-ci", undefined],
      ["GET", `/credentials/${credentialId}`, undefined],
      ["DELETE", "/credentials/gh-ci", undefined],
      ["DELETE", `/credentials/${credentialId}`, undefined],
      ["POST", "/credentials/gh-ci/proxy-ids", {}],
      ["GET", "/credentials/gh-ci/proxy-ids", undefined],
      ["DELETE", `/proxy-ids/${proxyId}`, undefined],
    ] as const) {
      const answer = await call(method, path, bobKey, body);
      expect({ path, method, status: answer.status }).toEqual({ path, method, status: 404 });
      expect(answer.body!.error.code).toBe("NOT_FOUND");
    }
    expect((await call("GET", "/credentials", bobKey)).body).toEqual({ credentials: [] });
    expect((await credentials.service.resolveGrant(proxyId))?.grant.revokedAt).toBeUndefined();
    expect(await credentials.service.get("alice", "gh-ci")).toBeDefined();
  });

  it("needs an API key", async () => {
    expect((await call("GET", "/credentials", undefined)).status).toBe(401);
    expect(
      (await call("POST", "/credentials", undefined, { name: "x", kind: "github", token: canary })).status,
    ).toBe(401);
  });

  it("answers 400 naming the field for bad input", async () => {
    const cases: Array<[unknown, string]> = [
      [{ kind: "github", token: "t" }, "name"],
      [{ name: "bad name", kind: "github", token: "t" }, "name"],
      [{ name: "ok", kind: "ftp", token: "t" }, "kind"],
      [{ name: "ok", kind: "github" }, "token"],
      [{ name: "ok", kind: "github", token: "" }, "token"],
      [{ name: "ok", kind: "github", token: 42 }, "token"],
      [{ name: "ok", kind: "github", token: "x".repeat(16 * 1024 + 1) }, "token"],
      [{ name: "ok", kind: "github", token: `${canary}\r\nX-Injected: 1` }, "token"],
      [{ name: "ok", kind: "github", token: "t", base_url: "https://api.github.com" }, "base_url"],
      [{ name: "ok", kind: "bearer", token: "t" }, "base_url"],
      [{ name: "ok", kind: "bearer", token: "t", base_url: "https://u:p@api.example.com" }, "base_url"],
      [{ name: "ok", kind: "bearer", token: "t", base_url: "https://api.example.com/?x=1" }, "base_url"],
      [{ name: "ok", kind: "bearer", token: "t", base_url: "gopher://api.example.com" }, "base_url"],
    ];
    for (const [body, field] of cases) {
      const answer = await call("POST", "/credentials", aliceKey, body);
      expect({
        body,
        status: answer.status,
        code: answer.body!.error.code,
        field: answer.body!.error.field,
      }).toEqual({
        body,
        status: 400,
        code: "VALIDATION_FAILED",
        field,
      });
    }
    const unknownField = await call("POST", "/credentials", aliceKey, {
      name: "ok",
      kind: "github",
      token: "t",
      tokne: "t",
    });
    expect(unknownField.status).toBe(400);
    const grantCases: Array<[unknown, string]> = [
      [{ expires_in_seconds: 0 }, "expires_in_seconds"],
      [{ expires_in_seconds: "soon" }, "expires_in_seconds"],
      [{ path_prefixes: ["repos/"] }, "path_prefixes[0]"],
      [{ path_prefixes: ["/a/../b"] }, "path_prefixes[0]"],
      [{ methods: ["TRACE"] }, "methods[0]"],
    ];
    for (const [body, field] of grantCases) {
      const answer = await call("POST", "/credentials/gh-ci/proxy-ids", aliceKey, body);
      expect({ body, status: answer.status, field: answer.body!.error.field }).toEqual({
        body,
        status: 400,
        field,
      });
    }
    const broken = await call(
      "POST",
      "/credentials",
      aliceKey,
      `{"name":"ok","kind":"github","token":"${canary}"`,
    );
    expect(broken.status).toBe(400);
    expect((await call("GET", "/credentials", aliceKey)).body!.credentials).toHaveLength(1);
  });

  it("revokes a proxy id (204), then removes the credential with its proxy ids", async () => {
    expect((await call("DELETE", `/proxy-ids/${proxyId}`, aliceKey)).status).toBe(204);
    expect((await credentials.service.resolveGrant(proxyId))?.grant.revokedAt).toBeDefined();
    const listed = await call("GET", "/credentials/gh-ci/proxy-ids", aliceKey);
    expect(listed.body!.proxy_ids[0]?.revoked_at).toEqual(expect.any(String));
    expect((await call("DELETE", "/proxy-ids/prx_0000000000000000", aliceKey)).status).toBe(404);
    expect((await call("DELETE", "/credentials/gh-ci", aliceKey)).status).toBe(204);
    expect((await call("GET", "/credentials/gh-ci", aliceKey)).status).toBe(404);
    expect(await credentials.service.resolveGrant(proxyId)).toBeUndefined();
  });

  it("documents the routes in the OpenAPI document", async () => {
    const document = await call("GET", "/api/openapi.json", undefined);
    expect(Object.keys(document.body!.paths as object)).toEqual(
      expect.arrayContaining([
        "/credentials",
        "/credentials/{name}",
        "/credentials/{name}/proxy-ids",
        "/proxy-ids/{id}",
      ]),
    );
    expect(JSON.stringify(document.body!.components.schemas.Credential)).not.toContain("token");
    await expect(SwaggerParser.validate(structuredClone(document.body) as never)).resolves.toBeDefined();
  });

  it("never put the token in a response or a log line", () => {
    expect(logLines.length).toBeGreaterThan(10);
    // The logs saw the requests (so the check below looked at something).
    expect(logLines.join("").includes("/credentials")).toBe(true);
    for (const text of [...responses, ...logLines]) expect(text.includes(canary)).toBe(false);
  });
});
