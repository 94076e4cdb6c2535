import { describe, expect, it } from "vitest";
import { useStoreWithTwoSessions } from "./agent-session-test-support.js";
import { createStore } from "./create-store.js";
import type { NewInteraction } from "../sessions/interaction-repository.js";

const temporary = useStoreWithTwoSessions();

function interaction(id: string, overrides: Partial<NewInteraction> = {}): NewInteraction {
  return {
    id,
    sessionId: "ses_1",
    turnId: "turn_1",
    kind: "permission",
    toolCallId: `call_${id}`,
    request: { interaction_id: id, tool: "bash", summary: "bash: ls" },
    createdAt: new Date(1_000),
    expiresAt: new Date(61_000),
    ...overrides,
  };
}

describe("SqliteInteractionRepository", () => {
  it("creates a pending interaction and reads it back", async () => {
    const expected = {
      ...interaction("int_1"),
      status: "pending",
      outcome: null,
      answer: null,
      resolvedAt: null,
    };
    expect(await temporary().store.interactions.create(interaction("int_1"))).toEqual(expected);
    expect(await temporary().store.interactions.get("int_1")).toEqual(expected);
    expect(await temporary().store.interactions.get("int_missing")).toBeUndefined();
  });

  it("resolves once: only the first caller wins, even from another connection", async () => {
    const interactions = temporary().store.interactions;
    await interactions.create(interaction("int_1", { kind: "question" }));
    const other = createStore(temporary().directory);
    try {
      expect(await interactions.resolve("int_1", "answered", "yes", new Date(2_000))).toBe(true);
      expect(await other.interactions.resolve("int_1", "timeout", undefined, new Date(3_000))).toBe(false);
      expect(await interactions.resolve("int_1", "cancelled")).toBe(false);
    } finally {
      other.close();
    }
    expect(await interactions.get("int_1")).toMatchObject({
      status: "resolved",
      outcome: "answered",
      answer: "yes",
      resolvedAt: new Date(2_000),
    });
    expect(await interactions.resolve("int_missing", "denied")).toBe(false);
  });

  it("lists pending interactions, oldest first, of all sessions or one", async () => {
    const interactions = temporary().store.interactions;
    await interactions.create(interaction("int_b", { createdAt: new Date(2_000) }));
    await interactions.create(interaction("int_a", { createdAt: new Date(1_000), sessionId: "ses_2" }));
    await interactions.create(interaction("int_done", { createdAt: new Date(500) }));
    await interactions.resolve("int_done", "approved");
    const ids = async (sessionId?: string) =>
      (await interactions.listPending(sessionId === undefined ? {} : { sessionId })).map(
        (record) => record.id,
      );
    expect(await ids()).toEqual(["int_a", "int_b"]);
    expect(await ids("ses_1")).toEqual(["int_b"]);
    expect((await interactions.listPending()).map((record) => record.id)).toEqual(["int_a", "int_b"]);
  });

  it("finds the newest interaction of a tool call", async () => {
    const interactions = temporary().store.interactions;
    await interactions.create(interaction("int_old", { toolCallId: "call_x", createdAt: new Date(1_000) }));
    await interactions.create(interaction("int_new", { toolCallId: "call_x", createdAt: new Date(2_000) }));
    expect((await interactions.findByToolCall("ses_1", "call_x"))?.id).toBe("int_new");
    expect(await interactions.findByToolCall("ses_2", "call_x")).toBeUndefined();
  });

  it("refuses an unknown kind", async () => {
    await expect(
      temporary().store.interactions.create(interaction("int_1", { kind: "vote" as never })),
    ).rejects.toThrow(/CHECK/);
  });
});
