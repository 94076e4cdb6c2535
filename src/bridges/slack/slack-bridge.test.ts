import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSlackApi, type SlackApiFixture } from "../../../test/fixtures/slack-api.js";
import { deferred } from "../../core/abort.js";
import type { InboundEvent, SentMessage } from "../chat-bridge.js";
import { markdownToSlack } from "../text/markdown-to-slack.js";
import { SlackBridge, type SlackBridgeOptions } from "./slack-bridge.js";

// Real Bolt (Socket Mode + WebClient) against the local Slack fixture: every call
// crosses HTTP or a WebSocket on loopback.

const channel = "C0CHANNEL";
const poll = { timeout: 20_000, interval: 20 };

let slack: SlackApiFixture;
let bridges: SlackBridge[];
let errors: unknown[];

beforeEach(async () => {
  slack = await startSlackApi();
  bridges = [];
  errors = [];
});
afterEach(async () => {
  for (const bridge of bridges) await bridge.stop();
  await slack.close();
});

function newBridge(options: Partial<SlackBridgeOptions> = {}): SlackBridge {
  const bridge = new SlackBridge({
    botToken: slack.botToken,
    appToken: slack.appToken,
    apiUrl: slack.url,
    renderMarkdown: markdownToSlack,
    retry: { initialBackoffMs: 50, maxBackoffMs: 400 },
    clientPingTimeoutMs: 500,
    onError: (error) => errors.push(error),
    ...options,
  });
  bridges.push(bridge);
  return bridge;
}

async function started(handle?: (event: InboundEvent) => Promise<void>) {
  const events: InboundEvent[] = [];
  const bridge = newBridge();
  await bridge.start(async (event) => {
    events.push(event);
    await handle?.(event);
  });
  return { bridge, events };
}

const callsOf = (method: string) => slack.calls.filter((call) => call.method === method);
const user = (id: string, name = id) => ({ userId: id, displayName: name });

