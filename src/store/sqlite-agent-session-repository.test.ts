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

let temporary: TemporaryStore;
beforeEach(() => {
  temporary = temporaryStore();
});
afterEach(() => temporary.dispose());

describe("SqliteAgentSessionRepository", () => {
  it("creates a pending session with empty defaults and reads it back", () => {
    const created = createSession(temporary.store);
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
      messages: [],
      inputTokens: 0,
      outputTokens: 0,
      createdAt: new Date("2026-01-01T00:00:00.000Z"),
      updatedAt: new Date("2026-01-01T00:00:00.000Z"),
    };
    expect(created).toEqual(expected);
    expect(temporary.store.agentSessions.get("ses_1")).toEqual(expected);
    expect(temporary.store.agentSessions.get("ses_missing")).toBeUndefined();
  });

  it("refuses a taken id and values outside the enums", () => {
    createSession(temporary.store);
    expect(() => createSession(temporary.store)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => createSession(temporary.store, { id: "ses_2", approval: "yolo" as never })).toThrow(/CHECK/);
    expect(() => createSession(temporary.store, { id: "ses_3", status: "paused" as never })).toThrow(/CHECK/);
  });

  it("updates status with a reason, sandbox, model, approval and messages, stamping updatedAt", () => {
    const sessions = temporary.store.agentSessions;
    createSession(temporary.store);
    const later = new Date("2026-01-01T01:00:00.000Z");
    expect(sessions.updateStatus("ses_1", "failed", "model unreachable", later)).toBe(true);
    expect(sessions.setSandbox("ses_1", "sbx_9", later)).toBe(true);
    expect(sessions.setModel("ses_1", "anthropic:claude", later)).toBe(true);
    expect(sessions.setApproval("ses_1", "read-only", later)).toBe(true);
    const messages = [{ role: "user", content: [{ type: "text", text: "hi ✓" }] }];
    expect(sessions.saveMessages("ses_1", messages, later)).toBe(true);
    expect(sessions.get("ses_1")).toMatchObject({
      status: "failed",
      statusReason: "model unreachable",
      sandboxId: "sbx_9",
      model: "anthropic:claude",
      approval: "read-only",
      messages,
      updatedAt: later,
    });
    // A new status without a reason clears the old one.
    sessions.updateStatus("ses_1", "running");
    expect(sessions.get("ses_1")?.statusReason).toBeNull();
    expect(sessions.updateStatus("ses_missing", "running")).toBe(false);
    expect(sessions.saveMessages("ses_missing", [])).toBe(false);
  });

  it("adds usage atomically and returns the totals", () => {
    createSession(temporary.store);
    expect(temporary.store.agentSessions.addUsage("ses_1", 100, 20)).toEqual({
      inputTokens: 100,
      outputTokens: 20,
    });
    expect(temporary.store.agentSessions.addUsage("ses_1", 5, 1)).toEqual({
      inputTokens: 105,
      outputTokens: 21,
    });
    expect(() => temporary.store.agentSessions.addUsage("ses_missing", 1, 1)).toThrow(
      expect.objectContaining({ code: "SESSION_NOT_FOUND" }),
    );
  });

  it("lists an owner's sessions newest first, optionally of one project", () => {
    const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
    createSession(temporary.store, { id: "ses_a", createdAt: at(1) });
    createSession(temporary.store, { id: "ses_b", createdAt: at(3), projectId: "proj_2" });
    createSession(temporary.store, { id: "ses_c", createdAt: at(2) });
    createSession(temporary.store, { id: "ses_d", createdAt: at(4), owner: "bob" });
    const ids = (options: { projectId?: string; limit: number }) =>
      temporary.store.agentSessions.listByOwner("alice", options).map((session) => session.id);
    expect(ids({ limit: 10 })).toEqual(["ses_b", "ses_c", "ses_a"]);
    expect(ids({ limit: 2 })).toEqual(["ses_b", "ses_c"]);
    expect(ids({ limit: 10, projectId: "proj_1" })).toEqual(["ses_c", "ses_a"]);
  });

  it("lists sessions in any of several statuses, oldest first, for recovery", () => {
    createSession(temporary.store, { id: "ses_run", status: "running", createdAt: new Date(3_000) });
    createSession(temporary.store, { id: "ses_wait", status: "waiting", createdAt: new Date(1_000) });
    createSession(temporary.store, { id: "ses_done", status: "completed", createdAt: new Date(2_000) });
    const ids = temporary.store.agentSessions
      .listByStatus(["running", "waiting", "starting"])
      .map((session) => session.id);
    expect(ids).toEqual(["ses_wait", "ses_run"]);
    expect(temporary.store.agentSessions.listByStatus([])).toEqual([]);
  });
});

describe("migration 3", () => {
  it("upgrades a version-2 database with data, keeping what was there", () => {
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
        expect(schemaVersion(upgraded)).toBe(3);
        expect(upgraded.prepare("SELECT id FROM sandboxes").pluck().all()).toEqual(["sbx_old"]);
        const sessions = new SqliteAgentSessionRepository(upgraded);
        sessions.create(newSession());
        expect(sessions.get("ses_1")?.status).toBe("pending");
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

  it("deletes a session's turns, events and interactions with it", () => {
    const { store } = temporary;
    createSession(store);
    store.turns.enqueue({ id: "turn_1", sessionId: "ses_1", prompt: "hi", createdAt: new Date() });
    store.events.append("ses_1", "session.status", { status: "pending" }, new Date());
    store.interactions.create({
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
    expect(store.turns.get("turn_1")).toBeUndefined();
    expect(store.events.lastSeq("ses_1")).toBe(0);
    expect(store.interactions.get("int_1")).toBeUndefined();
  });
});
