import { spawnSync } from "node:child_process";
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireBubblewrap } from "../fixtures/hangar-harness.js";
import { repositoryRoot } from "../fixtures/server-process.js";
import { prepareCliDirectory, runCli, startServe, stopServe } from "./cli-process.js";

/**
 * `hangar run FILE [ARGS...]` as a user types it (the built CLI, a real bwrap
 * sandbox): the program gets the arguments and stdin, a timeout exits 124, errors
 * name what the user typed, `--server` runs it on a real `hangar serve`, and
 * one-off commands leave the directory they ran in as they found it.
 */
const program = "import sys\nprint('args', sys.argv[1:])\nprint('stdin', sys.stdin.read().strip())\n";
const sleeper = "import time\ntime.sleep(20)\n";

describe.runIf(requireBubblewrap())("hangar run", () => {
  let directory: string;

  beforeAll(async () => {
    directory = await prepareCliDirectory("hangar-run-cli-");
    await writeFile(join(directory, "program.py"), program);
    await writeFile(join(directory, "sleeper.py"), sleeper);
  });

  afterAll(async () => {
    if (directory !== undefined) await rm(directory, { recursive: true, force: true });
  });

  it(
    "passes the arguments (options after FILE included) and stdin to the program, and creates no .hangar/",
    { timeout: 60_000 },
    async () => {
      const result = runCli(["run", "program.py", "first", "--verbose", "two words"], {
        cwd: directory,
        input: "from the pipe\n",
      });
      expect(result.stderr).toBe("");
      expect(result.stdout).toBe("args ['first', '--verbose', 'two words']\nstdin from the pipe\n");
      expect(result.status).toBe(0);
      expect((await readdir(directory)).sort()).toEqual(["program.py", "sleeper.py"]);
    },
  );

  it("exits 124 when the program runs out of time", { timeout: 60_000 }, () => {
    const result = runCli(["run", "--timeout", "500", "sleeper.py"], { cwd: directory });
    expect(result.status).toBe(124);
    expect(result.stderr).toContain("timeout");
  });

  it(
    "names the flag in a refused value, and says why a file cannot be read",
    { timeout: 60_000 },
    async () => {
      const tooLong = runCli(["run", "--timeout", "99999999", "program.py"], { cwd: directory });
      expect(tooLong.stderr).toMatch(/^hangar: --timeout must be /);
      expect(tooLong.stderr).not.toContain("timeoutMs");
      const notNumber = runCli(["run", "--timeout", "soon", "program.py"], { cwd: directory });
      expect(notNumber.stderr).toContain('--timeout must be a whole number of milliseconds, got "soon"');
      expect(runCli(["run", "missing.py"], { cwd: directory }).stderr).toBe(
        "hangar: cannot read missing.py: no such file (ENOENT)\n",
      );
      await mkdir(join(directory, "folder.py"));
      expect(runCli(["run", "folder.py"], { cwd: directory }).stderr).toBe(
        "hangar: cannot read folder.py: it is a directory (EISDIR)\n",
      );
      await rm(join(directory, "folder.py"), { recursive: true });
      await writeFile(join(directory, "program.xyz"), program);
      const unknown = runCli(["run", "program.xyz"], { cwd: directory });
      expect(unknown.stderr).toBe("hangar: cannot tell the language of program.xyz: pass --lang\n");
      await rm(join(directory, "program.xyz"));
    },
  );

  it("says EACCES in words for a file the user may not read", { timeout: 30_000 }, async () => {
    const locked = join(directory, "locked.py");
    await writeFile(locked, program);
    await chmod(locked, 0o000);
    try {
      // root reads anything: without the capabilities that let it, it cannot (nobody could not run
      // a node in root's home, as CI's Node 24 is).
      const command = [process.execPath, join(repositoryRoot, "dist/main.js"), "run", locked];
      const withoutOverride = [
        "--bounding-set=-dac_override,-dac_read_search",
        "--inh-caps=-dac_override,-dac_read_search",
      ];
      const asUser =
        process.getuid?.() === 0 ? ["/usr/bin/setpriv", ...withoutOverride, ...command] : command;
      const result = spawnSync(asUser[0]!, asUser.slice(1), { cwd: "/", encoding: "utf8" });
      expect(result.stderr).toBe(`hangar: cannot read ${locked}: permission denied (EACCES)\n`);
    } finally {
      await rm(locked, { force: true });
    }
  });

  it("config and doctor leave an empty directory empty", { timeout: 120_000 }, async () => {
    const empty = await mkdtemp(join(tmpdir(), "hangar-empty-"));
    try {
      expect(runCli(["config"], { cwd: empty }).status).toBe(0);
      expect(runCli(["doctor", "--json"], { cwd: empty }).stdout).toContain('"provider"');
      expect(await readdir(empty)).toEqual([]);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it(
    "--server runs the program on a running server, with stdin, arguments, exit 124 and flag names",
    { timeout: 120_000 },
    async () => {
      const serverDirectory = await mkdtemp(join(tmpdir(), "hangar-run-server-"));
      const server = await startServe(["--data-dir", join(serverDirectory, "data")], serverDirectory);
      try {
        const result = runCli(["run", "--server", server.url, "program.py", "remote", "--flag"], {
          cwd: directory,
          input: "piped\n",
        });
        expect(result.stderr).toBe("");
        expect(result.stdout).toBe("args ['remote', '--flag']\nstdin piped\n");
        expect(result.status).toBe(0);
        const timedOut = runCli(["run", "--server", server.url, "--timeout", "500", "sleeper.py"], {
          cwd: directory,
        });
        expect(timedOut.status).toBe(124);
        const refused = runCli(["run", "--server", server.url, "--timeout", "99999999", "program.py"], {
          cwd: directory,
        });
        expect(refused.stderr).toMatch(/^hangar: --timeout must be/);
        const refusedLanguage = runCli(["run", "--server", server.url, "--lang", "cobol", "program.py"], {
          cwd: directory,
        });
        expect(refusedLanguage.stderr).toContain("--lang");
        expect(refusedLanguage.status).toBe(1);
      } finally {
        await stopServe(server);
        await rm(serverDirectory, { recursive: true, force: true });
      }
      const closed = await closedAddress();
      const unreachable = runCli(["run", "--server", closed, "program.py"], { cwd: directory });
      expect(unreachable.stderr).toContain(`cannot reach ${closed} (--server): ECONNREFUSED`);
    },
  );
});

/** An address nothing listens on: a port the kernel handed out, then closed again. */
async function closedAddress(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return `http://127.0.0.1:${address.port}`;
}
