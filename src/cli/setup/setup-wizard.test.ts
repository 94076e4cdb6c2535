import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { parse } from "smol-toml";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../config/load-config.js";
import { defaultsPrompter, readlinePrompter, SetupCancelled } from "./prompter.js";
import type { SetupHost } from "./setup-host.js";
import { runSetup } from "./setup-wizard.js";

/**
 * The wizard driven by a scripted input stream, every answer written before the first
 * question (as a pipe delivers them), against a host with fixed findings: no sandbox is
 * started and no real agents directory is read.
 */
function fakeHost(environment: Record<string, string> = {}): SetupHost & { keys: number } {
  const host = {
    keys: 0,
    inspectProviders: (_draft: unknown, say: (line: string) => void) => {
      say("✓ bwrap: isolation holds");
      say("✗ docker: no Docker engine");
      return Promise.resolve([
        { name: "bwrap", isReady: true },
        { name: "docker", isReady: false },
      ]);
    },
    listAgents: () =>
      Promise.resolve([
        { name: "builtin", title: "Hangar's own agent", installed: "n/a" as const },
        { name: "codex", title: "Codex", installed: "no" as const },
      ]),
    readVariable: (name: string) => environment[name],
    variablesSetting: (path: readonly string[]) => (path.join(".") === "server.port" ? ["HANGAR_PORT"] : []),
    generateKey: () => `generated-key-number-${++host.keys}-0123456789`,
  };
  return host;
}

interface Transcript {
  outcome: Awaited<ReturnType<typeof runSetup>> | SetupCancelled;
  output: string;
}

async function runScripted(
  path: string,
  answers: string[],
  host: SetupHost = fakeHost(),
): Promise<Transcript> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = "";
  output.on("data", (chunk: Buffer) => (text += chunk.toString()));
  input.end(answers.map((answer) => `${answer}\n`).join(""));
  const prompter = readlinePrompter(input, output);
  try {
    return { outcome: await runSetup({ path, prompter, host }), output: text };
  } catch (error) {
    if (error instanceof SetupCancelled) return { outcome: error, output: text };
    throw error;
  } finally {
    prompter.close();
  }
}

/** Enter at every question: sandbox, provider, base URL, model, agent, port, keys, chat bridges, confirm. */
const allDefaults = ["", "", "", "", "", "", "", "", ""];
/** The answers before the chat bridges question when every earlier one takes its default. */
const defaultsBeforeBridges = allDefaults.slice(0, 7);

