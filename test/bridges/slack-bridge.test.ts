import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireBubblewrap } from "../fixtures/hangar-harness.js";
import { startScriptedModelServer, type ScriptedModelServer } from "../fixtures/scripted-model-server.js";
import {
  killServerProcesses,
  prepareServerDirectory,
  removeServerDirectory,
  type ServerProcess,
  startServerProcess,
} from "../fixtures/server-process.js";
import { startSlackApi, type ChannelMessage, type SlackApiFixture } from "../fixtures/slack-api.js";

/**
 * The Slack bridge end to end: `hangar serve` with `[bridges.slack]` pointed at a
 * local server speaking Slack's Web API and Socket Mode, real Bolt, the
 * scripted model, real sandboxes. A mention starts a task in its thread, the
 * answer streams in through chat.update (one of them rate-limited), a write is
 * approved with a button, and the thread ends with the summary; nothing is
 * dropped or repeated.
 */

const channel = "C0TASKS";
const user = "U0ADA";

describe.runIf(requireBubblewrap())("the Slack bridge", () => {
  let model: ScriptedModelServer;
  let slack: SlackApiFixture;
  let dataDirectory: string;
  let configPath: string;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    model = await startScriptedModelServer();
    slack = await startSlackApi();
    ({ dataDirectory, configPath } = await prepareServerDirectory("hangar-slack-", [
      "[sandbox]",
      "pool_size = 0",
      "[llm]",
      'default_model = "openai:scripted"',
      "[agents]",
      'default_approval = "ask"',
      "[bridges.slack]",
      `api_url = "${slack.url}"`,
      `allowed_users = ["${user}"]`,
      'default_project = "slack-e2e"',
      "debounce_ms = 100",
      "[log]",
      'level = "info"',
    ]));
  }, 120_000);

  afterAll(async () => {
    await killServerProcesses(servers);
    if (dataDirectory !== undefined) {
      await removeServerDirectory(dataDirectory, configPath);
    }
    await slack?.close();
    await model?.close();
  });

  const bot = (): ChannelMessage[] =>
    slack.channel(channel).filter((message) => message.user === slack.botUserId);

  async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = probe();
      if (found !== undefined) return found;
      if (Date.now() > deadline) {
        throw new Error(
          `timed out waiting for ${what}; thread:\n${bot()
            .map((each) => each.text)
            .join("\n---\n")}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it("runs a mentioned task in its thread: streamed updates, an approval button, the summary", async () => {
    const words = Array.from({ length: 40 }, (_, index) => `word${index}`);
    model.enqueue(
      {
        text: words.map((word) => `${word} `),
        toolCalls: [{ name: "write_file", input: { path: "note.txt", content: "hi\n" } }],
      },
      { text: "Wrote note.txt." },
    );
    slack.rateLimit("chat.update", 1, 1);
    const server = await startServerProcess(dataDirectory, configPath, {
      OPENAI_API_KEY: "sk-slack-test-key",
      OPENAI_BASE_URL: model.openaiBaseUrl,
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_APP_TOKEN: slack.appToken,
    });
    servers.push(server);
    await waitFor("the Socket Mode connection", () => (slack.connections() > 0 ? true : undefined));

    // Someone not allowed is refused in the thread.
    const refused = slack.mention({ channel, user: "U0EVE", text: "rm -rf /" });
    await waitFor("the refusal", () => bot().find((message) => message.threadTs === refused.ts));

    const task = slack.mention({ channel, user, text: `<@${slack.botUserId}> write a note` });
    const inThread = () => bot().filter((message) => message.threadTs === task.ts);
    const asking = await waitFor("the approval buttons", () =>
      inThread().find((message) => message.buttons.some((button) => /Allow/.test(button.label))),
    );
    expect(asking.text).toContain("note.txt");
    const allow = asking.buttons.find((button) => /Allow/.test(button.label))!;
    slack.pressButton({ channel, user, messageTs: asking.ts, value: allow.value });
    await waitFor("the summary", () => inThread().find((message) => message.text.includes("Completed")));
    await waitFor("the last text", () =>
      inThread().find((message) => message.text.includes("Wrote note.txt.")),
    );

    const texts = inThread().map((message) => message.text);
    const all = texts.join("\n");
    for (const word of words) expect(all.split(`${word} `).length - 1, word).toBe(1);
    expect(texts.filter((text) => text.includes("Wrote note.txt.")).length).toBe(1);
    expect(texts.filter((text) => text.includes("Completed")).length).toBe(1);
    expect(inThread().find((message) => message.ts === asking.ts)?.buttons).toEqual([]);
    // The rate-limited update was retried, not dropped; every envelope was acked.
    const updates = slack.calls.filter((call) => call.method === "chat.update");
    expect(updates.some((call) => call.error === "ratelimited")).toBe(true);
    expect(slack.unacked()).toEqual([]);
    const status = (await (await fetch(`${server.url}/status`)).json()) as {
      bridges: { platform: string; state: string }[];
    };
    expect(status.bridges).toEqual([expect.objectContaining({ platform: "slack", state: "connected" })]);
  }, 240_000);
});
