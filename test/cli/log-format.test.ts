import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireBubblewrap } from "../fixtures/hangar-harness.js";
import { cleanEnvironment, cliEntry, prepareCliDirectory, startServe, stopServe } from "./cli-process.js";

/**
 * `hangar serve`'s log: JSON lines when stdout is not a terminal (or with
 * --log-format json), readable lines on a terminal (a real pseudo-terminal from
 * `script`) or with --log-format pretty.
 */
const prettyListening =
  /^\d\d:\d\d:\d\d\.\d{3} INFO {2}Hangar \S+ listening on http:\/\/127\.0\.0\.1:\d+ .*provider=bwrap/m;

describe.runIf(requireBubblewrap())("log format", () => {
  let directory: string;

  beforeAll(async () => {
    directory = await prepareCliDirectory("hangar-log-format-");
  });

  afterAll(async () => {
    if (directory !== undefined) await rm(directory, { recursive: true, force: true });
  });

  it(
    "writes JSON lines to a pipe, and readable lines with --log-format pretty",
    { timeout: 90_000 },
    async () => {
      const json = await startServe(["--data-dir", join(directory, "json")], directory);
      await stopServe(json);
      const lines = json
        .log()
        .split("\n")
        .filter((line) => line.includes("listening on"));
      const listening = lines.map(
        (line) => JSON.parse(line) as { level: number; msg: string; provider?: string },
      );
      expect(listening.some((record) => record.level === 30 && record.provider === "bwrap")).toBe(true);

      const pretty = await startServe(
        ["--data-dir", join(directory, "pretty"), "--log-format", "pretty"],
        directory,
      );
      await stopServe(pretty);
      expect(pretty.log()).toMatch(prettyListening);
      expect(pretty.log()).not.toContain('{"level"');
    },
  );

  it(
    "is readable on a terminal without a flag, and JSON there with --log-format json",
    { timeout: 90_000 },
    async () => {
      const onTerminal = async (extra: string[]): Promise<string> => {
        const command = [
          process.execPath,
          cliEntry,
          "serve",
          "--port",
          "0",
          "--data-dir",
          join(directory, `tty${extra.length}`),
          ...extra,
        ];
        // script(1) gives the server a pseudo-terminal as stdout, as a user's shell would.
        const child = spawn("/usr/bin/script", ["-qfec", command.join(" "), "/dev/null"], {
          cwd: directory,
          env: cleanEnvironment({ HANGAR_POOL_SIZE: "0", NO_COLOR: "1" }),
          stdio: ["pipe", "pipe", "pipe"],
          detached: true,
        });
        let output = "";
        child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
        const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
        const deadline = Date.now() + 30_000;
        while (!output.includes("listening on http") && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 100));
        process.kill(-child.pid!, "SIGTERM");
        await exited;
        return output.replaceAll("\r", "");
      };
      expect(await onTerminal([])).toMatch(prettyListening);
      const json = await onTerminal(["--log-format", "json"]);
      expect(json).toContain('"msg":"Hangar ');
    },
  );
});
