import { randomBytes } from "node:crypto";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { describe, expect, it } from "vitest";
import type { PendingRun, RunList, RunResult } from "../../src/runs/run-types.js";
import { requireBubblewrap, useHarness, waitFor, type Harness } from "../fixtures/hangar-harness.js";

/**
 * Judge0-style submit-then-poll against the real server (bubblewrap, SQLite):
 * `POST /run` with `wait: false` answers 202 at once, `GET /runs/{runId}`
 * follows the run to its stored result for its owner only, `GET /runs` pages
 * through the owner's runs, and results go after their retention time.
 */
const aliceKey = `alice-${randomBytes(16).toString("hex")}`;
const bobKey = `bob-${randomBytes(16).toString("hex")}`;
const alice = { key: aliceKey };
const bob = { key: bobKey };
const apiKeys = [
  { key: aliceKey, owner: "alice" },
  { key: bobKey, owner: "bob" },
];

interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

async function pollUntilEnded(
  hangar: Harness,
  runId: string,
  key: { key?: string } = alice,
): Promise<RunResult> {
  let ended: RunResult | undefined;
  await waitFor(
    async () => {
      const response = await hangar.request<RunResult | PendingRun>("GET", `/runs/${runId}`, undefined, key);
      expect(response.status).toBe(200);
      if (response.body.status === "queued" || response.body.status === "running") return false;
      ended = response.body as RunResult;
      return true;
    },
    `run ${runId} to end`,
    20_000,
  );
  return ended!;
}

