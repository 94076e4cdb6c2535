import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SessionDelivery } from "../bridges/bridge-state.js";
import { temporaryStore, type TemporaryStore } from "./agent-session-test-support.js";
import { createStore } from "./create-store.js";

let temporary: TemporaryStore;
beforeEach(() => (temporary = temporaryStore()));
afterEach(() => temporary.dispose());

function delivery(overrides: Partial<SessionDelivery> = {}): SessionDelivery {
  return {
    platform: "telegram",
    sessionId: "ses_1",
    owner: "alice",
    address: { chatId: "42" },
    deliveredSeq: 7,
    textStartSeq: 3,
    messages: [{ messageId: "100", text: "Hello *there*" }],
    interactions: [{ interactionId: "int_1", message: { chatId: "42", messageId: "101" } }],
    active: true,
    ...overrides,
  };
}

describe("SqliteBridgeStateRepository", () => {
  it("keeps a delivery across a reopened store, and replaces it on save", async () => {
    await temporary.store.bridges.saveDelivery(delivery());
    const reopened = createStore(temporary.directory);
    try {
      expect(await reopened.bridges.findDelivery("telegram", "ses_1")).toEqual(delivery());
      await reopened.bridges.saveDelivery(delivery({ deliveredSeq: 9, messages: [], interactions: [] }));
      expect(await reopened.bridges.findDelivery("telegram", "ses_1")).toMatchObject({
        deliveredSeq: 9,
        messages: [],
      });
      expect(await reopened.bridges.findDelivery("slack", "ses_1")).toBeUndefined();
    } finally {
      reopened.close();
    }
  });

  it("lists only a platform's active deliveries", async () => {
    const bridges = temporary.store.bridges;
    await bridges.saveDelivery(delivery({ sessionId: "ses_1" }));
    await bridges.saveDelivery(delivery({ sessionId: "ses_2", active: false }));
    await bridges.saveDelivery(delivery({ sessionId: "ses_3", platform: "slack" }));
    expect((await bridges.listActiveDeliveries("telegram")).map((each) => each.sessionId)).toEqual(["ses_1"]);
    expect((await bridges.listActiveDeliveries("slack")).map((each) => each.sessionId)).toEqual(["ses_3"]);
  });

  it("lists a chat's deliveries newest first, or one Slack thread's", async () => {
    const bridges = temporary.store.bridges;
    await bridges.saveDelivery(
      delivery({ sessionId: "ses_1", platform: "slack", address: { chatId: "C1", threadId: "1.1" } }),
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    await bridges.saveDelivery(
      delivery({ sessionId: "ses_2", platform: "slack", address: { chatId: "C1", threadId: "2.2" } }),
    );
    await bridges.saveDelivery(
      delivery({ sessionId: "ses_3", platform: "slack", address: { chatId: "C2" } }),
    );
    const ofChat = await bridges.listDeliveriesOfChat("slack", { chatId: "C1" }, 10);
    expect(ofChat.map((each) => each.sessionId)).toEqual(["ses_2", "ses_1"]);
    const ofThread = await bridges.listDeliveriesOfChat("slack", { chatId: "C1", threadId: "1.1" }, 10);
    expect(ofThread.map((each) => each.sessionId)).toEqual(["ses_1"]);
    expect(ofThread[0]!.address).toEqual({ chatId: "C1", threadId: "1.1" });
  });

  it("binds a chat to a project and keeps a polling offset per platform", async () => {
    const bridges = temporary.store.bridges;
    expect(await bridges.projectOf("telegram", "42")).toBeUndefined();
    await bridges.bindProject("telegram", "42", "demo");
    await bridges.bindProject("telegram", "42", "other");
    expect(await bridges.projectOf("telegram", "42")).toBe("other");
    expect(await bridges.projectOf("slack", "42")).toBeUndefined();
    expect(await bridges.loadUpdateOffset("telegram")).toBeUndefined();
    await bridges.saveUpdateOffset("telegram", 1001);
    await bridges.saveUpdateOffset("telegram", 1002);
    expect(await bridges.loadUpdateOffset("telegram")).toBe(1002);
  });

  it("refuses a row no bridge would write", () => {
    expect(() =>
      temporary.database
        .prepare(`INSERT INTO bridge_deliveries VALUES ('irc', 's', 'o', 'c', NULL, 0, 0, '[]', '[]', 1, 0)`)
        .run(),
    ).toThrow(/CHECK constraint/);
  });
});
