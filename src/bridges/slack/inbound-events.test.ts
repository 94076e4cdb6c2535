import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { decodePress, encodePress, routeBody, type InboundContext } from "./inbound-events.js";

const context: InboundContext = {
  botUserId: "UBOT",
  latestBotMessage: (channel, threadTs) => (channel === "C1" && threadTs === "10.1" ? "12.1" : undefined),
  download: async () => new Uint8Array([7]),
};
const callback = (event: Record<string, unknown>) => ({ type: "event_callback", event });

describe("Slack envelopes as bridge events", () => {
  it("ignores the bot's own messages, edits, and thread replies in threads the bot never joined", () => {
    const base = {
      type: "message",
      channel: "C1",
      channel_type: "channel",
      text: "hi",
      ts: "11.1",
      thread_ts: "10.1",
    };
    expect(routeBody(callback({ ...base, user: "UBOT" }), context)).toBeUndefined();
    expect(routeBody(callback({ ...base, user: "U1", bot_id: "B1" }), context)).toBeUndefined();
    expect(routeBody(callback({ ...base, user: "U1", subtype: "message_changed" }), context)).toBeUndefined();
    expect(routeBody(callback({ ...base, user: "U1", thread_ts: "9.9" }), context)).toBeUndefined();
    // A mention in the thread comes again as app_mention: the plain copy is dropped.
    expect(routeBody(callback({ ...base, user: "U1", text: "<@UBOT> status" }), context)).toBeUndefined();
    expect(routeBody(callback({ ...base, user: "U1" }), context)).toMatchObject({
      event: { kind: "text", replyTo: { chatId: "C1", threadId: "10.1", messageId: "12.1" } },
    });
  });

  it("reads a command word after the mention, with or without a slash, and keeps files downloadable", async () => {
    const mention = (text: string) =>
      routeBody(callback({ type: "app_mention", channel: "C1", user: "U1", text, ts: "20.1" }), context);
    expect(mention("<@UBOT> /Sessions")).toMatchObject({ event: { name: "sessions", argument: "" } });
    expect(mention("<@UBOT>   please help   write <@UBOT> docs")).toMatchObject({
      event: { name: "task", argument: "please help write docs" },
    });
    expect(mention("<@UBOT> project demo")).toMatchObject({ event: { name: "project", argument: "demo" } });
    const withFile = routeBody(
      callback({
        type: "message",
        subtype: "file_share",
        channel_type: "im",
        channel: "D1",
        user: "U1",
        text: "use this",
        ts: "21.1",
        files: [{ name: "a.txt", size: 1, url_private_download: "http://127.0.0.1/f" }],
      }),
      context,
    );
    if (withFile?.kind !== "event" || withFile.event.kind !== "command") throw new Error("not a command");
    expect(withFile.event.files.map((file) => file.name)).toEqual(["a.txt"]);
    expect(await withFile.event.files[0]!.download(10)).toEqual(new Uint8Array([7]));
  });

  it("carries a press's target in its id", () => {
    const target = { chatId: "C1", userId: "U2", threadId: "10.1" };
    expect(decodePress(encodePress(target))).toEqual(target);
    expect(decodePress(encodePress({ chatId: "D1", userId: "U2" }))).toEqual({ chatId: "D1", userId: "U2" });
  });

  it("matches the app manifest: Socket Mode, interactivity, the events and the slash commands", () => {
    const manifest = readFileSync(new URL("../../../docs/slack-app-manifest.yaml", import.meta.url), "utf8");
    for (const line of ["socket_mode_enabled: true", "is_enabled: true", "- app_mention", "- message.im"]) {
      expect(manifest).toContain(line);
    }
    for (const command of ["task", "cancel", "status", "sessions", "project", "file", "diff", "help"]) {
      expect(manifest).toContain(`- command: /${command}\n`);
    }
    for (const scope of [
      "app_mentions:read",
      "chat:write",
      "commands",
      "im:history",
      "files:read",
      "files:write",
    ]) {
      expect(manifest).toMatch(new RegExp(`- ${scope}( |\\n)`));
    }
  });
});
