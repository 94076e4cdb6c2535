import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanEnvironment, cliEntry, prepareCliDirectory, runCli } from "./cli-process.js";

/**
 * `hangar setup` in a real terminal: tmux (a private server, `-L`) runs the built CLI, the
 * test reads the screen with `capture-pane` until the question it expects is the last line,
 * then types the answer with `send-keys`. Nothing is timed: every wait polls with a deadline.
 */
const socket = `hangar-setup-${process.pid}-${randomBytes(4).toString("hex")}`;
const openAiKey = "sk-e2e-never-in-the-file";
const telegramToken = "123456:e2e-telegram-token-never-in-the-file";
let directory: string;
/** The server's socket file, which tmux leaves behind when killed. */
let socketPath: string | undefined;

function tmux(...args: string[]): string {
  const result = spawnSync("tmux", ["-L", socket, "-f", "/dev/null", ...args], {
    encoding: "utf8",
    env: cleanEnvironment({
      // No engine at this address: the docker line is a quick, fixed "✗".
      DOCKER_HOST: `unix://${join(directory, "no-docker.sock")}`,
      OPENAI_API_KEY: openAiKey,
      TELEGRAM_BOT_TOKEN: telegramToken,
    }),
  });
  if (result.status !== 0) throw new Error(`tmux ${args.join(" ")}: ${result.stderr}`);
  return result.stdout;
}

const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

/** Starts `hangar setup ARGS` in a new tmux session; the pane stays after it exits, saying how. */
function startSetup(session: string, args: string[]): void {
  const command = [process.execPath, cliEntry, "setup", ...args].map(quote).join(" ");
  tmux(
    "new-session",
    "-d",
    "-s",
    session,
    "-x",
    "200",
    "-y",
    "50",
    "-c",
    directory,
    `${command}; echo "[setup exited $?]"; exec sleep 600`,
  );
}

/** The whole pane, scrollback included, wrapped lines joined. */
function screen(session: string): string {
  return tmux("capture-pane", "-p", "-J", "-S", "-", "-E", "-", "-t", session);
}

/** The last line with text, its trailing spaces gone (a question ends "…: " on screen). */
function lastLine(text: string): string {
  return text.trimEnd().split("\n").at(-1) ?? "";
}

