import { describe, expect, it } from "vitest";
import { requireBubblewrap, useHarness } from "../fixtures/hangar-harness.js";
import { sandboxClient, type SandboxWire } from "./sandboxes-client.js";

/**
 * The sandbox endpoints over HTTP against a real Hangar (composition root,
 * bubblewrap, SQLite), with two API keys so ownership is enforced for real.
 */
const aliceKey = "alice-sandboxes-key-0123456789";
const bobKey = "bob-sandboxes-key-0123456789ab";

interface Page {
  sandboxes: SandboxWire[];
  next_cursor: string | null;
}

describe.skipIf(!requireBubblewrap())("sandbox endpoints over HTTP", () => {
  const hangar = useHarness({
    config: {
      sandbox: { pool_size: 0 },
      server: {
        api_keys: [
          { key: aliceKey, owner: "alice" },
          { key: bobKey, owner: "bob" },
        ],
      },
    },
  });
  const alice = sandboxClient(hangar, aliceKey);
  const bob = sandboxClient(hangar, bobKey);

  it("ensure is idempotent under 20 concurrent calls: exactly one sandbox", async () => {
    const before = hangar().app.provider.activeCount;
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => alice.ensure("user-1", "project-1")),
    );
    for (const response of responses) expect(response.status, JSON.stringify(response.body)).toBe(200);
    const ids = new Set(responses.map((response) => response.body.sandbox.id));
    expect(ids.size).toBe(1);
    expect(responses.filter((response) => response.body.created)).toHaveLength(1);
    expect(hangar().app.provider.activeCount - before).toBe(1);
    const [sandbox] = responses.map((response) => response.body.sandbox);
    expect(sandbox).toMatchObject({
      provider: "bwrap",
      image: null,
      owner: "alice",
      user_id: "user-1",
      project_id: "project-1",
      status: "live",
      gone_reason: null,
    });
    expect(Date.parse(sandbox!.expires_at!)).toBeGreaterThan(Date.now());
    const again = await alice.ensure("user-1", "project-1");
    expect(again.body).toMatchObject({ created: false, sandbox: { id: sandbox!.id } });
  });

  it("lists with pagination and counts by provider and status", async () => {
    const created: string[] = [];
    for (let index = 0; index < 5; index++) {
      created.push((await bob.ensure("pager", `page-${index}`)).body.sandbox.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor === null ? "" : `&cursor=${encodeURIComponent(cursor)}`;
      const page = await bob.request<Page>("GET", `/sandboxes?limit=2${query}`);
      expect(page.status).toBe(200);
      expect(page.body.sandboxes.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.sandboxes.map((sandbox) => sandbox.id));
      cursor = page.body.next_cursor;
      pages += 1;
    } while (cursor !== null);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual([...created].sort());

    await bob.request("DELETE", `/sandboxes/${created[0]}`);
    const count = await bob.request("GET", "/sandboxes/count");
    expect(count.body).toEqual({
      total: 4,
      live: 4,
      groups: [{ provider: "bwrap", status: "live", count: 4 }],
    });
    expect((await bob.request<Page>("GET", "/sandboxes")).body.sandboxes).toHaveLength(4);
  });

  it("answers the RCoder paths with the same bodies", async () => {
    const ensured = await bob.request<{ sandbox: SandboxWire; created: boolean }>(
      "POST",
      "/computer/pod/ensure",
      {
        user_id: "rcoder",
        project_id: "pod-1",
      },
    );
    expect(ensured.status).toBe(200);
    expect(ensured.body.created).toBe(true);
    const count = await bob.request<{ live: number }>("GET", "/computer/pod/count");
    expect(count.body).toEqual((await bob.request("GET", "/sandboxes/count")).body);
    const list = await bob.request<Page>("GET", "/computer/pod/list?limit=1");
    expect(list.status).toBe(200);
    expect(list.body.sandboxes).toHaveLength(1);
    expect(list.body.sandboxes[0]?.id).toBe(ensured.body.sandbox.id);
    expect(list.body.next_cursor).not.toBeNull();
  });

  it("answers 404 for another owner's sandbox, whatever the operation", async () => {
    const { sandbox } = (await alice.ensure("user-1", "project-1")).body;
    for (const [method, path] of [
      ["GET", `/sandboxes/${sandbox.id}`],
      ["DELETE", `/sandboxes/${sandbox.id}`],
      ["GET", `/sandboxes/${sandbox.id}/files`],
      ["GET", `/sandboxes/${sandbox.id}/files/content?path=a.txt`],
    ] as const) {
      const response = await bob.request(method, path);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body.error.code).toBe("NOT_FOUND");
    }
    expect((await bob.write(sandbox.id, "a.txt", "x")).status).toBe(404);
    expect(
      (await bob.request<Page>("GET", "/sandboxes")).body.sandboxes.map((item) => item.owner),
    ).not.toContain("alice");
    expect((await alice.request("GET", `/sandboxes/${sandbox.id}`)).status).toBe(200);
  });

  it("removes a sandbox: 204, then 404, and ensure makes a new one", async () => {
    const { sandbox } = (await alice.ensure("user-2", "doomed")).body;
    expect((await alice.request("DELETE", `/sandboxes/${sandbox.id}`)).status).toBe(204);
    expect(await hangar().app.provider.find(sandbox.id as never)).toBeUndefined();
    expect((await alice.request("GET", `/sandboxes/${sandbox.id}`)).status).toBe(404);
    expect((await alice.request("DELETE", `/sandboxes/${sandbox.id}`)).status).toBe(404);
    const again = await alice.ensure("user-2", "doomed");
    expect(again.body.created).toBe(true);
    expect(again.body.sandbox.id).not.toBe(sandbox.id);
  });

  it("answers bad input with 400 naming the field", async () => {
    const cases: [string, string, unknown, string][] = [
      ["POST", "/sandboxes/ensure", { project_id: "p" }, "user_id"],
      ["POST", "/sandboxes/ensure", { user_id: "u", project_id: "../p" }, "project_id"],
      ["POST", "/sandboxes/ensure", { user_id: "u", project_id: "p", image: "debian:12" }, "image"],
      ["GET", "/sandboxes?limit=0", undefined, "limit"],
      ["GET", "/sandboxes?limit=101", undefined, "limit"],
      ["GET", "/sandboxes?limit=many", undefined, "limit"],
      ["GET", "/sandboxes?cursor=forged", undefined, "cursor"],
    ];
    for (const [method, path, body, field] of cases) {
      const response = await alice.request(method, path, body);
      expect(response.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
      expect(response.body.error.field, `${method} ${path}`).toBe(field);
    }
    const image = await alice.ensure("u", "p", { image: "debian:12" });
    expect(image.body.error.message).toMatch(/bwrap provider .* no images/);
  });

  it("documents the endpoints in the OpenAPI document", async () => {
    const document = await hangar().request<{ paths: Record<string, unknown> }>("GET", "/api/openapi.json");
    for (const path of [
      "/sandboxes",
      "/sandboxes/count",
      "/sandboxes/ensure",
      "/sandboxes/{id}",
      "/sandboxes/{id}/files",
      "/sandboxes/{id}/files/content",
      "/computer/pod/count",
      "/computer/pod/list",
      "/computer/pod/ensure",
    ]) {
      expect(document.body.paths, path).toHaveProperty([path]);
    }
  });
});
