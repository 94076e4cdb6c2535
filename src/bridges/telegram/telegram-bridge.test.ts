import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTelegramBotApi, type TelegramBotApiFixture } from "../../../test/fixtures/telegram-bot-api.js";
import type { InboundEvent } from "../chat-bridge.js";
import { TelegramBridge, type TelegramBridgeOptions, type UpdateOffsetStore } from "./telegram-bridge.js";

// Real grammY against the Bot API fixture: every request crosses HTTP on loopback.

const alice = { id: 1001, first_name: "Alice", last_name: "Liddell", username: "alice" };
const chatId = 1001;
const poll = { timeout: 20_000, interval: 20 };

/** A stand-in for the text module's renderer: escapes every MarkdownV2 reserved character. */
const escapeMarkdownV2 = (markdown: string) => markdown.replace(/[_*[\]()~`>#+\-=|{}.!\\]/g, "\\$&");

class MemoryOffsetStore implements UpdateOffsetStore {
  value: number | undefined;
  readonly saved: number[] = [];
  async load() {
    return this.value;
  }
  async save(offset: number) {
    this.value = offset;
    this.saved.push(offset);
  }
}

let api: TelegramBotApiFixture;
let bridges: TelegramBridge[];

beforeEach(async () => {
  api = await startTelegramBotApi();
  bridges = [];
});
afterEach(async () => {
  for (const bridge of bridges) await bridge.stop();
  await api.close();
});

function newBridge(options: Partial<TelegramBridgeOptions> = {}): TelegramBridge {
  const bridge = new TelegramBridge({
    token: api.token,
    apiRoot: api.url,
    renderMarkdown: escapeMarkdownV2,
    offsetStore: new MemoryOffsetStore(),
    pollTimeoutSeconds: 10,
    retry: { initialBackoffMs: 50, maxBackoffMs: 400 },
    onError: (error) => {
      throw error;
    },
    ...options,
  });
  bridges.push(bridge);
  return bridge;
}

async function started(options: Partial<TelegramBridgeOptions> = {}) {
  const events: InboundEvent[] = [];
  const bridge = newBridge(options);
  await bridge.start(async (event) => {
    events.push(event);
  });
  return { bridge, events };
}

const callsOf = (method: string) => api.calls.filter((call) => call.method === method);

describe("TelegramBridge on grammY", () => {
  it("turns commands, replies, presses and documents into events, and answers a press", async () => {
    const { bridge, events } = await started();
    expect(bridge.health().state).toBe("connected");

    api.sendUserMessage({ chatId, from: alice, text: "/task@hangar_test_bot fix the flaky test" });
    api.sendUserMessage({ chatId, from: alice, text: "/task@other_bot not for us" });
    const question = await bridge.send({ chatId: String(chatId) }, { markdown: "Which one?" });
    api.sendUserMessage({ chatId, from: alice, text: "the second", replyTo: Number(question.messageId) });
    await expect.poll(() => events.length, poll).toBe(2);

    expect(events[0]).toEqual({
      kind: "command",
      name: "task",
      argument: "fix the flaky test",
      from: { userId: "1001", displayName: "Alice Liddell" },
      at: { chatId: "1001" },
      files: [],
    });
    expect(events[1]).toEqual({
      kind: "text",
      text: "the second",
      from: { userId: "1001", displayName: "Alice Liddell" },
      at: { chatId: "1001" },
      replyTo: { chatId: "1001", messageId: question.messageId },
    });

    const approval = await bridge.send(
      { chatId: String(chatId) },
      { markdown: "Run `rm -rf build`?", buttons: [[{ label: "Allow", data: "p:42:yes" }]] },
    );
    const pressId = api.pressButton({
      chatId,
      messageId: Number(approval.messageId),
      from: alice,
      data: "p:42:yes",
    });
    await expect.poll(() => events.length, poll).toBe(3);
    expect(events[2]).toEqual({
      kind: "button",
      pressId,
      data: "p:42:yes",
      from: { userId: "1001", displayName: "Alice Liddell" },
      message: { chatId: "1001", messageId: approval.messageId },
    });
    await bridge.answerButton(pressId, "Allowed");
    expect(api.answeredButtons).toEqual([{ id: pressId, text: "Allowed" }]);
    // A press answered twice (or too late) is not an error for the bridge.
    await bridge.answerButton(pressId);

    const bytes = new TextEncoder().encode("col1,col2\n1,2\n");
    api.sendUserMessage({
      chatId,
      from: alice,
      text: "/task load this",
      document: { name: "data.csv", bytes },
    });
    await expect.poll(() => events.length, poll).toBe(4);
    const command = events[3];
    if (command?.kind !== "command") throw new Error(`expected a command, got ${JSON.stringify(command)}`);
    expect(command.argument).toBe("load this");
    expect(command.files.map((file) => file.name)).toEqual(["data.csv"]);
    expect(await command.files[0]!.download(1024)).toEqual(bytes);
    await expect(command.files[0]!.download(4)).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
  });

  it("sends and edits MarkdownV2 with buttons; an unchanged edit is not an error", async () => {
    const { bridge } = await started();
    const buttons = [[{ label: "Yes", data: "q:1:yes" }], [{ label: "No", data: "q:1:no" }]];
    const sent = await bridge.send({ chatId: "-100200", threadId: "7" }, { markdown: "Step 1.", buttons });
    expect(sent).toEqual({ chatId: "-100200", threadId: "7", messageId: "1" });

    // No buttons in the update: they stay (Telegram would drop them if the edit did not repeat them).
    await bridge.edit(sent, { markdown: "Step 1. Step 2." });
    await bridge.edit(sent, { markdown: "Step 1. Step 2." });
    expect(callsOf("editMessageText").map((call) => call.status)).toEqual([200, 400]);
    await bridge.edit(sent, { markdown: "Answered: yes", buttons: [] });

    const [message] = api.chat(-100200);
    expect(message).toMatchObject({ text: "Answered: yes", parseMode: "MarkdownV2", threadId: 7 });
    expect(message!.buttons).toBeUndefined();
    expect(message!.history).toEqual([
      {
        text: "Step 1\\.",
        parseMode: "MarkdownV2",
        buttons: [[{ text: "Yes", callback_data: "q:1:yes" }], [{ text: "No", callback_data: "q:1:no" }]],
      },
      {
        text: "Step 1\\. Step 2\\.",
        parseMode: "MarkdownV2",
        buttons: [[{ text: "Yes", callback_data: "q:1:yes" }], [{ text: "No", callback_data: "q:1:no" }]],
      },
    ]);

    const file = await bridge.sendFile(
      { chatId: "-100200" },
      { name: "turn.diff", bytes: new Uint8Array([1, 2, 3]) },
    );
    expect(api.chat(-100200)[1]).toMatchObject({
      messageId: Number(file.messageId),
      document: { name: "turn.diff" },
    });
  });

  it("waits retry_after after a 429 and then sends the same message once", async () => {
    const { bridge } = await started();
    api.rateLimit("sendMessage", 1, 1);
    await bridge.send({ chatId: "5" }, { markdown: "after the limit" });
    const [limited, retried, ...rest] = callsOf("sendMessage");
    expect(limited!.status).toBe(429);
    expect(retried!.status).toBe(200);
    expect(rest).toEqual([]);
    expect(retried!.fields.text).toBe(limited!.fields.text);
    // A lower bound only: the retry may come late on a loaded machine, never early
    // (a few milliseconds of slack for timer rounding between clocks).
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(1000 - 5);
    expect(api.chat(5).map((message) => message.text)).toEqual(["after the limit"]);
  });

  it("waits retry_after when getUpdates itself is rate limited", async () => {
    api.rateLimit("getUpdates", 1, 1);
    const { events } = await started();
    api.sendUserMessage({ chatId, from: alice, text: "patience" });
    await expect.poll(() => events.length, poll).toBe(1);
    const [limited, retried] = callsOf("getUpdates");
    expect(limited!.status).toBe(429);
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(1000 - 5);
  });

  it("sends the Markdown as plain text when Telegram cannot parse the MarkdownV2", async () => {
    const { bridge } = await started();
    api.rejectFormattedTextContaining("!");
    const markdown = "Done! All *green* (3 files)";
    const sent = await bridge.send({ chatId: "9" }, { markdown });
    const edited = "Done! Now `4` files";
    await bridge.edit(sent, { markdown: edited });

    const [message] = api.chat(9);
    expect(message!.text).toBe(edited);
    expect(message!.parseMode).toBeUndefined();
    expect(message!.history).toEqual([{ text: markdown }]);
    // Each went formatted first, was refused, then plain.
    const attempts = [...callsOf("sendMessage"), ...callsOf("editMessageText")].map((call) => [
      call.status,
      call.fields.parse_mode,
    ]);
    expect(attempts).toEqual([
      [400, "MarkdownV2"],
      [200, undefined],
      [400, "MarkdownV2"],
      [200, undefined],
    ]);
  });

  it("reports retrying during an outage, delivers a send made meanwhile once, and recovers", async () => {
    const { bridge, events } = await started();
    await expect.poll(() => callsOf("getUpdates").length, poll).toBeGreaterThan(0);
    api.beginOutage();
    await expect.poll(() => bridge.health().state, poll).toBe("retrying");
    expect(bridge.health().lastError).toMatch(/getUpdates|sendMessage/);
    const sending = bridge.send({ chatId: "3" }, { markdown: "written during the outage" });
    api.endOutage();
    await expect.poll(() => bridge.health().state, poll).toBe("connected");
    await sending;
    expect(api.chat(3).map((message) => message.text)).toEqual(["written during the outage"]);
    api.sendUserMessage({ chatId, from: alice, text: "still there?" });
    await expect
      .poll(() => events.map((event) => event.kind === "text" && event.text), poll)
      .toEqual(["still there?"]);
  });

  it("resumes from the stored offset after a restart: nothing twice, nothing lost", async () => {
    const store = new MemoryOffsetStore();
    const seen: string[] = [];
    const text = (event: InboundEvent) => (event.kind === "text" ? event.text : event.kind);

    // Three updates in one batch; the second is still being handled when the adapter stops.
    for (const word of ["one", "two", "three"]) api.sendUserMessage({ chatId, from: alice, text: word });
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = newBridge({ offsetStore: store });
    await first.start(async (event) => {
      seen.push(text(event));
      if (text(event) === "two") await gate;
    });
    await expect.poll(() => seen, poll).toEqual(["one", "two"]);
    const stopping = first.stop();
    release();
    await stopping;
    // "two" finished, so its offset is saved; "three" never started, so it is not.
    expect(seen).toEqual(["one", "two"]);
    expect(store.value).toBe(3);

    api.sendUserMessage({ chatId, from: alice, text: "four" });
    const second = newBridge({ offsetStore: store });
    await second.start(async (event) => {
      seen.push(text(event));
    });
    await expect.poll(() => seen, poll).toEqual(["one", "two", "three", "four"]);
    await expect.poll(() => store.value, poll).toBe(5);
    await second.stop();

    const third = newBridge({ offsetStore: store });
    await third.start(async (event) => {
      seen.push(text(event));
    });
    api.sendUserMessage({ chatId, from: alice, text: "five" });
    await expect.poll(() => seen, poll).toEqual(["one", "two", "three", "four", "five"]);
    // Saved after each handled update, in order.
    await expect.poll(() => store.saved, poll).toEqual([2, 3, 4, 5, 6]);
  });

  it("refuses callback data over 64 bytes before asking Telegram", async () => {
    const { bridge } = await started();
    const at = { chatId: "4" };
    await expect(
      bridge.send(at, { markdown: "pick", buttons: [[{ label: "Long", data: "x".repeat(65) }]] }),
    ).rejects.toThrow(/callback data is 65 bytes; Telegram allows 1 to 64/);
    // Bytes, not characters: 33 × "é" is 66 bytes.
    await expect(
      bridge.send(at, { markdown: "pick", buttons: [[{ label: "Accent", data: "é".repeat(33) }]] }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect(callsOf("sendMessage")).toEqual([]);
    await bridge.send(at, { markdown: "pick", buttons: [[{ label: "Fits", data: "é".repeat(32) }]] });
    expect(callsOf("sendMessage")).toHaveLength(1);
  });

  it("states Telegram's pace with a margin: under one message a second in a private chat, 20 a minute in a group", () => {
    const bridge = newBridge();
    expect(bridge.minimumEditIntervalMs({ chatId: "1001" })).toBe(1050);
    expect(bridge.minimumEditIntervalMs({ chatId: "-42" })).toBe(3150);
    expect(bridge.minimumEditIntervalMs({ chatId: "-1001234567890", threadId: "7" })).toBe(3150);
  });

  it("fails to start with a clear error when Telegram refuses the token", async () => {
    const bridge = newBridge({ token: "999:not-the-token" });
    await expect(bridge.start(async () => undefined)).rejects.toThrow(
      /Telegram refused the bot token \(401 Unauthorized\)/,
    );
    expect(bridge.health().state).toBe("stopped");
    expect(callsOf("getUpdates")).toEqual([]);
  });

  it("stops promptly in the middle of a long poll and leaves no poll behind", async () => {
    const { bridge } = await started({ pollTimeoutSeconds: 3600 });
    await expect.poll(() => callsOf("getUpdates").length, poll).toBeGreaterThan(0);
    await bridge.stop();
    expect(bridge.health().state).toBe("stopped");
    const polls = callsOf("getUpdates").length;
    api.sendUserMessage({ chatId, from: alice, text: "anyone?" });
    // The update stays queued: nobody is polling any more.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(callsOf("getUpdates").length).toBe(polls);
    expect(api.pendingUpdateCount()).toBe(1);
    await expect(bridge.send({ chatId: "1" }, { markdown: "late" })).rejects.toMatchObject({
      code: "SHUTTING_DOWN",
    });
  });
});
