import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createSession,
  newSession,
  temporaryStore,
  type TemporaryStore,
} from "./agent-session-test-support.js";
import { databaseFileName } from "./create-store.js";
import { migrations } from "./migrations.js";
import { openDatabase, schemaVersion } from "./open-database.js";
import { SqliteAgentSessionRepository } from "./sqlite-agent-session-repository.js";
import { SqliteSessionMessageRepository } from "./sqlite-session-message-repository.js";

let temporary: TemporaryStore;
beforeEach(async () => {
  temporary = temporaryStore();
});
afterEach(() => temporary.dispose());

describe("SqliteAgentSessionRepository", () => {
  it("creates a pending session with empty defaults and reads it back", async () => {
    const created = await createSession(temporary.store);
    const expected = {
      id: "ses_1",
      owner: "alice",
      projectId: "proj_1",
      userId: null,
      model: "openai:gpt-test",
      approval: "ask",
      status: "pending",
      statusReason: null,
      sandboxId: null,
      agent: "builtin",
      driverState: null,
      credentials: [],
      inputTokens: 0,
      outputTokens: 0,
      createdAt: new Date("2026-01-01T00:00:00.000Z"),
      updatedAt: new Date("2026-01-01T00:00:00.000Z"),
    };
    expect(created).toEqual(expected);
    expect(await temporary.store.agentSessions.get("ses_1")).toEqual(expected);
    expect(await temporary.store.agentSessions.get("ses_missing")).toBeUndefined();
  });

  it("refuses a taken id and values outside the enums", async () => {
    await createSession(temporary.store);
    await expect(createSession(temporary.store)).rejects.toThrow(/UNIQUE|PRIMARY/);
    await expect(createSession(temporary.store, { id: "ses_2", approval: "yolo" as never })).rejects.toThrow(
      /CHECK/,
    );
    await expect(createSession(temporary.store, { id: "ses_3", status: "paused" as never })).rejects.toThrow(
      /CHECK/,
    );
  });

  it("updates status with a reason, sandbox, model, approval and driver state, stamping updatedAt", async () => {
    const sessions = temporary.store.agentSessions;
    await createSession(temporary.store);
    const later = new Date("2026-01-01T01:00:00.000Z");
    expect(await sessions.updateStatus("ses_1", "failed", "model unreachable", later)).toBe(true);
    expect(await sessions.setSandbox("ses_1", "sbx_9", later)).toBe(true);
    expect(await sessions.setModel("ses_1", "anthropic:claude", later)).toBe(true);
    expect(await sessions.setApproval("ses_1", "read-only", later)).toBe(true);
    const driverState = { agentSessionId: "acp-42", modes: ["ask ✓"] };
    expect(await sessions.saveDriverState("ses_1", driverState, later)).toBe(true);
    expect(await sessions.get("ses_1")).toMatchObject({
      status: "failed",
      statusReason: "model unreachable",
      sandboxId: "sbx_9",
      model: "anthropic:claude",
      approval: "read-only",
      driverState,
      updatedAt: later,
    });
    // A new status without a reason clears the old one.
    await sessions.updateStatus("ses_1", "running");
    expect((await sessions.get("ses_1"))?.statusReason).toBeNull();
    expect(await sessions.updateStatus("ses_missing", "running")).toBe(false);
    expect(await sessions.saveDriverState("ses_missing", {})).toBe(false);
  });

  it("adds usage atomically and returns the totals", async () => {
    await createSession(temporary.store);
    expect(await temporary.store.agentSessions.addUsage("ses_1", 100, 20)).toEqual({
      inputTokens: 100,
      outputTokens: 20,
    });
    expect(await temporary.store.agentSessions.addUsage("ses_1", 5, 1)).toEqual({
      inputTokens: 105,
      outputTokens: 21,
    });
    await expect(temporary.store.agentSessions.addUsage("ses_missing", 1, 1)).rejects.toThrow(
      expect.objectContaining({ code: "SESSION_NOT_FOUND" }),
    );
  });

  it("lists an owner's sessions newest first, optionally of one project", async () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
    await createSession(temporary.store, { id: "ses_a", createdAt: at(1) });
    await createSession(temporary.store, { id: "ses_b", createdAt: at(3), projectId: "proj_2" });
    await createSession(temporary.store, { id: "ses_c", createdAt: at(2) });
    await createSession(temporary.store, { id: "ses_d", createdAt: at(4), owner: "bob" });
    const ids = async (options: { projectId?: string; limit: number }) =>
      (await temporary.store.agentSessions.listByOwner("alice", options)).map((session) => session.id);
    expect(await ids({ limit: 10 })).toEqual(["ses_b", "ses_c", "ses_a"]);
    expect(await ids({ limit: 2 })).toEqual(["ses_b", "ses_c"]);
    expect(await ids({ limit: 10, projectId: "proj_1" })).toEqual(["ses_c", "ses_a"]);
  });

  it("lists sessions in any of several statuses, oldest first, for recovery", async () => {
    await createSession(temporary.store, { id: "ses_run", status: "running", createdAt: new Date(3_000) });
    await createSession(temporary.store, { id: "ses_wait", status: "waiting", createdAt: new Date(1_000) });
    await createSession(temporary.store, { id: "ses_done", status: "completed", createdAt: new Date(2_000) });
    const ids = (await temporary.store.agentSessions.listByStatus(["running", "waiting", "starting"])).map(
      (session) => session.id,
    );
    expect(ids).toEqual(["ses_wait", "ses_run"]);
    expect(await temporary.store.agentSessions.listByStatus([])).toEqual([]);
  });
});