let directory: string;
let path: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "hangar-setup-"));
  path = join(directory, "hangar.toml");
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe("hangar setup's wizard", () => {
  it("re-asks a bad answer naming the field, and writes a file the loader accepts with the answers", async () => {
    const { outcome, output } = await runScripted(path, [
      "podman", // sandbox.provider: unknown
      "docker",
      "mistral", // provider: unknown
      "ollama",
      "not a url", // llm.providers.ollama.base_url: the schema refuses it
      "http://127.0.0.1:11500/v1",
      "qwen2.5-coder:7b",
      "nope", // agents.default_agent: unknown
      "codex",
      "0", // server.port
      "70000",
      "port",
      "9090",
      "alice, bad owner!", // an owner the schema refuses
      "alice, bob:admin",
      "", // bridges: none
      "y",
    ]);
    expect(outcome).toBe("written");
    expect(output).toContain('✗ sandbox.provider: unknown sandbox provider "podman": choose bwrap, docker');
    expect(output).toContain("! docker is not ready on this host yet");
    expect(output).toContain(
      '✗ llm.default_model: unknown provider "mistral": choose openai, anthropic, gemini, ollama, custom',
    );
    expect(output).toContain("✗ llm.providers.ollama.base_url: Invalid URL");
    expect(output).toContain('✗ agents.default_agent: unknown agent "nope": choose builtin, codex');
    expect(output).toContain("! codex is not installed: run  hangar agents install codex");
    expect(output).toContain("✗ server.port: 0 picks a random port");
    expect(output).toContain("✗ server.port: must be a whole number from 1 to 65535 (got 70000)");
    expect(output).toContain('✗ server.port: must be a whole number from 1 to 65535 (got "port")');
    expect(output).toContain("✗ server.api_keys.1.owner: owner must be 1-64 letters, digits, . _ -");
    // Each refusal asked again: the port question was put four times.
    expect(output.match(/server\.port — /g)).toHaveLength(4);

    const config = parseConfig(parse(await readFile(path, "utf8")));
    expect(config.sandbox.provider).toBe("docker");
    expect(config.llm.default_model).toBe("ollama:qwen2.5-coder:7b");
    expect(config.llm.providers).toEqual({ ollama: { base_url: "http://127.0.0.1:11500/v1" } });
    expect(config.agents.default_agent).toBe("codex");
    expect(config.server.port).toBe(9090);
    expect(config.server.api_keys).toEqual([
      { key: "generated-key-number-3-0123456789", owner: "alice", admin: false },
      { key: "generated-key-number-4-0123456789", owner: "bob", admin: true },
    ]);
    // Keys make the file private, and the diff on screen never shows one whole.
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(output).not.toContain("generated-key-number-3");
    expect(output).toContain('+key = "gene****"');
  });

  it("shows an existing file's diff and leaves it untouched when the answer is no", async () => {
    const old = "# my notes\n[server]\nport = 8000\n\n[runs]\nmax_concurrent = 3\n";
    await writeFile(path, old, { mode: 0o640 });
    const before = await stat(path);
    const answers = [...allDefaults];
    answers[5] = "8100"; // the port
    answers[8] = "n";
    const { outcome, output } = await runScripted(path, answers);
    expect(outcome).toBe("declined");
    expect(output).toContain("server.port — the TCP port the HTTP API listens on [8000]: 8100");
    expect(output).toContain(`--- ${path}\n+++ ${path}\n`);
    expect(output).toContain("\n-# my notes\n");
    expect(output).toContain("\n-port = 8000\n+# The TCP port of the HTTP API.\n+port = 8100\n");
    expect(output).toContain("! the file is rewritten whole: comments of your own in it are not kept");
    expect(output).toContain(`left ${path} as it was`);
    expect(await readFile(path, "utf8")).toBe(old);
    expect((await stat(path)).mtimeMs).toBe(before.mtimeMs);
  });

  it("keeps the keys it does not ask about, and an owner's existing API key", async () => {
    await writeFile(
      path,
      [
        "[runs]",
        "max_concurrent = 3",
        "[[server.api_keys]]",
        'key = "alice-old-key-0123456789"',
        'owner = "alice"',
        "[llm]",
        'default_model = "anthropic:claude-sonnet-4-5"',
      ].join("\n"),
    );
    const answers = [...allDefaults];
    answers.splice(2, 1); // anthropic has no base URL question
    answers[5] = "alice, carol";
    const { outcome, output } = await runScripted(path, answers);
    expect(outcome).toBe("written");
    expect(output).toContain(
      "llm.default_model — the model's provider (openai, anthropic, gemini, ollama, custom) [anthropic]",
    );
    expect(output).toContain("anthropic's base URL: https://api.anthropic.com/v1 (built in)");
    expect(output).toContain("1 API key in the file: alice");
    const config = parseConfig(parse(await readFile(path, "utf8")));
    expect(config.runs.max_concurrent).toBe(3);
    expect(config.llm.default_model).toBe("anthropic:claude-sonnet-4-5");
    expect(config.server.api_keys.map(({ key, owner }) => [owner, key])).toEqual([
      ["alice", "alice-old-key-0123456789"],
      ["carol", "generated-key-number-1-0123456789"],
    ]);
  });

  it("says whether the provider's key variable is set and never writes a key into the file", async () => {
    const host = fakeHost({ OPENAI_API_KEY: "sk-test-secret-value", HANGAR_PORT: "9999" });
    const { outcome, output } = await runScripted(path, allDefaults, host);
    expect(outcome).toBe("written");
    expect(output).toContain("OPENAI_API_KEY set");
    expect(output).toContain(
      "✓ OPENAI_API_KEY is set in this environment (the key stays there, never in hangar.toml)",
    );
    expect(output).toContain(
      "! HANGAR_PORT is set in this environment and overrides server.port from the file",
    );
    const text = await readFile(path, "utf8");
    expect(text).not.toContain("sk-test-secret-value");
    expect(parseConfig(parse(text)).llm.default_model).toBe("openai:gpt-4.1");
  });

  it("has nothing to write when the file already says what was answered", async () => {
    expect((await runScripted(path, allDefaults)).outcome).toBe("written");
    const written = await readFile(path, "utf8");
    const again = await runScripted(path, allDefaults.slice(0, -1));
    expect(again.outcome).toBe("unchanged");
    expect(again.output).toContain("already says this: nothing to write");
    expect(await readFile(path, "utf8")).toBe(written);
  });

  it("refuses to write when a key it does not ask about is invalid, naming it", async () => {
    const old = "[runs]\nmax_concurent = 3\n";
    await writeFile(path, old);
    await expect(runScripted(path, allDefaults)).rejects.toThrow(
      /not written: invalid configuration\n {2}unknown key "max_concurent" in \[runs\] \(did you mean "max_concurrent"\?\)/,
    );
    expect(await readFile(path, "utf8")).toBe(old);
  });

  it("writes nothing when the input ends before the last answer", async () => {
    const { outcome } = await runScripted(path, ["", "", ""]);
    expect(outcome).toBeInstanceOf(SetupCancelled);
    await expect(stat(path)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("with --yes takes every default, and stops instead of looping when a default is refused", async () => {
    const output = new PassThrough();
    let text = "";
    output.on("data", (chunk: Buffer) => (text += chunk.toString()));
    expect(await runSetup({ path, prompter: defaultsPrompter(output), host: fakeHost() })).toBe("written");
    expect(text).toContain("server.port — the TCP port the HTTP API listens on: 8087");
    expect(parseConfig(parse(await readFile(path, "utf8"))).sandbox.provider).toBe("bwrap");

    await writeFile(path, "[server]\nport = 0\n");
    await expect(runSetup({ path, prompter: defaultsPrompter(output), host: fakeHost() })).rejects.toThrow(
      /--yes cannot answer "server.port — the TCP port the HTTP API listens on"/,
    );
    expect(await readFile(path, "utf8")).toBe("[server]\nport = 0\n");
  });

  it("sets up Telegram and Slack: token variables named (never the tokens), user ids validated, each table written", async () => {
    const host = fakeHost({
      MY_BOT_TOKEN: "123456:telegram-secret-token-value",
      SLACK_BOT_TOKEN: "xoxb-slack-secret",
    });
    const { outcome, output } = await runScripted(
      path,
      [
        ...defaultsBeforeBridges,
        "discord", // bridges: unknown
        "slack, telegram",
        "123456:ABCdefGhIJKlmnoPQRstuVWxyz012345", // token_env: the token itself
        "MY-BOT", // not a variable name: the schema refuses it
        "MY_BOT_TOKEN",
        "123456789, @ada", // allowed_users: a username
        "123456789, 12345678901234567890, 123456789",
        "bad project!", // default_project: the schema refuses it
        "demo",
        "not a url", // api_root: the schema refuses it
        "http://127.0.0.1:8081",
        "", // bot_token_env: SLACK_BOT_TOKEN
        "xapp-1-A0123-secret", // app_token_env: the token itself
        "",
        "u012abc", // allowed_users: not a Slack id
        "U012ABC,W0XYZ9",
        "",
        "y",
      ],
      host,
    );
    expect(outcome).toBe("written");
    expect(output).toContain('✗ bridges: unknown chat platform "discord": choose telegram, slack, or "none"');
    expect(output).toContain(
      "✗ bridges.telegram.token_env: that looks like the token itself: give the name of the variable that holds it",
    );
    expect(output).toContain(
      "✗ bridges.telegram.token_env: an environment variable name is letters, digits and _",
    );
    expect(output).toContain(
      "✓ MY_BOT_TOKEN is set in this environment (the token stays there, never in hangar.toml)",
    );
    expect(output).toContain('✗ bridges.telegram.allowed_users: "@ada" is not a Telegram user id');
    expect(output).toContain(
      "✗ bridges.telegram.default_project: default_project must be 1-128 letters, digits, . _ -",
    );
    expect(output).toContain("✗ bridges.telegram.api_root: api_root must be a URL");
    expect(output).toContain("✓ SLACK_BOT_TOKEN is set in this environment");
    expect(output).toContain(
      "✗ bridges.slack.app_token_env: that looks like the token itself: give the name of the variable that holds it",
    );
    expect(output).toContain(
      "! SLACK_APP_TOKEN is not set: export it (or put it in .env) before hangar serve; the token never goes in hangar.toml",
    );
    expect(output).toContain('✗ bridges.slack.allowed_users: "u012abc" is not a Slack user id');
    expect(output).toContain("[6/6] Chat bridges");
    // Telegram is asked first, whatever order the answer named them in.
    expect(output.indexOf("bridges.telegram.token_env — ")).toBeLessThan(
      output.indexOf("bridges.slack.bot_token_env — "),
    );

    const text = await readFile(path, "utf8");
    for (const secret of [
      "telegram-secret-token-value",
      "xoxb-slack-secret",
      "ABCdefGhIJKlmno",
      "xapp-1-A0123",
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain(
      '# The environment variable holding the bot token from @BotFather (the token never goes in this file).\ntoken_env = "MY_BOT_TOKEN"\n',
    );
    const { bridges } = parseConfig(parse(text));
    expect(bridges.telegram).toEqual({
      token_env: "MY_BOT_TOKEN",
      api_root: "http://127.0.0.1:8081",
      allowed_users: ["123456789", "12345678901234567890"],
      owners: {},
      default_project: "demo",
      debounce_ms: 500,
    });
    expect(bridges.slack).toEqual({
      bot_token_env: "SLACK_BOT_TOKEN",
      app_token_env: "SLACK_APP_TOKEN",
      allowed_users: ["U012ABC", "W0XYZ9"],
      owners: {},
      default_project: "chat",
      debounce_ms: 500,
    });
  });

  it("keeps a bridge table's other keys, warns when nobody is allowed, and removes a bridge left out", async () => {
    await writeFile(
      path,
      [
        "[bridges.telegram]",
        'token_env = "TG_TOKEN"',
        "allowed_users = [111]",
        "debounce_ms = 250",
        "[bridges.telegram.owners]",
        '111 = "alice"',
        "[bridges.slack]",
        'allowed_users = ["U012ABC"]',
      ].join("\n"),
    );
    const { outcome, output } = await runScripted(path, [
      ...defaultsBeforeBridges,
      "telegram", // slack left out
      "",
      "none", // allowed_users
      "",
      "",
      "y",
    ]);
    expect(outcome).toBe("written");
    expect(output).toContain(
      'bridges — chat bridges hangar serve runs: telegram, slack (comma-separated), or "none" [telegram, slack]: telegram',
    );
    expect(output).toContain(
      "bridges.telegram.token_env — the environment variable holding the bot token [TG_TOKEN]",
    );
    expect(output).toContain("! TG_TOKEN is not set: export it");
    expect(output).toContain("[111]: none");
    expect(output).toContain(
      "! nobody is allowed: the bridge refuses everyone until allowed_users names someone",
    );
    const { bridges } = parseConfig(parse(await readFile(path, "utf8")));
    expect(bridges.slack).toBeUndefined();
    expect(bridges.telegram).toMatchObject({
      token_env: "TG_TOKEN",
      allowed_users: [],
      debounce_ms: 250,
      owners: { "111": "alice" },
    });

    const again = await runScripted(path, [...defaultsBeforeBridges, "none", "y"]);
    expect(again.outcome).toBe("written");
    expect(again.output).toContain("-[bridges.telegram]");
    expect(parseConfig(parse(await readFile(path, "utf8"))).bridges).toEqual({});
  });

  it("with --yes keeps the bridge tables a file has and adds none", async () => {
    const output = new PassThrough();
    output.resume();
    expect(await runSetup({ path, prompter: defaultsPrompter(output), host: fakeHost() })).toBe("written");
    expect(parseConfig(parse(await readFile(path, "utf8"))).bridges).toEqual({});

    const table = [
      "[bridges.slack]",
      'bot_token_env = "BOT"',
      'app_token_env = "APP"',
      'api_url = "http://127.0.0.1:9000/api/"',
      'allowed_users = ["U012ABC"]',
      'default_project = "ops"',
      "debounce_ms = 900",
    ].join("\n");
    await writeFile(path, table);
    const before = parseConfig(parse(table)).bridges;
    expect(await runSetup({ path, prompter: defaultsPrompter(output), host: fakeHost() })).toBe("written");
    expect(parseConfig(parse(await readFile(path, "utf8"))).bridges).toEqual(before);
  });
});
