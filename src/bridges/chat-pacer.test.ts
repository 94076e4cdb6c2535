import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ChatPacer, chatPacerFor, defaultEditIntervalMs } from "./chat-pacer.js";
import type { ChatAddress, ChatBridge } from "./chat-bridge.js";

const privateChat: ChatAddress = { chatId: "42" };
const group: ChatAddress = { chatId: "-1001" };

/** The pacer on vitest's fake clock: each turn's grant time is exact. */
function pacer(): ChatPacer {
  return new ChatPacer({
    intervalFor: (to) => (to.chatId.startsWith("-") ? 3000 : 1000),
    now: () => Date.now(),
  });
}

/** Records when each named turn is granted. */
function recorder() {
  const granted: Array<{ name: string; at: number }> = [];
  const track = (name: string, turn: { granted: Promise<void> }) =>
    void turn.granted.then(() => granted.push({ name, at: Date.now() }));
  return { granted, track };
}

describe("ChatPacer", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("gives one turn per interval in each chat, the chats independent of each other", async () => {
    const chats = pacer();
    const { granted, track } = recorder();
    for (let index = 0; index < 3; index += 1) {
      track(`private ${index}`, chats.turn(privateChat, false));
      track(`group ${index}`, chats.turn(group, false));
    }
    await vi.advanceTimersByTimeAsync(10_000);
    expect(granted.filter((each) => each.name.startsWith("private")).map((each) => each.at)).toEqual([
      0, 1000, 2000,
    ]);
    expect(granted.filter((each) => each.name.startsWith("group")).map((each) => each.at)).toEqual([
      0, 3000, 6000,
    ]);
    chats.stop();
  });

  it("tells a debounce how long the chat's next turn is off", async () => {
    const chats = pacer();
    expect(chats.delayFor(privateChat)).toBe(0);
    await chats.turn(privateChat, false).granted;
    expect(chats.delayFor(privateChat)).toBe(1000);
    await vi.advanceTimersByTimeAsync(400);
    expect(chats.delayFor(privateChat)).toBe(600);
    expect(chats.delayFor(group)).toBe(0);
    chats.stop();
  });

  it("puts forced turns ahead of waiting unforced ones, in their own order, and a promoted one with them", async () => {
    const chats = pacer();
    const { granted, track } = recorder();
    await chats.turn(privateChat, false).granted;
    track("debounced a", chats.turn(privateChat, false));
    const promoted = chats.turn(privateChat, false);
    track("debounced b", promoted);
    track("message end", chats.turn(privateChat, true));
    track("turn end", chats.turn(privateChat, true));
    promoted.promote();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(granted).toEqual([
      { name: "message end", at: 1000 },
      { name: "turn end", at: 2000 },
      { name: "debounced b", at: 3000 },
      { name: "debounced a", at: 4000 },
    ]);
    chats.stop();
  });

  it("lets a cancelled turn go without using the chat's slot", async () => {
    const chats = pacer();
    const { granted, track } = recorder();
    await chats.turn(privateChat, false).granted;
    const cancelled = chats.turn(privateChat, false);
    track("kept", chats.turn(privateChat, false));
    cancelled.cancel();
    await cancelled.granted;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(granted).toEqual([{ name: "kept", at: 1000 }]);
    chats.stop();
  });

  it("gives every waiting turn at once when stopped", async () => {
    const chats = pacer();
    await chats.turn(group, false).granted;
    const waiting = [chats.turn(group, false), chats.turn(group, true)];
    chats.stop();
    await Promise.all(waiting.map((turn) => turn.granted));
    expect(Date.now()).toBe(0);
  });

  it("uses the adapter's pacing, or one second when the adapter states none", () => {
    const stated = { minimumEditIntervalMs: (to: ChatAddress) => (to.chatId === "7" ? 1200 : 50) };
    const withPacing = chatPacerFor(stated as unknown as ChatBridge);
    const without = chatPacerFor({} as ChatBridge);
    void withPacing.turn({ chatId: "7" }, false);
    void without.turn({ chatId: "7" }, false);
    expect(Math.round(withPacing.delayFor({ chatId: "7" }))).toBe(1200);
    expect(Math.round(without.delayFor({ chatId: "7" }))).toBe(defaultEditIntervalMs);
    withPacing.stop();
    without.stop();
  });
});
