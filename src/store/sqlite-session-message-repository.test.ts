import { describe, expect, it } from "vitest";
import { useStoreWithTwoSessions } from "./agent-session-test-support.js";
import { createStore } from "./create-store.js";

const temporary = useStoreWithTwoSessions();

describe("SqliteSessionMessageRepository", () => {
  it("appends messages in order, per session, with the turn that added them", async () => {
    const { messages } = temporary().store;
    await messages.append("ses_1", "turn_1", [{ role: "user", content: "hé" }]);
    await messages.append("ses_2", "turn_2", [{ role: "user", content: "other" }]);
    await messages.append("ses_1", "turn_1", [
      { role: "assistant", content: "one" },
      { role: "assistant", content: "two" },
    ]);
    await messages.append("ses_1", "turn_1", []);
    expect(await messages.list("ses_1")).toEqual([
      { position: 1, turnId: "turn_1", message: { role: "user", content: "hé" } },
      { position: 2, turnId: "turn_1", message: { role: "assistant", content: "one" } },
      { position: 3, turnId: "turn_1", message: { role: "assistant", content: "two" } },
    ]);
    expect((await messages.list("ses_2")).map((row) => row.position)).toEqual([1]);
    expect(await messages.list("ses_missing")).toEqual([]);
  });

  it("survives a reopen and keeps counting from the last position", async () => {
    await temporary().store.messages.append("ses_1", null, [{ n: 1 }, { n: 2 }]);
    temporary().store.close();
    const reopened = createStore(temporary().directory);
    try {
      await reopened.messages.append("ses_1", "turn_2", [{ n: 3 }]);
      expect((await reopened.messages.list("ses_1")).map((row) => [row.position, row.message])).toEqual([
        [1, { n: 1 }],
        [2, { n: 2 }],
        [3, { n: 3 }],
      ]);
    } finally {
      reopened.close();
    }
  });

  it("appends all of a batch or none of it", async () => {
    const { messages } = temporary().store;
    await expect(messages.append("ses_missing", null, [{ n: 1 }])).rejects.toThrow(/FOREIGN KEY/);
    // undefined is not JSON: JSON.stringify gives undefined and the NOT NULL column refuses it.
    await expect(messages.append("ses_1", null, [{ n: 1 }, undefined])).rejects.toThrow();
    expect(await messages.list("ses_1")).toEqual([]);
  });
});
