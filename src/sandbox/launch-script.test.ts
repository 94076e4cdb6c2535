import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HangarError } from "../core/errors.js";

import {
  buildLaunchScript,
  launchFailedExitCode,
  type LaunchScriptInput,
  type StagedFile,
  workspaceMountPoint,
} from "./launch-script.js";

function script(overrides: Partial<LaunchScriptInput> = {}): string {
  return buildLaunchScript({
    command: { argv: ["/bin/true"] },
    limits: { openFiles: 1024 },
    files: [],
    ...overrides,
  }).toString("latin1");
}

function lines(text: string): string[] {
  return text.split("\n").filter(Boolean);
}

describe("buildLaunchScript", () => {
  it("sets rlimits, enters the workspace and execs the command, failing loudly on set-up errors", () => {
    const text = script({
      limits: { openFiles: 256, fileSizeBytes: 1000, processes: 64, cpuTimeSeconds: 2 },
    });
    expect(lines(text)).toEqual([
      `ulimit -c 0 || exit ${launchFailedExitCode}`,
      `ulimit -n 256 || exit ${launchFailedExitCode}`,
      // 1000 bytes in 512-byte blocks, rounded up so the limit is never below what was asked.
      `ulimit -f 2 || exit ${launchFailedExitCode}`,
      `ulimit -p 64 || exit ${launchFailedExitCode}`,
      `cd ${workspaceMountPoint} || exit ${launchFailedExitCode}`,
      `ulimit -t 2 || exit ${launchFailedExitCode}`,
      "exec '/bin/true'",
    ]);
  });

  it("leaves out the limits it was not given", () => {
    const text = script();
    expect(text).not.toContain("ulimit -f");
    expect(text).not.toContain("ulimit -p");
    expect(text).not.toContain("ulimit -t");
  });

  it("rounds the CPU limit up to whole seconds, at least one", () => {
    expect(script({ limits: { openFiles: 1, cpuTimeSeconds: 0.2 } })).toContain("ulimit -t 1 ");
    expect(script({ limits: { openFiles: 1, cpuTimeSeconds: 2.1 } })).toContain("ulimit -t 3 ");
  });

  it("sets the CPU limit last, after file writes, exports and cd, right before exec", () => {
    const all = lines(
      script({
        command: { argv: ["/bin/sh"], env: { NAME: "value" }, cwd: "/tmp" },
        limits: { openFiles: 1, cpuTimeSeconds: 5 },
        files: [{ path: "a/b.txt", data: "x" }],
      }),
    );
    expect(all.at(-2)).toBe(`ulimit -t 5 || exit ${launchFailedExitCode}`);
    expect(all.at(-1)).toBe("exec '/bin/sh'");
    expect(all.findIndex((line) => line.startsWith("mkdir -p 'a' && printf"))).toBeGreaterThan(0);
  });

  it("quotes every argv element, env value and cwd as one shell word", () => {
    const hostile = `'; rm -rf / # "$(id)" \`id\` \\ $HOME\nnext`;
    const text = script({ command: { argv: ["/bin/echo", hostile], env: { VALUE: hostile }, cwd: hostile } });
    const quoted = `'${hostile.replaceAll("'", "'\\''")}'`;
    expect(text).toContain(`export VALUE=${quoted}\n`);
    expect(text).toContain(`cd ${quoted} || exit`);
    expect(text).toContain(`exec '/bin/echo' ${quoted}\n`);
  });

  it.each(["", "1ABC", "A-B", "A=B", "A B", "$(id)", "A;B", "Ä"])("rejects the env name %j", (name) => {
    let error: unknown;
    try {
      script({ command: { argv: ["/bin/true"], env: { [name]: "x" } } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(HangarError);
    expect(error).toMatchObject({ code: "BAD_REQUEST", field: "env" });
  });

  it("accepts ordinary env names", () => {
    expect(script({ command: { argv: ["/bin/true"], env: { _a: "1", PATH2: "2" } } })).toContain(
      "export _a='1'",
    );
  });

  it("rejects an empty argv", () => {
    expect(() => script({ command: { argv: [] } })).toThrow(HangarError);
  });

  it("writes text through a '%s' format so % in data is never a directive", () => {
    const text = script({ files: [{ path: "f", data: "100% %s %n" }] });
    expect(text).toContain("printf '%s' '100% %s %n' > 'f' || exit 125\n");
  });

  it("writes data containing NUL through octal escapes, so the script never holds a NUL byte", () => {
    const bytes = buildLaunchScript({
      command: { argv: ["/bin/true"] },
      limits: { openFiles: 1 },
      files: [{ path: "n", data: new Uint8Array([0, 65, 39, 255]) }],
    });
    expect(bytes.includes(0)).toBe(false);
    expect(bytes.toString("latin1")).toContain("printf '\\000\\101\\047\\377' > 'n' || exit 125\n");
  });

  it("creates parent directories for nested paths only", () => {
    const text = script({
      files: [
        { path: "top.txt", data: "x" },
        { path: "a b/c'd/e.txt", data: "y" },
      ],
    });
    expect(text).toContain("printf '%s' 'x' > 'top.txt'");
    expect(text).toContain(`mkdir -p 'a b/c'\\''d' && printf '%s' 'y' > 'a b/c'\\''d/e.txt'`);
  });
});

/**
 * The generated script run for real by /bin/sh on the host, in a temporary
 * directory: it only writes files under its working directory, so this is
 * safe outside a sandbox, and proves the quoting writes exact bytes.
 */
describe("buildLaunchScript run by /bin/sh", () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), "hangar-launch-script-"));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  const hostileFiles: StagedFile[] = [
    { path: "quotes.txt", data: `'single' "double" '\\'' ''` },
    { path: "backslashes.txt", data: "\\ \\\\ \\n \\t \\000 \\x41 \\c end" },
    { path: "percent.txt", data: "%s %d %% %n %b %c %" },
    { path: "substitution.txt", data: "$(touch pwned) `touch pwned` ${HOME} $HOME $1 $@" },
    { path: "newlines.txt", data: "\n\nline\r\nlast\n\n" },
    { path: "nul.bin", data: new Uint8Array([0, 0, 39, 92, 37, 115, 0, 10, 0]) },
    { path: "invalid-utf8.bin", data: new Uint8Array([0xff, 0xfe, 0x80, 0xc3, 0x28, 0xed, 0xa0, 0x80, 39]) },
    { path: "all-bytes.bin", data: new Uint8Array(Array.from({ length: 256 }, (_, index) => index)) },
    { path: "random.bin", data: randomBytes(64 * 1024) },
    { path: "empty.txt", data: "" },
    { path: "dash.txt", data: "-n -e --" },
    { path: "it's a $(name) `x`.txt", data: "odd name" },
    { path: "dir with space/-n/%s/deep.txt", data: "nested" },
    { path: "ünïcode/名前.txt", data: "unicode ✓" },
  ];

  it("writes every hostile file byte for byte and runs nothing it carries", async () => {
    const hostile = `'"; $(touch pwned) \\ %s \n end`;
    const text = buildLaunchScript({
      command: {
        argv: ["/bin/sh", "-c", 'printf "%s|%s" "$HOSTILE" "$1"', "sh", hostile],
        env: { HOSTILE: hostile },
      },
      limits: { openFiles: 256, fileSizeBytes: 1024 * 1024, cpuTimeSeconds: 5 },
      files: hostileFiles,
    });
    // The only line that assumes the sandbox: there is no /workspace on the host.
    const enter = Buffer.from(`cd ${workspaceMountPoint} || exit ${launchFailedExitCode}\n`);
    expect(text.indexOf(enter)).toBeGreaterThanOrEqual(0);
    const runnable = Buffer.concat([
      text.subarray(0, text.indexOf(enter)),
      text.subarray(text.indexOf(enter) + enter.length),
    ]);
    // Beside the directory, not in it, so the listing below sees only what the script wrote.
    const scriptPath = `${directory}.sh`;
    await writeFile(scriptPath, runnable);
    try {
      const { stdout } = await runShell(scriptPath, directory);
      expect(stdout).toBe(`${hostile}|${hostile}`);
    } finally {
      await rm(scriptPath, { force: true });
    }
    for (const file of hostileFiles) {
      const expected = typeof file.data === "string" ? Buffer.from(file.data) : Buffer.from(file.data);
      expect(await readFile(join(directory, file.path)), file.path).toEqual(expected);
    }
    expect(existsSync(join(directory, "pwned"))).toBe(false);
    expect((await readdir(directory)).sort()).toEqual(
      [...new Set(hostileFiles.map((file) => file.path.split("/")[0]!))].sort(),
    );
  });
});

function runShell(scriptPath: string, cwd: string): Promise<{ stdout: string }> {
  return new Promise((resolve, reject) => {
    execFile("/bin/sh", [scriptPath], { cwd, env: { PATH: "/usr/bin:/bin" } }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${error.message}\n${stderr}`));
      else resolve({ stdout });
    });
  });
}
