import { spawn } from "node:child_process";
import { rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BridgeStatus } from "../../src/protocol/index.js";
import { requireBubblewrap, useHarness } from "../fixtures/hangar-harness.js";
import {
  killServerProcesses,
  prepareServerDirectory,
  removeServerDirectory,
  type ServerProcess,
  startServerProcess,
} from "../fixtures/server-process.js";
import { startTelegramBotApi, type TelegramBotApiFixture } from "../fixtures/telegram-bot-api.js";
import { cleanEnvironment, cliEntry, prepareCliDirectory } from "./cli-process.js";

/**
 * `hangar bridges status` as a user runs it (`node dist/main.js`), against real servers:
 * the harness (which starts no bridges), and `hangar serve` with `[bridges.telegram]`
 * pointed at a local server speaking the Bot API, whose outage the command then reports.
 * The CLI runs asynchronously: the harness answers from this very process.
 */

interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

function runCliAsync(args: string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliEntry, ...args], {
      cwd,
      env: cleanEnvironment(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.once("error", reject);
    child.once("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** A loopback port nothing listens on: one the kernel just handed out, closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== "object" || address === null) throw new Error("no port");
  return address.port;
}

const noBridges = "no chat bridges are configured; see [bridges.telegram] in hangar.toml\n";

let directory: string;
beforeAll(async () => {
  directory = await prepareCliDirectory("hangar-bridges-cli-");
});
afterAll(async () => {
  if (directory !== undefined) await rm(directory, { recursive: true, force: true });
});

describe.runIf(requireBubblewrap())("hangar bridges status against a server without bridges", () => {
  const harness = useHarness({ config: { sandbox: { pool_size: 0 } } });

  it("says no bridge is configured (exit 0), and --json prints an empty list", async () => {
    const text = await runCliAsync(["bridges", "status", "--server", harness().url], directory);
    expect(text).toEqual({ status: 0, stdout: noBridges, stderr: "" });
    const json = await runCliAsync(["bridges", "status", "--server", harness().url, "--json"], directory);
    expect(json.status).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([]);
  });

  it("without --server asks the server the config's server.host and server.port name", async () => {
    const port = new URL(harness().url).port;
    const configPath = join(directory, "listening.toml");
    await writeFile(configPath, `[server]\nhost = "0.0.0.0"\nport = ${port}\n`);
    const result = await runCliAsync(["bridges", "status", "--config", configPath], directory);
    expect(result).toEqual({ status: 0, stdout: noBridges, stderr: "" });
  });

  it("names --server when nothing answers, and exits 1", async () => {
    const port = await closedPort();
    const remote = await runCliAsync(
      ["bridges", "status", "--server", `http://127.0.0.1:${port}`],
      directory,
    );
    expect(remote.status).toBe(1);
    expect(remote.stdout).toBe("");
    expect(remote.stderr).toBe(`hangar: cannot reach http://127.0.0.1:${port} (--server): ECONNREFUSED\n`);

    const configPath = join(directory, "nobody.toml");
    await writeFile(configPath, `[server]\nport = ${port}\n`);
    const local = await runCliAsync(["bridges", "status", "--config", configPath], directory);
    expect(local.status).toBe(1);
    expect(local.stderr).toContain(
      `hangar: cannot reach http://127.0.0.1:${port} (server.host and server.port`,
    );
    expect(local.stderr).toContain("--server <url>");
    expect(local.stderr).toContain("ECONNREFUSED");
  });
});

describe.runIf(requireBubblewrap())(
  "hangar bridges status against hangar serve with a Telegram bridge",
  () => {
    let telegram: TelegramBotApiFixture;
    let dataDirectory: string;
    let configPath: string;
    let server: ServerProcess;
    const servers: ServerProcess[] = [];

    beforeAll(async () => {
      telegram = await startTelegramBotApi();
      ({ dataDirectory, configPath } = await prepareServerDirectory("hangar-bridges-status-", [
        "[sandbox]",
        "pool_size = 0",
        "[bridges.telegram]",
        `api_root = "${telegram.url}"`,
        "allowed_users = [111]",
      ]));
      server = await startServerProcess(dataDirectory, configPath, { TELEGRAM_BOT_TOKEN: telegram.token });
      servers.push(server);
    }, 120_000);

    afterAll(async () => {
      await killServerProcesses(servers);
      if (dataDirectory !== undefined) {
        await removeServerDirectory(dataDirectory, configPath);
      }
      await telegram?.close();
    });

    /** Runs `--json` until the Telegram bridge is in `state`; fails with the last answer after `seconds`. */
    async function waitForState(state: BridgeStatus["state"], seconds = 60): Promise<BridgeStatus> {
      const deadline = Date.now() + seconds * 1000;
      for (;;) {
        const result = await runCliAsync(["bridges", "status", "--server", server.url, "--json"], directory);
        expect(result.stderr).toBe("");
        const bridges = JSON.parse(result.stdout) as BridgeStatus[];
        const found = bridges.find((bridge) => bridge.platform === "telegram" && bridge.state === state);
        if (found !== undefined) return found;
        if (Date.now() > deadline) throw new Error(`the bridge never got ${state}:\n${result.stdout}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }

    it("prints the bridge connected, then retrying with the platform's error during an outage, then connected again", async () => {
      const connected = await waitForState("connected");
      expect(connected).toEqual({
        platform: "telegram",
        state: "connected",
        since: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as string,
        active_sessions: 0,
      });
      const table = await runCliAsync(["bridges", "status", "--server", server.url], directory);
      expect(table.status).toBe(0);
      expect(table.stderr).toBe("");
      const lines = table.stdout.trimEnd().split("\n");
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^PLATFORM +STATE +SINCE +SESSIONS +LAST ERROR$/);
      // The header's columns line up with the row's: each cell starts where its title does.
      const columns = ["STATE", "SINCE", "SESSIONS", "LAST ERROR"].map((title) => lines[0]!.indexOf(title));
      const row = lines[1]!;
      expect(row.slice(0, columns[0]).trimEnd()).toBe("telegram");
      expect(row.slice(columns[0], columns[1]).trimEnd()).toBe("connected");
      expect(row.slice(columns[1], columns[2]).trimEnd()).toBe(connected.since);
      expect(row.slice(columns[2], columns[3]).trimEnd()).toBe("0");
      expect(row.slice(columns[3])).toBe("-");

      telegram.beginOutage();
      const retrying = await waitForState("retrying");
      expect(retrying.last_error).toEqual(expect.any(String));
      expect(Date.parse(retrying.since)).toBeGreaterThan(Date.parse(connected.since));
      const during = await runCliAsync(["bridges", "status", "--server", server.url], directory);
      expect(during.status).toBe(0);
      const [duringHeader, duringRow] = during.stdout.trimEnd().split("\n") as [string, string];
      // Each failed retry may word its error anew: the row carries one, whichever it is now.
      expect(duringRow).toMatch(/^telegram +retrying +\S+ +0 +\S/);
      expect(duringRow.slice(duringHeader.indexOf("LAST ERROR"))).not.toMatch(/^-?$/);

      telegram.endOutage();
      // The poller backs off up to 30 s between attempts while the platform is away.
      const again = await waitForState("connected", 120);
      expect(again.last_error).toBeUndefined();
      expect(Date.parse(again.since)).toBeGreaterThan(Date.parse(retrying.since));
    }, 300_000);
  },
);