describe.skipIf(!requireBubblewrap())("asynchronous runs", () => {
  const hangar = useHarness({ config: { server: { api_keys: apiKeys } } });

  it("wait:false answers 202 at once; polling shows the run going, then its stored result", async () => {
    const accepted = await hangar().request<{ runId: string; status: string }>(
      "POST",
      "/run",
      { language: "bash", code: "sleep 1; echo done; echo oops >&2; exit 3", wait: false },
      alice,
    );
    expect(accepted.status).toBe(202);
    expect(Object.keys(accepted.body).sort()).toEqual(["runId", "status"]);
    expect(accepted.body.status).toBe("queued");
    expect(accepted.body.runId).toMatch(/^run_/);
    expect(accepted.headers.get("location")).toBe(`/runs/${accepted.body.runId}`);
    // The run sleeps a second: it cannot have ended when the 202 came.
    expect(accepted.elapsedMs).toBeLessThan(1000);

    const early = await hangar().request<PendingRun>("GET", `/runs/${accepted.body.runId}`, undefined, alice);
    expect(early.status).toBe(200);
    expect(early.body).toMatchObject({ runId: accepted.body.runId, language: "bash", sessionId: null });
    expect(["queued", "running"]).toContain(early.body.status);

    const result = await pollUntilEnded(hangar(), accepted.body.runId);
    expect(result).toMatchObject({
      runId: accepted.body.runId,
      status: "error",
      exitCode: 3,
      stdout: "done\n",
      output: "done\n",
      stderr: "oops\n",
      language: "bash",
    });
    // The same shape as a synchronous answer: every field of one is there.
    const synchronous = await hangar().run({ language: "bash", code: "echo sync" }, alice);
    expect(Object.keys(result).sort()).toEqual(Object.keys(synchronous.body).sort());
    // A synchronous run is listed, but its caller already has its result: it is not kept.
    const notKept = await hangar().request<ErrorBody>(
      "GET",
      `/runs/${synchronous.body.runId}`,
      undefined,
      alice,
    );
    expect(notKept.status).toBe(404);
    expect(notKept.body.error.message).toMatch(
      /only the results of runs submitted with "wait": false are kept/,
    );
    const listed = await hangar().request<RunList>("GET", "/runs?limit=5", undefined, alice);
    expect(listed.body.runs.map((run) => run.runId)).toContain(synchronous.body.runId);
  });

  it("another owner's run is 404 exactly like a missing one, never 403", async () => {
    const accepted = await hangar().request<{ runId: string }>(
      "POST",
      "/run",
      { language: "python", code: "print(6 * 7)", wait: false },
      alice,
    );
    await pollUntilEnded(hangar(), accepted.body.runId);
    const foreign = await hangar().request<ErrorBody>("GET", `/runs/${accepted.body.runId}`, undefined, bob);
    const missing = await hangar().request<ErrorBody>("GET", "/runs/run_doesnotexist000", undefined, bob);
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(foreign.body.error.code).toBe(missing.body.error.code);
    expect(foreign.body.error.message.replace(accepted.body.runId, "ID")).toBe(
      missing.body.error.message.replace("run_doesnotexist000", "ID"),
    );
    const bobsList = await hangar().request<RunList>("GET", "/runs?limit=100", undefined, bob);
    expect(bobsList.body.runs.map((run) => run.runId)).not.toContain(accepted.body.runId);
  });

  it("lists the owner's runs newest first, page by page with an opaque cursor", async () => {
    const key = { key: bobKey };
    const submitted: string[] = [];
    for (let index = 0; index < 5; index += 1) {
      const response = await hangar().run({ language: "bash", code: `echo ${index}` }, key);
      expect(response.status).toBe(200);
      submitted.push(response.body.runId);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor === null ? "?limit=2" : `?limit=2&cursor=${encodeURIComponent(cursor)}`;
      const page = await hangar().request<RunList>("GET", `/runs${query}`, undefined, key);
      expect(page.status).toBe(200);
      expect(page.body.runs.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.runs.map((run) => run.runId));
      cursor = page.body.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 10);
    // Bob ran only these five (the other tests run as alice): newest first, each once.
    expect(seen).toEqual([...submitted].reverse());
    expect(pages).toBe(3);
    const first = await hangar().request<RunList>("GET", "/runs?limit=1", undefined, key);
    expect(first.body.runs[0]).toMatchObject({ runId: submitted.at(-1), status: "ok", language: "bash" });
  });

  it("bad input is a 400 naming the field", async () => {
    const cases: Array<[string, string, unknown, string]> = [
      ["POST", "/run", { language: "bash", code: "echo", wait: "no" }, "wait"],
      ["GET", "/runs?limit=0", undefined, "limit"],
      ["GET", "/runs?limit=1000", undefined, "limit"],
      ["GET", "/runs?limit=lots", undefined, "limit"],
      ["GET", "/runs?cursor=not-a-cursor", undefined, "cursor"],
      ["GET", `/runs?cursor=${Buffer.from('["x","y"]').toString("base64url")}`, undefined, "cursor"],
    ];
    for (const [method, path, body, field] of cases) {
      const response = await hangar().request<ErrorBody>(method, path, body, alice);
      expect({ path, status: response.status, field: response.body.error.field }).toEqual({
        path,
        status: 400,
        field,
      });
    }
  });

  it("an async run that fails validation is refused at once, not accepted", async () => {
    const response = await hangar().request<ErrorBody>(
      "POST",
      "/run",
      { language: "cobol", code: "DISPLAY 'X'", wait: false },
      alice,
    );
    expect(response.status).toBe(400);
    expect(response.body.error.field).toBe("language");
  });
});

describe.skipIf(!requireBubblewrap())("run retention", () => {
  const hangar = useHarness({ config: { runs: { result_retention_seconds: 3 } } });

  it("a run is gone after its retention time: not served, then purged from the store", async () => {
    const response = await hangar().request<{ runId: string }>("POST", "/run", {
      language: "bash",
      code: "echo kept-for-a-while",
      wait: false,
    });
    expect(response.status).toBe(202);
    const runId = response.body.runId;
    const kept = await pollUntilEnded(hangar(), runId, {});
    expect(kept.stdout).toBe("kept-for-a-while\n");

    const database = new BetterSqlite3(join(hangar().dataDirectory, "hangar.db"), { readonly: true });
    try {
      const row = () => database.prepare("SELECT id FROM runs WHERE id = ?").get(runId);
      expect(row()).toEqual({ id: runId });
      // The periodic purge (every second for a 3 s retention) deletes the row itself.
      await waitFor(() => row() === undefined, "the purge to delete the run", 10_000);
    } finally {
      database.close();
    }
    const gone = await hangar().request<ErrorBody>("GET", `/runs/${runId}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.message).toMatch(/kept for/);
    const list = await hangar().request<RunList>("GET", "/runs");
    expect(list.body.runs.map((run) => run.runId)).not.toContain(runId);
  });
});