describe("SlackBridge on Bolt in Socket Mode", () => {
  it("turns a mention into a task in its own thread, and known words into their commands", async () => {
    const { bridge, events } = await started();
    expect(bridge.health().state).toBe("connected");

    const task = slack.mention({ channel, user: "U1", text: "fix the *flaky* test" });
    const cancel = slack.mention({ channel, user: "U1", text: "cancel", threadTs: task.ts });
    const project = slack.mention({ channel, user: "U1", text: "project demo" });
    await expect.poll(() => events.length, poll).toBe(3);

    expect(events).toEqual([
      {
        kind: "command",
        name: "task",
        argument: "fix the *flaky* test",
        from: user("U1"),
        at: { chatId: channel, threadId: task.ts },
        files: [],
      },
      {
        kind: "command",
        name: "cancel",
        argument: "",
        from: user("U1"),
        at: { chatId: channel, threadId: task.ts },
        files: [],
      },
      {
        kind: "command",
        name: "project",
        argument: "demo",
        from: user("U1"),
        at: { chatId: channel, threadId: project.ts },
        files: [],
      },
    ]);
    expect(cancel.ts).not.toBe(task.ts);
    await expect.poll(() => slack.unacked(), poll).toEqual([]);
  });

  it("takes a DM as a task, and a reply in a thread the bot posted in as text answering its latest message", async () => {
    const { bridge, events } = await started();
    const dm = slack.directMessage({ channel: "D0ALICE", user: "U1", text: "status" });
    await expect.poll(() => events.length, poll).toBe(1);
    expect(events[0]).toMatchObject({
      kind: "command",
      name: "status",
      at: { chatId: "D0ALICE", threadId: dm.ts },
    });

    const root = slack.mention({ channel, user: "U1", text: "add a test" });
    await expect.poll(() => events.length, poll).toBe(2);
    slack.channelMessage({ channel, user: "U1", text: "not for the bot", threadTs: root.ts });
    const question = await bridge.send({ chatId: channel, threadId: root.ts }, { markdown: "Which file?" });
    slack.channelMessage({ channel, user: "U1", text: "the second one", threadTs: root.ts });
    slack.channelMessage({ channel, user: "U2", text: "top level chatter" });
    await expect.poll(() => events.length, poll).toBe(3);
    expect(events[2]).toEqual({
      kind: "text",
      text: "the second one",
      from: user("U1"),
      at: { chatId: channel, threadId: root.ts },
      replyTo: { chatId: channel, threadId: root.ts, messageId: question.messageId },
    });
    await expect.poll(() => slack.unacked(), poll).toEqual([]);
    expect(events).toHaveLength(3);
  });

  it("handles one channel's events in order, one at a time, while another channel goes ahead", async () => {
    const first = deferred<void>();
    const log: string[] = [];
    const { events } = await started(async (event) => {
      if (event.kind !== "command") return;
      log.push(`start ${event.argument}`);
      if (event.argument === "one") await first.promise;
      log.push(`end ${event.argument}`);
    });
    slack.mention({ channel, user: "U1", text: "one" });
    slack.mention({ channel, user: "U1", text: "two" });
    slack.mention({ channel: "C0OTHER", user: "U1", text: "elsewhere" });
    await expect.poll(() => log, poll).toContain("end elsewhere");
    expect(log).not.toContain("start two");
    await expect.poll(() => slack.unacked(), poll).toEqual([]);
    first.resolve();
    await expect.poll(() => events.length, poll).toBe(3);
    await expect
      .poll(() => log.filter((line) => !line.includes("elsewhere")), poll)
      .toEqual(["start one", "end one", "start two", "end two"]);
  });

  it("gives a slash command a thread: a root message naming it, then the command event under it", async () => {
    const { events } = await started();
    const command = slack.slashCommand({
      channel,
      user: "U1",
      command: "/task",
      text: " fix it --agent claude ",
    });
    await expect.poll(() => events.length, poll).toBe(1);
    const root = slack.channel(channel)[0]!;
    expect(root).toMatchObject({ user: slack.botUserId, text: "<@U1> ran `/task fix it --agent claude`" });
    expect(events[0]).toEqual({
      kind: "command",
      name: "task",
      argument: "fix it --agent claude",
      from: user("U1", "u1"),
      at: { chatId: channel, threadId: root.ts },
      files: [],
    });
    expect(slack.acks.map((ack) => ack.envelopeId)).toContain(command.envelopeId);
  });

  it("acks a button press before its handler finishes, and answers with an ephemeral notice only when there is one", async () => {
    const blocked = deferred<void>();
    const handled = deferred<void>();
    const { bridge, events } = await started(async (event) => {
      if (event.kind !== "button") return;
      await blocked.promise;
      handled.resolve();
    });
    const root = slack.mention({ channel, user: "U1", text: "go" });
    await expect.poll(() => events.length, poll).toBe(1);
    const question = await bridge.send(
      { chatId: channel, threadId: root.ts },
      {
        markdown: "Run `rm -rf build`?",
        buttons: [
          [
            { label: "Allow", data: "p:7:yes" },
            { label: "Deny", data: "p:7:no" },
          ],
        ],
      },
    );

    const press = slack.pressButton({ channel, user: "U2", messageTs: question.messageId, value: "p:7:no" });
    await expect.poll(() => events.length, poll).toBe(2);
    // The handler is still waiting, yet Slack has its ack.
    await expect.poll(() => slack.acks.map((ack) => ack.envelopeId), poll).toContain(press.envelopeId);
    expect(slack.unacked()).toEqual([]);
    blocked.resolve();
    await handled.promise;

    const event = events[1]!;
    expect(event).toMatchObject({
      kind: "button",
      data: "p:7:no",
      from: user("U2", "u2"),
      message: { chatId: channel, threadId: root.ts, messageId: question.messageId },
    });
    if (event.kind !== "button") throw new Error("not a press");
    await bridge.answerButton(event.pressId);
    expect(callsOf("chat.postEphemeral")).toHaveLength(0);
    await bridge.answerButton(event.pressId, "This was already answered.");
    expect(slack.ephemerals(channel)).toEqual([
      { user: "U2", text: "This was already answered.", threadTs: root.ts },
    ]);
  });

  it("sends, edits, keeps and removes buttons; long text with buttons goes in several sections", async () => {
    const { bridge } = await started();
    const to = { chatId: channel, threadId: "1700000000.000001" };
    const sent = await bridge.send(to, { markdown: "**working**" });
    expect(sent).toEqual({ ...to, messageId: slack.channel(channel)[0]!.ts });
    await bridge.edit(sent, {
      markdown: "**Pick one**",
      buttons: [[{ label: "A", data: "q:1:a" }], [{ label: "B", data: "q:1:b" }]],
    });
    await bridge.edit(sent, { markdown: "**Pick one** (still)" });
    const withButtons = slack.channel(channel)[0]!;
    expect(withButtons.buttons.map((button) => button.value)).toEqual(["q:1:a", "q:1:b"]);
    expect(withButtons.blocks?.[0]).toEqual({
      type: "section",
      text: { type: "mrkdwn", text: "*Pick one* (still)" },
    });
    await bridge.edit(sent, { markdown: "Answered by alice: A", buttons: [] });
    const done = slack.channel(channel)[0]!;
    expect([done.text, done.buttons, done.threadTs, done.edits.length]).toEqual([
      "Answered by alice: A",
      [],
      to.threadId,
      3,
    ]);

    const long = Array.from({ length: 200 }, (_, index) => `line ${index} ${"x".repeat(40)}`).join("\n");
    const big = await bridge.send(to, { markdown: long, buttons: [[{ label: "Ok", data: "q:2:ok" }]] });
    const stored = slack.channel(channel).find((message) => message.ts === big.messageId)!;
    const sections = (stored.blocks as { type: string; text?: { text: string } }[]).filter(
      (block) => block.type === "section",
    );
    expect(sections.length).toBeGreaterThan(1);
    expect(sections.map((section) => section.text!.text).join("\n")).toBe(long);
    await expect(
      bridge.send(to, { markdown: "x", buttons: [[{ label: "Too long", data: "d".repeat(65) }]] }),
    ).rejects.toThrow(/64/);
  });

  it("waits out a rate-limited chat.update (Retry-After as a lower bound) and drops nothing", async () => {
    const { bridge } = await started();
    const sent = await bridge.send({ chatId: channel }, { markdown: "part 1" });
    slack.rateLimit("chat.update", 2, 1);
    const began = performance.now();
    await bridge.edit(sent, { markdown: "part 1\npart 2" });
    // Two answers of Retry-After: 1 → at least two seconds (a lower bound only; 10 ms for timer rounding).
    expect(performance.now() - began).toBeGreaterThanOrEqual(1990);
    expect(callsOf("chat.update").map((call) => call.error)).toEqual([
      "ratelimited",
      "ratelimited",
      undefined,
    ]);
    expect(slack.channel(channel)[0]!.text).toBe("part 1\npart 2");
    expect(bridge.health().state).toBe("connected");
  });

  it("sends the Markdown plain when Slack refuses the formatted content, and rejects other refusals", async () => {
    const { bridge } = await started();
    slack.refuse("chat.postMessage", "invalid_blocks", 1);
    const markdown = "Use **bold** & `code`";
    const sent = await bridge.send(
      { chatId: channel },
      { markdown, buttons: [[{ label: "Ok", data: "q:1:ok" }]] },
    );
    const stored = slack.channel(channel)[0]!;
    expect(stored.ts).toBe(sent.messageId);
    expect([stored.text, stored.mrkdwn]).toEqual([markdown, false]);
    expect(stored.blocks?.[0]).toEqual({
      type: "section",
      text: { type: "plain_text", text: markdown, emoji: false },
    });
    expect(callsOf("chat.postMessage").map((call) => call.error)).toEqual(["invalid_blocks", undefined]);

    slack.refuse("chat.update", "cant_update_message", 1);
    await expect(bridge.edit(sent, { markdown: "x" })).rejects.toThrow(
      "Slack refused chat.update: cant_update_message",
    );
  });

  it("reports an outage as retrying, reconnects, and delivers again", async () => {
    const { bridge, events } = await started();
    slack.outage();
    await expect.poll(() => bridge.health().state, poll).toBe("retrying");
    expect(bridge.health().lastError).toMatch(/Socket Mode/);
    const pending = bridge.send({ chatId: channel }, { markdown: "sent during the outage" });
    slack.recover();
    await expect.poll(() => bridge.health().state, poll).toBe("connected");
    await expect.poll(() => slack.connections(), poll).toBe(1);
    expect(slack.connectionsOpened()).toBeGreaterThanOrEqual(2);
    const sent: SentMessage = await pending;
    expect(slack.channel(channel).map((message) => [message.ts, message.text])).toEqual([
      [sent.messageId, "sent during the outage"],
    ]);
    slack.mention({ channel, user: "U1", text: "after" });
    await expect.poll(() => events.length, poll).toBe(1);
  });

  it("stop() during an outage ends the reconnect attempts and leaves no timer", async () => {
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
    const before = timers();
    const { bridge } = await started();
    slack.outage();
    await expect.poll(() => bridge.health().state, poll).toBe("retrying");
    // Let a reconnect attempt begin: apps.connections.open fails while Slack is down.
    await expect.poll(() => bridge.health().lastError, poll).toMatch(/Socket Mode: reconnecting/);
    await bridge.stop();
    slack.recover();
    await expect.poll(timers, poll).toBeLessThanOrEqual(before);
    expect(slack.connectionsOpened()).toBe(1);
    expect(slack.connections()).toBe(0);
  });

  it("lets the bridge download a file attached to a task, with the bot token, within a size limit", async () => {
    const { events } = await started();
    const bytes = new TextEncoder().encode("name,value\n");
    slack.mention({ channel, user: "U1", text: "load this", files: [{ name: "data.csv", bytes }] });
    await expect.poll(() => events.length, poll).toBe(1);
    const event = events[0]!;
    if (event.kind !== "command") throw new Error("not a command");
    expect(event.files.map((file) => file.name)).toEqual(["data.csv"]);
    expect(await event.files[0]!.download(1024)).toEqual(bytes);
    await expect(event.files[0]!.download(4)).rejects.toThrow(/at most 4/);
  });

  it("refuses a wrong token at start, and uploads a file into a thread", async () => {
    await expect(newBridge({ botToken: "xoxb-wrong" }).start(async () => undefined)).rejects.toThrow(
      /refused a token/,
    );
    const { bridge } = await started();
    const to = { chatId: channel, threadId: "1700000000.000009" };
    const sent = await bridge.sendFile(to, {
      name: "diff.patch",
      bytes: new TextEncoder().encode("+a\n"),
      caption: "the diff",
    });
    expect(slack.uploads()).toMatchObject([
      { name: "diff.patch", channel, threadTs: to.threadId, comment: "the diff" },
    ]);
    expect(sent).toEqual({ ...to, messageId: slack.channel(channel)[0]!.ts });
  });

  it("stop() closes the socket, aborts a retry wait, leaves no timer and handles nothing more", async () => {
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;
    const before = timers();
    const { bridge, events } = await started();
    slack.rateLimit("chat.postMessage", 1, 60);
    const waiting = bridge.send({ chatId: channel }, { markdown: "never" });
    await expect.poll(() => callsOf("chat.postMessage").length, poll).toBe(1);
    await bridge.stop();
    await expect(waiting).rejects.toThrow(/stopping/);
    expect(bridge.health().state).toBe("stopped");
    await expect.poll(() => slack.connections(), poll).toBe(0);
    const late = slack.mention({ channel, user: "U1", text: "too late" });
    expect(slack.unacked()).toEqual([late.envelopeId]);
    expect(events).toEqual([]);
    expect(errors).toEqual([]);
    // Bolt's ping/pong and reconnect timers and our retry waits are all gone.
    await expect.poll(timers, poll).toBeLessThanOrEqual(before);
  });
});
