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
import {
  startTelegramBotApi,
  type ChatMessage,
  type TelegramBotApiFixture,
} from "../fixtures/telegram-bot-api.js";

/**
 * The Telegram bridge end to end: the real server (`hangar serve` as a process)
 * with `[bridges.telegram]` pointed at a local server speaking the Bot API, the
 * scripted model, real sandboxes. A task streams past Telegram's 4,096
 * characters, a question is answered with a button after a `kill -9` of Hangar
 * in the middle of the session, a write is approved with a button, the
 * platform rate-limits an edit and refuses a formatted message; the chat ends
 * up with every line of the session's text exactly once.
 */

const ada = { id: 111, first_name: "Ada" };
const eve = { id: 222, first_name: "Eve" };
const lineCount = 300;
const longText = Array.from(
  { length: lineCount },
  (_, index) => `alpha ${String(index).padStart(4, "0")} bravo`,
).join("\n");

describe.runIf(requireBubblewrap())("the Telegram bridge", () => {
  let model: ScriptedModelServer;
  let telegram: TelegramBotApiFixture;
  let dataDirectory: string;
  let configPath: string;
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    model = await startScriptedModelServer();
    telegram = await startTelegramBotApi();
    ({ dataDirectory, configPath } = await prepareServerDirectory("hangar-telegram-", [
      "[sandbox]",
      "pool_size = 0",
      "[llm]",
      'default_model = "openai:scripted"',
      "[agents]",
      'default_approval = "ask"',
      "interaction_timeout_seconds = 120",
      "[bridges.telegram]",
      `api_root = "${telegram.url}"`,
      `allowed_users = [${ada.id}]`,
      'default_project = "telegram-e2e"',
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
    await telegram?.close();
    await model?.close();
  });

  const environment = () => ({
    OPENAI_API_KEY: "sk-telegram-test-key",
    OPENAI_BASE_URL: model.openaiBaseUrl,
    TELEGRAM_BOT_TOKEN: telegram.token,
  });

  const botMessages = (): ChatMessage[] => telegram.chat(ada.id).filter((message) => message.fromBot);

  async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = probe();
      if (found !== undefined) return found;
      if (Date.now() > deadline) {
        throw new Error(
          `timed out waiting for ${what}; chat:\n${botMessages()
            .map((each) => each.text)
            .join("\n---\n")}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const withButton = (label: RegExp) => () =>
    botMessages().find((message) => message.buttons?.flat().some((button) => label.test(button.text)));

  it("streams a task into the chat, survives kill -9 with a question open, and delivers every line exactly once", async () => {
    model.enqueue(
      {
        text: longText,
        toolCalls: [{ name: "ask_user", input: { question: "Which colour?", choices: ["red", "blue"] } }],
      },
      {
        text: "PLAINMARK chose blue",
        toolCalls: [{ name: "write_file", input: { path: "colour.txt", content: "blue\n" } }],
      },
      { text: "All done." },
    );
    telegram.rateLimit("editMessageText", 1, 1);
    telegram.rejectFormattedTextContaining("PLAINMARK");
    let server = await startServerProcess(dataDirectory, configPath, environment());
    servers.push(server);

    // Someone not on allowed_users is refused and starts nothing.
    telegram.sendUserMessage({ chatId: eve.id, from: eve, text: "/task rm -rf /" });
    await waitFor("the refusal", () => telegram.chat(eve.id).find((message) => message.fromBot));
    expect(telegram.chat(eve.id).find((message) => message.fromBot)?.text).toMatch(/not allowed/);

    telegram.sendUserMessage({ chatId: ada.id, from: ada, text: "/task write the list" });
    const question = await waitFor("the question's buttons", withButton(/^blue$/));
    expect(question.text).toContain("Which colour?");

    // Hangar dies with the question open; the restarted one continues the same chat.
    server.child.kill("SIGKILL");
    await server.exited;
    server = await startServerProcess(dataDirectory, configPath, environment());
    servers.push(server);
    const blue = question.buttons!.flat().find((button) => button.text === "blue")!;
    telegram.pressButton({
      chatId: ada.id,
      messageId: question.messageId,
      from: ada,
      data: blue.callback_data!,
    });

    const permission = await waitFor("the permission buttons", withButton(/Allow/));
    expect(permission.text).toContain("colour.txt");
    const allow = permission.buttons!.flat().find((button) => /Allow/.test(button.text))!;
    telegram.pressButton({
      chatId: ada.id,
      messageId: permission.messageId,
      from: ada,
      data: allow.callback_data!,
    });
    await waitFor("the summary", () =>
      botMessages().find((message) => message.text?.startsWith("✅ Completed")),
    );
    await waitFor("All done", () => botMessages().find((message) => message.text?.includes("All done")));

    const messages = botMessages();
    const texts = messages.map((message) => message.text ?? "");
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(4096);
    const all = texts.join("\n");
    for (let index = 0; index < lineCount; index += 1) {
      const line = `alpha ${String(index).padStart(4, "0")} bravo`;
      expect(all.split(line).length - 1, line).toBe(1);
    }
    // The long text took more than one message: split, not cut.
    expect(texts.filter((text) => text.includes("alpha ")).length).toBeGreaterThan(1);
    expect(texts.filter((text) => text.includes("All done")).length).toBe(1);
    // The resumed session called ask_user again (same call): its line is not repeated; it
    // shows running before the question and finished after the answer.
    const askLines = all.split("\n").filter((line) => line.includes("ask\\_user"));
    expect(askLines).toHaveLength(2);
    expect(askLines[0]).toMatch(/…$/);
    expect(askLines[1]).toMatch(/✓/);
    expect(texts.filter((text) => text.startsWith("✅ Completed")).length).toBe(1);
    // Telegram refused the formatted text: it went plain, once.
    const plain = messages.filter((message) => message.text?.includes("PLAINMARK chose blue"));
    expect(plain).toHaveLength(1);
    expect(plain[0]!.parseMode).toBeUndefined();
    // The buttons gave way to who answered what.
    const answered = messages.find((message) => message.messageId === question.messageId)!;
    expect(answered.text).toMatch(/answered: blue by Ada/);
    expect(answered.buttons ?? []).toEqual([]);
    expect(messages.find((message) => message.messageId === permission.messageId)?.text).toMatch(
      /approved by Ada/,
    );
    // The rate-limited edit was retried, not dropped.
    const edits = telegram.calls.filter((call) => call.method === "editMessageText");
    expect(edits.some((call) => call.status === 429)).toBe(true);
    expect(edits.some((call) => call.status === 200)).toBe(true);
    expect(model.requests).toHaveLength(3);
    // GET /status reports the bridge.
    const status = (await (await fetch(`${server.url}/status`)).json()) as {
      bridges: { platform: string; state: string }[];
    };
    expect(status.bridges).toEqual([expect.objectContaining({ platform: "telegram", state: "connected" })]);
  }, 240_000);
});
