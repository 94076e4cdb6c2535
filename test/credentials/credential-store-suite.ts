import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HangarError } from "../../src/core/errors.js";
import type { CredentialRecords } from "../../src/credentials/credential-records.js";
import { CredentialService } from "../../src/credentials/credential-service.js";
import { generateSecretKey } from "../../src/credentials/secret-key.js";
import { sealToken } from "../../src/credentials/token-cipher.js";

/** What a store suite runs against: fresh, empty records, and how to dispose of them. */
export interface RecordsFixture {
  records: CredentialRecords;
  dispose(): Promise<void>;
}

async function failure(promise: Promise<unknown>): Promise<HangarError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HangarError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

/**
 * The credential store's contract, run through the service against any
 * records adapter (SQLite, Redis): the same tests, so the adapters agree.
 */
export function describeCredentialStore(adapter: string, open: () => Promise<RecordsFixture>): void {
  describe(`credential store on ${adapter}`, () => {
    let fixture: RecordsFixture;
    let service: CredentialService;
    let now = 1_800_000_000_000;
    const key = generateSecretKey("test");

    beforeAll(async () => {
      fixture = await open();
      service = new CredentialService({
        records: fixture.records,
        key,
        keyHint: "/data/secret.key",
        now: () => now,
      });
    });
    afterAll(async () => {
      await fixture?.dispose();
    });

    it("adds a credential with its first proxy id, and finds it by name and id, for its owner only", async () => {
      const { credential, grant } = await service.add({
        owner: "alice",
        name: "gh-ci",
        kind: "github",
        token: "ghp_alicetoken",
      });
      expect(credential).toMatchObject({ owner: "alice", name: "gh-ci", kind: "github", createdAt: now });
      expect(credential.id).toMatch(/^cred_[0-9a-z]{16}$/);
      expect(grant).toMatchObject({
        credentialId: credential.id,
        owner: "alice",
        allowedPathPrefixes: [],
        allowedMethods: [],
      });
      expect(grant.id).toMatch(/^prx_[0-9a-z]{16}$/);
      expect(credential).not.toHaveProperty("token");
      expect(await service.get("alice", "gh-ci")).toEqual(credential);
      expect(await service.get("alice", credential.id)).toEqual(credential);
      expect(await service.get("bob", "gh-ci")).toBeUndefined();
      expect(await service.get("bob", credential.id)).toBeUndefined();
      expect(await service.tokenFor("alice", "gh-ci")).toBe("ghp_alicetoken");
      expect(await service.tokenFor("bob", credential.id)).toBeUndefined();
      const resolved = await service.resolveGrant(grant.id);
      expect(resolved).toEqual({ grant, credential, token: "ghp_alicetoken" });
    });

    it("keeps names unique per owner, not across owners", async () => {
      const conflict = await failure(
        service.add({ owner: "alice", name: "gh-ci", kind: "graph", token: "x" }),
      );
      expect(conflict).toMatchObject({ code: "CONFLICT", field: "name" });
      const bobs = await service.add({ owner: "bob", name: "gh-ci", kind: "github", token: "ghp_bobtoken" });
      expect(await service.tokenFor("bob", "gh-ci")).toBe("ghp_bobtoken");
      expect(await service.tokenFor("alice", "gh-ci")).toBe("ghp_alicetoken");
      expect((await service.list("bob")).map((credential) => credential.id)).toEqual([bobs.credential.id]);
    });

    it("lets exactly one of many concurrent adds of one name win", async () => {
      const attempts = await Promise.allSettled(
        Array.from({ length: 20 }, (_, index) =>
          service.add({
            owner: "carol",
            name: "race",
            kind: "bearer",
            token: `t${index}`,
            baseUrl: "https://api.example.com",
          }),
        ),
      );
      const won = attempts.filter((attempt) => attempt.status === "fulfilled");
      expect(won).toHaveLength(1);
      for (const attempt of attempts) {
        if (attempt.status === "rejected") expect(attempt.reason).toMatchObject({ code: "CONFLICT" });
      }
      expect(await service.list("carol")).toHaveLength(1);
      expect(await service.listGrants("carol")).toHaveLength(1);
    });

    it("lists an owner's credentials by name, with the bearer base URL in one spelling", async () => {
      await service.add({ owner: "dave", name: "zeta", kind: "graph", token: "graphtoken" });
      const bearer = await service.add({
        owner: "dave",
        name: "alpha",
        kind: "bearer",
        token: "sk-1",
        baseUrl: "https://API.example.com/v2/",
      });
      expect(bearer.credential.baseUrl).toBe("https://api.example.com/v2");
      expect((await service.list("dave")).map((credential) => credential.name)).toEqual(["alpha", "zeta"]);
      expect(await service.list("nobody")).toEqual([]);
    });

    it("creates limited proxy ids, lists them oldest first, and refuses another owner's credential", async () => {
      now += 1000;
      const grant = await service.createGrant({
        owner: "alice",
        credential: "gh-ci",
        expiresAt: now + 3_600_000,
        allowedPathPrefixes: ["/repos/acme/", "/repos/acme/"],
        allowedMethods: ["get", "POST"],
        sessionId: "session-1",
      });
      expect(grant).toMatchObject({
        owner: "alice",
        expiresAt: now + 3_600_000,
        allowedPathPrefixes: ["/repos/acme/"],
        allowedMethods: ["GET", "POST"],
        sessionId: "session-1",
        createdAt: now,
      });
      const grants = await service.listGrants("alice", "gh-ci");
      expect(grants).toHaveLength(2);
      expect(grants[1]).toEqual(grant);
      expect((await service.resolveGrant(grant.id))?.grant).toEqual(grant);
      expect(
        await failure(
          service.createGrant({ owner: "bob", credential: (await service.get("alice", "gh-ci"))!.id }),
        ),
      ).toMatchObject({
        code: "NOT_FOUND",
      });
      expect(await failure(service.listGrants("eve", "gh-ci"))).toMatchObject({ code: "NOT_FOUND" });
      expect((await service.listGrants("bob")).every((each) => each.owner === "bob")).toBe(true);
    });

    it("revokes a grant of its owner only, keeping it with the first revocation time", async () => {
      const { grant } = await service.add({
        owner: "erin",
        name: "revoke-me",
        kind: "github",
        token: "ghp_erin",
      });
      expect(await service.revokeGrant("mallory", grant.id)).toBe(false);
      expect((await service.resolveGrant(grant.id))?.grant.revokedAt).toBeUndefined();
      now += 1000;
      const revokedAt = now;
      expect(await service.revokeGrant("erin", grant.id)).toBe(true);
      now += 1000;
      expect(await service.revokeGrant("erin", grant.id)).toBe(true);
      const resolved = await service.resolveGrant(grant.id);
      expect(resolved?.grant.revokedAt).toBe(revokedAt);
      expect(await service.revokeGrant("erin", "prx_doesnotexist0000")).toBe(false);
      expect(await service.revokeGrant("erin", "not a grant id")).toBe(false);
    });

    it("removes a credential with every grant of it; the name is free again", async () => {
      const { credential, grant } = await service.add({
        owner: "frank",
        name: "temp",
        kind: "graph",
        token: "g1",
      });
      const second = await service.createGrant({ owner: "frank", credential: "temp" });
      expect(await service.remove("mallory", "temp")).toBe(false);
      expect(await service.remove("frank", credential.id)).toBe(true);
      expect(await service.remove("frank", "temp")).toBe(false);
      expect(await service.resolveGrant(grant.id)).toBeUndefined();
      expect(await service.resolveGrant(second.id)).toBeUndefined();
      expect(await service.listGrants("frank")).toEqual([]);
      expect(await service.get("frank", "temp")).toBeUndefined();
      expect(await failure(service.createGrant({ owner: "frank", credential: credential.id }))).toMatchObject(
        { code: "NOT_FOUND" },
      );
      const again = await service.add({ owner: "frank", name: "temp", kind: "graph", token: "g2" });
      expect(await service.tokenFor("frank", "temp")).toBe("g2");
      expect(again.credential.id).not.toBe(credential.id);
    });

    it("answers undefined for ids that are not grants, without a lookup shaped by them", async () => {
      for (const id of [
        "",
        "prx_",
        "prx_../../etc",
        "cred_0123456789abcdef",
        "prx_0123456789abcdeg",
        "prx_0123456789abcdef",
      ]) {
        expect(await service.resolveGrant(id)).toBeUndefined();
      }
    });

    it("replaces ciphertexts only where the key id is still the expected one", async () => {
      const record = (await fixture.records.find("alice", "gh-ci"))!;
      const other = generateSecretKey("other");
      const sealed = sealToken(other, "ghp_alicetoken", record.id);
      const stale = {
        id: record.id,
        previousKeyId: "k_notthekey00",
        keyId: sealed.keyId,
        ciphertext: sealed.ciphertext,
      };
      expect(await fixture.records.replaceCiphertexts([stale])).toBe(0);
      expect((await fixture.records.findById(record.id))?.keyId).toBe(key.id);
      const current = { ...stale, previousKeyId: key.id };
      expect(await fixture.records.replaceCiphertexts([current])).toBe(1);
      const replaced = (await fixture.records.findById(record.id))!;
      expect(replaced.keyId).toBe(other.id);
      expect(replaced.ciphertext.equals(sealed.ciphertext)).toBe(true);
      // The service's key no longer opens it, and says so by name.
      const error = await failure(service.tokenFor("alice", "gh-ci"));
      expect(error.message).toContain(
        `credential 'gh-ci' was encrypted with key ${other.id}, but the current key is ${key.id}`,
      );
      expect(error.message).toContain("/data/secret.key");
      // Put it back for the rest of the suite.
      const back = sealToken(key, "ghp_alicetoken", record.id);
      await fixture.records.replaceCiphertexts([
        { id: record.id, previousKeyId: other.id, keyId: key.id, ciphertext: back.ciphertext },
      ]);
      expect(await service.tokenFor("alice", "gh-ci")).toBe("ghp_alicetoken");
      expect((await fixture.records.listAll()).length).toBeGreaterThanOrEqual(5);
    });

    it("refuses bad names, kinds, tokens, base URLs, prefixes, methods and expiries, naming the field", async () => {
      const add = (input: Partial<Parameters<CredentialService["add"]>[0]>) =>
        failure(service.add({ owner: "gina", name: "ok", kind: "github", token: "t", ...input }));
      const cases: Array<[Promise<HangarError>, string]> = [
        [add({ name: "" }), "name"],
        [add({ name: "-dash" }), "name"],
        [add({ name: "a/b" }), "name"],
        [add({ name: "x".repeat(65) }), "name"],
        // The fixed upstreams' routes would shadow `/proxy/github/…` for a bearer credential of that name.
        [add({ name: "github", kind: "bearer", baseUrl: "https://api.example.com" }), "name"],
        [add({ name: "Graph" }), "name"],
        [add({ kind: "ftp" as never }), "kind"],
        [add({ token: "" }), "token"],
        [add({ token: "abc\r\nX-Evil: 1" }), "token"],
        [add({ token: "has space" }), "token"],
        [add({ token: "x".repeat(16 * 1024 + 1) }), "token"],
        [add({ baseUrl: "https://api.github.com" }), "base_url"],
        [add({ kind: "graph", baseUrl: "https://graph.microsoft.com" }), "base_url"],
        [add({ kind: "bearer" }), "base_url"],
        [add({ kind: "bearer", baseUrl: "ftp://files.example.com" }), "base_url"],
        [add({ kind: "bearer", baseUrl: "file:///etc/passwd" }), "base_url"],
        [add({ kind: "bearer", baseUrl: "https://user:pw@api.example.com" }), "base_url"],
        [add({ kind: "bearer", baseUrl: "https://@api.example.com" }), "base_url"],
        [add({ kind: "bearer", baseUrl: "https://api.example.com/?a=1" }), "base_url"],
        [add({ kind: "bearer", baseUrl: "https://api.example.com/?" }), "base_url"],
        [add({ kind: "bearer", baseUrl: "https://api.example.com/#x" }), "base_url"],
        [add({ kind: "bearer", baseUrl: "https://api.example.com\\@evil.example" }), "base_url"],
        [add({ kind: "bearer", baseUrl: "https://api.example.com/\r\nHost: x" }), "base_url"],
        [add({ kind: "bearer", baseUrl: "not a url" }), "base_url"],
        [add({ kind: "bearer", baseUrl: `https://example.com/${"a".repeat(2048)}` }), "base_url"],
      ];
      const grant = (input: Partial<Parameters<CredentialService["createGrant"]>[0]>) =>
        failure(service.createGrant({ owner: "alice", credential: "gh-ci", ...input }));
      cases.push(
        [grant({ allowedPathPrefixes: ["repos/"] }), "path_prefixes[0]"],
        [grant({ allowedPathPrefixes: ["/ok/", "/repos/../admin"] }), "path_prefixes[1]"],
        [grant({ allowedPathPrefixes: ["//evil.example/"] }), "path_prefixes[0]"],
        [grant({ allowedPathPrefixes: ["/a\\b"] }), "path_prefixes[0]"],
        [grant({ allowedPathPrefixes: ["/%2e%2e/"] }), "path_prefixes[0]"],
        [grant({ allowedPathPrefixes: ["/a\nb"] }), "path_prefixes[0]"],
        [grant({ allowedPathPrefixes: [`/${"a".repeat(512)}`] }), "path_prefixes[0]"],
        [
          grant({ allowedPathPrefixes: Array.from({ length: 33 }, (_, index) => `/p${index}/`) }),
          "path_prefixes",
        ],
        [grant({ allowedMethods: ["GET", "TRACE"] }), "methods[1]"],
        [grant({ allowedMethods: ["CONNECT"] }), "methods[0]"],
        [grant({ expiresAt: now }), "expires_in_seconds"],
        [grant({ expiresAt: now - 1 }), "expires_in_seconds"],
        [grant({ sessionId: "../x" }), "session_id"],
      );
      for (const [promise, field] of cases) {
        const error = await promise;
        expect({ field: error.field, code: error.code }).toEqual({ field, code: "VALIDATION_FAILED" });
      }
      expect(await service.list("gina")).toEqual([]);
    });
  });
}
