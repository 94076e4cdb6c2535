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

/** Enter at every question: sandbox, provider, base URL, model, agent, port, keys, confirm. */
const allDefaults = ["", "", "", "", "", "", "", ""];

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
    answers[7] = "n";
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
});
