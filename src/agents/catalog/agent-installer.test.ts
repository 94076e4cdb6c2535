import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseConfig } from "../../config/load-config.js";
import { installAgent, uninstallAgent } from "./agent-installer.js";
import { createAgentRegistry } from "./agent-registry.js";

/**
 * The install directory's bookkeeping with the real npm: run offline against a package no
 * cache holds, npm fails for real without touching the network (the successful install of a
 * real agent is in test/cli/agents-command.test.ts).
 */
const missing = createAgentRegistry(
  parseConfig({
    agents: {
      custom: {
        missing: {
          command: "node_modules/.bin/missing",
          package: "hangar-test-agent-that-does-not-exist",
          version: "1.0.0",
          wire_formats: ["openai-chat-completions"],
        },
      },
    },
  }),
).require("missing");

describe("installAgent and uninstallAgent", () => {
  let directory: string;
  let offline: string | undefined;

  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), "hangar-agents-"));
    offline = process.env.npm_config_offline;
    process.env.npm_config_offline = "true";
  });

  afterEach(() => {
    if (offline === undefined) delete process.env.npm_config_offline;
    else process.env.npm_config_offline = offline;
  });

  it("refuses while another live install holds the agent's lock, and leaves its work alone", async () => {
    await writeFile(join(directory, ".lock.missing"), `${process.pid}\n`);
    await mkdir(join(directory, ".install.missing.in-progress"));
    await expect(installAgent(missing, { directory })).rejects.toMatchObject({
      code: "CONFLICT",
      field: "agent",
      message: `another install or uninstall of agent missing is running (pid ${process.pid}); try again when it ends`,
    });
    await mkdir(join(directory, "missing"));
    await expect(uninstallAgent(directory, "missing")).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await readdir(directory)).sort()).toEqual([
      ".install.missing.in-progress",
      ".lock.missing",
      "missing",
    ]);
  });

  it("takes over the lock of a killed install, cleans its leftovers, and reports npm's failure leaving nothing half done", async () => {
    const gone = spawnSync("true").pid;
    await writeFile(join(directory, ".lock.missing"), `${gone}\n`);
    await mkdir(join(directory, ".install.missing.killed"));
    await mkdir(join(directory, ".install.missing-two.other-agent"));
    const lines: string[] = [];
    const failure = installAgent(missing, { directory, onProgress: (line) => lines.push(line) });
    await expect(failure).rejects.toThrow(
      /^npm install hangar-test-agent-that-does-not-exist@1\.0\.0 failed \(exit 1\):\n {2}npm error code ENOTCACHED/,
    );
    // Only this agent's leftovers go; the shared node was put in place first.
    expect((await readdir(directory)).sort()).toEqual([".install.missing-two.other-agent", "bin"]);
    expect((await readFile(join(directory, "bin", "node.version"), "utf8")).trim()).toBe(process.version);
    expect(lines).toContain("missing: npm install hangar-test-agent-that-does-not-exist@1.0.0");
  });

  it("uninstalls what is there, says false for what is not, and takes its lock", async () => {
    expect(await uninstallAgent(join(directory, "nowhere"), "missing")).toBe(false);
    expect(await uninstallAgent(directory, "missing")).toBe(false);
    await mkdir(join(directory, "missing", "node_modules"), { recursive: true });
    expect(await uninstallAgent(directory, "missing")).toBe(true);
    expect(await readdir(directory)).toEqual([]);
  });
});