describe("migration 3", () => {
  it("upgrades a version-2 database with data, keeping what was there", async () => {
    const directory = mkdtempSync(join(tmpdir(), "hangar-migration-"));
    try {
      const path = join(directory, databaseFileName);
      const old = openDatabase(path, { migrations: migrations.slice(0, 2) });
      old
        .prepare(
          `INSERT INTO sandboxes (id, provider, owner, status, labels, created_at, last_used_at)
           VALUES ('sbx_old', 'bwrap', 'alice', 'live', '{}', 1, 2)`,
        )
        .run();
      expect(schemaVersion(old)).toBe(2);
      old.close();

      const upgraded = openDatabase(path);
      try {
        expect(schemaVersion(upgraded)).toBe(migrations.length);
        expect(upgraded.prepare("SELECT id FROM sandboxes").pluck().all()).toEqual(["sbx_old"]);
        const sessions = new SqliteAgentSessionRepository(upgraded);
        await sessions.create(newSession());
        expect((await sessions.get("ses_1"))?.status).toBe("pending");
        const tables = upgraded
          .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
          )
          .pluck()
          .all();
        expect(tables).toEqual(
          expect.arrayContaining(["agent_sessions", "session_turns", "session_events", "interactions"]),
        );
        expect(upgraded.pragma("foreign_key_check")).toEqual([]);
      } finally {
        upgraded.close();
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });

  it("deletes a session's turns, events, interactions and messages with it", async () => {
    const { store } = temporary;
    await createSession(store);
    await store.turns.enqueue({ id: "turn_1", sessionId: "ses_1", prompt: "hi", createdAt: new Date() });
    await store.messages.append("ses_1", "turn_1", [{ role: "user", content: "hi" }]);
    await store.events.append("ses_1", "session.status", { status: "pending" }, new Date());
    await store.interactions.create({
      id: "int_1",
      sessionId: "ses_1",
      turnId: "turn_1",
      kind: "question",
      toolCallId: "call_1",
      request: {},
      createdAt: new Date(),
      expiresAt: new Date(),
    });
    temporary.database.prepare("DELETE FROM agent_sessions WHERE id = 'ses_1'").run();
    expect(await store.turns.get("turn_1")).toBeUndefined();
    expect(await store.events.lastSeq("ses_1")).toBe(0);
    expect(await store.interactions.get("int_1")).toBeUndefined();
    expect(await store.messages.list("ses_1")).toEqual([]);
  });
});

describe("migration 4", () => {
  it("moves each session's conversation into session_messages, in order, and keeps the session", async () => {
    const directory = mkdtempSync(join(tmpdir(), "hangar-migration-"));
    try {
      const path = join(directory, databaseFileName);
      const old = openDatabase(path, { migrations: migrations.slice(0, 3) });
      const conversation = [
        { role: "user", content: "fix the tests ✓" },
        {
          role: "assistant",
          content: [{ type: "tool-call", toolCallId: "c1", toolName: "bash", input: {} }],
        },
        { role: "tool", content: [{ type: "tool-result", toolCallId: "c1", toolName: "bash", output: {} }] },
      ];
      const insert = old.prepare(`INSERT INTO agent_sessions (id, owner, project_id, model, approval, status,
          messages, input_tokens, output_tokens, created_at, updated_at)
        VALUES (?, 'alice', 'proj', 'openai:gpt', 'auto', 'running', ?, 7, 3, 1, 2)`);
      insert.run("ses_old", JSON.stringify(conversation));
      insert.run("ses_empty", "[]");
      old.close();

      const upgraded = openDatabase(path);
      try {
        const store = {
          sessions: new SqliteAgentSessionRepository(upgraded),
          messages: new SqliteSessionMessageRepository(upgraded),
        };
        expect(await store.sessions.get("ses_old")).toMatchObject({
          status: "running",
          agent: "builtin",
          driverState: null,
          inputTokens: 7,
        });
        const moved = await store.messages.list("ses_old");
        expect(moved.map((row) => row.message)).toEqual(conversation);
        expect(moved.map((row) => [row.position, row.turnId])).toEqual([
          [1, null],
          [2, null],
          [3, null],
        ]);
        expect(await store.messages.list("ses_empty")).toEqual([]);
        // The next append continues after the migrated messages.
        await store.messages.append("ses_old", "turn_9", [{ role: "user", content: "again" }]);
        expect((await store.messages.list("ses_old")).at(-1)).toEqual({
          position: 4,
          turnId: "turn_9",
          message: { role: "user", content: "again" },
        });
        const columns = upgraded
          .prepare("SELECT name FROM pragma_table_info('agent_sessions')")
          .pluck()
          .all();
        expect(columns).not.toContain("messages");
        expect(upgraded.pragma("foreign_key_check")).toEqual([]);
      } finally {
        upgraded.close();
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