/** Polls the screen until `ready` holds; fails with the screen after `seconds`. */
async function waitForScreen(
  session: string,
  ready: (text: string) => boolean,
  seconds = 60,
): Promise<string> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const text = screen(session);
    if (ready(text)) return text;
    if (Date.now() > deadline) throw new Error(`the screen never got there in ${seconds} s:\n${text}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until the question starting with `field — ` is the last line, then types `answer` and Enter. */
async function answer(session: string, field: string, text: string, seconds = 60): Promise<string> {
  const shown = await waitForScreen(
    session,
    (current) => lastLine(current).startsWith(`${field} `) && lastLine(current).endsWith(":"),
    seconds,
  );
  if (text !== "") tmux("send-keys", "-t", session, "-l", text);
  tmux("send-keys", "-t", session, "Enter");
  return shown;
}

/** Waits for an error line naming the field, then for the question to be asked again. */
async function refused(session: string, message: string): Promise<void> {
  await waitForScreen(session, (current) => current.includes(message) && lastLine(current).endsWith(":"));
}

beforeAll(async () => {
  directory = await prepareCliDirectory("hangar-setup-e2e-");
});

afterAll(async () => {
  spawnSync("tmux", ["-L", socket, "kill-server"], { encoding: "utf8" });
  if (socketPath !== undefined) await rm(socketPath, { force: true });
  await rm(directory, { recursive: true, force: true });
});

describe("hangar setup in a terminal", () => {
  it("answers every step, confirms, and writes a file hangar config validates with the answers", async () => {
    const path = join(directory, "new.toml");
    socketPath = tmux("start-server", ";", "display-message", "-p", "#{socket_path}").trim();
    startSetup("create", ["--config", path]);
    // The first question comes after the real bubblewrap probes: a loaded host takes a while.
    const probed = await answer("create", "sandbox.provider", "", 180);
    expect(probed).toContain("✓ bwrap: isolation holds");
    expect(probed).toMatch(/enforced: network isolation, secrets hidden, pids limit, memory limit/);
    expect(probed).toContain("✗ docker: no Docker engine");
    await answer("create", "llm.default_model", "mistral");
    await refused("create", '✗ llm.default_model: unknown provider "mistral"');
    await answer("create", "llm.default_model", "ollama");
    await answer("create", "llm.providers.ollama.base_url", "");
    await answer("create", "llm.default_model", "qwen2.5-coder:7b");
    await answer("create", "agents.default_agent", "");
    await answer("create", "server.port", "70000");
    await refused("create", "✗ server.port: must be a whole number from 1 to 65535 (got 70000)");
    await answer("create", "server.port", "9191");
    await answer("create", "server.api_keys", "e2e-user:admin");
    await answer("create", "bridges", "telegram");
    await answer("create", "bridges.telegram.token_env", "");
    await answer("create", "bridges.telegram.allowed_users", "@ada");
    await refused("create", '✗ bridges.telegram.allowed_users: "@ada" is not a Telegram user id');
    const variableSaid = await answer("create", "bridges.telegram.allowed_users", "123456789");
    expect(variableSaid).toContain("✓ TELEGRAM_BOT_TOKEN is set in this environment");
    await answer("create", "bridges.telegram.default_project", "demo");
    await answer("create", "bridges.telegram.api_root", "");
    const confirmation = await waitForScreen("create", (current) => lastLine(current).startsWith("write "));
    expect(confirmation).toContain(`--- /dev/null\n+++ ${path}`);
    expect(confirmation).toContain("+port = 9191");
    expect(confirmation).toContain("+[bridges.telegram]");
    tmux("send-keys", "-t", "create", "-l", "y");
    tmux("send-keys", "-t", "create", "Enter");
    const done = await waitForScreen("create", (current) => current.includes("[setup exited "));
    expect(done).toContain(`wrote ${path}`);
    expect(done).toContain("[setup exited 0]");

    const checked = runCli(["config", "--config", path], { cwd: directory });
    expect(checked.stderr).toBe("");
    expect(checked.status).toBe(0);
    const config = JSON.parse(checked.stdout) as {
      server: { port: number; api_keys: { key: string; owner: string; admin: boolean }[] };
      sandbox: { provider: string };
      llm: { default_model: string };
      agents: { default_agent: string };
      bridges: { telegram?: Record<string, unknown>; slack?: unknown };
    };
    expect(config.server.port).toBe(9191);
    expect(config.sandbox.provider).toBe("bwrap");
    expect(config.llm.default_model).toBe("ollama:qwen2.5-coder:7b");
    expect(config.agents.default_agent).toBe("builtin");
    expect(config.bridges).toEqual({
      telegram: {
        token_env: "TELEGRAM_BOT_TOKEN",
        allowed_users: ["123456789"],
        owners: {},
        default_project: "demo",
        debounce_ms: 500,
      },
    });
    // `hangar config` masks the key: its first four characters, then ****.
    expect(config.server.api_keys.map(({ owner, admin }) => ({ owner, admin }))).toEqual([
      { owner: "e2e-user", admin: true },
    ]);
    expect(config.server.api_keys[0]?.key).toMatch(/^hk_.\*{4}$/);
    const text = await readFile(path, "utf8");
    expect(text).not.toContain(openAiKey);
    expect(text).not.toContain(telegramToken);
    expect(text).toContain("# The TCP port of the HTTP API.\nport = 9191\n");
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  }, 600_000);

  it("shows an existing file as a diff and leaves it untouched when the answer is no", async () => {
    const path = join(directory, "existing.toml");
    const old = "# hand-written\n[server]\nport = 8000\n";
    await writeFile(path, old);
    // The probes are covered above; here they would only make the test slower.
    startSetup("decline", ["--config", path, "--no-probes"]);
    await answer("decline", "sandbox.provider", "");
    await answer("decline", "llm.default_model", "");
    await answer("decline", "llm.providers.openai.base_url", "");
    await answer("decline", "llm.default_model", "");
    await answer("decline", "agents.default_agent", "");
    const portQuestion = await answer("decline", "server.port", "8100");
    expect(lastLine(portQuestion)).toContain("[8000]:");
    await answer("decline", "server.api_keys", "");
    await answer("decline", "bridges", "");
    const confirmation = await waitForScreen("decline", (current) => lastLine(current).startsWith("write "));
    expect(confirmation).toContain(`--- ${path}\n+++ ${path}`);
    expect(confirmation).toContain("-# hand-written");
    expect(confirmation).toContain("-port = 8000");
    expect(confirmation).toContain("+port = 8100");
    tmux("send-keys", "-t", "decline", "-l", "n");
    tmux("send-keys", "-t", "decline", "Enter");
    const done = await waitForScreen("decline", (current) => current.includes("[setup exited "));
    expect(done).toContain(`left ${path} as it was`);
    expect(done).toContain("[setup exited 0]");
    expect(await readFile(path, "utf8")).toBe(old);
  }, 300_000);
});
