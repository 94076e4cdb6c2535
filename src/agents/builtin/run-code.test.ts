import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { LanguageRegistry, languageCatalog, resolveLanguage } from "../../runs/languages.js";
import type { Command, ExitInfo, Sandbox, SandboxProcess, SpawnOptions } from "../../sandbox/sandbox-port.js";
import { createRunCode } from "./run-code.js";

/** A sandbox that records each spawn and answers it from a script; nothing really runs. */
function fakeSandbox(answer: (command: Command, stdin: string) => { stdout?: string; exitCode: number }) {
  const spawns: Array<{ command: Command; options: SpawnOptions; stdin: string }> = [];
  const sandbox = {
    workspacePath: "/workspace",
    spawn(command: Command, options: SpawnOptions): Promise<SandboxProcess> {
      const stdin = new PassThrough();
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      const chunks: Buffer[] = [];
      stdin.on("data", (chunk: Buffer) => chunks.push(chunk));
      const exited = new Promise<ExitInfo>((resolve) => {
        stdin.on("end", () => {
          const text = Buffer.concat(chunks).toString();
          spawns.push({ command, options, stdin: text });
          const result = answer(command, text);
          stdout.end(result.stdout ?? "");
          stderr.end();
          resolve({
            reason: "exited",
            exitCode: result.exitCode,
            signal: null,
            durationMs: 1,
            stdoutBytes: 0,
            stderrBytes: 0,
          });
        });
      });
      return Promise.resolve({ stdin, stdout, stderr, exited, kill: () => undefined });
    },
  };
  return { sandbox: sandbox as unknown as Sandbox, spawns };
}

const languages = new LanguageRegistry(
  languageCatalog
    .filter((language) => ["python", "typescript"].includes(language.name))
    .map((language) => resolveLanguage(language, language.toolchains[0]!, "test")),
);
const runCode = createRunCode({ languages, maxOutputBytes: 1000, compileTimeoutMs: 5000 });

describe("createRunCode", () => {
  it("writes the code to a scratch directory, runs it there, and removes it", async () => {
    const { sandbox, spawns } = fakeSandbox((command) => ({
      exitCode: 0,
      ...(command.argv[1] === "main.py" ? { stdout: "42\n" } : {}),
    }));
    const result = await runCode(sandbox)(
      { language: "py", code: "print(42)", stdin: "in", timeoutMs: 3000 },
      new AbortController().signal,
    );
    expect(result).toMatchObject({ status: "ok", stdout: "42\n", stderr: "", exitCode: 0 });
    expect(spawns).toHaveLength(3);
    const [write, run, remove] = spawns;
    const directory = write!.command.argv[4]!;
    expect(directory).toMatch(/^\/tmp\/hangar-run-[0-9a-f]{12}$/);
    expect(write).toMatchObject({
      stdin: "print(42)",
      command: { argv: expect.arrayContaining(["main.py"]) as unknown },
    });
    expect(run).toMatchObject({
      command: { argv: ["/usr/bin/python3", "main.py"], cwd: directory },
      options: { timeoutMs: 3000, maxOutputBytes: 1000, cpuTimeSeconds: 4 },
      stdin: "in",
    });
    expect(remove!.command.argv).toEqual(["/bin/rm", "-rf", "--", directory]);
  });

  it("removes the scratch directory when the program fails", async () => {
    const { sandbox, spawns } = fakeSandbox((command) => ({
      exitCode: command.argv[1] === "main.py" ? 1 : 0,
    }));
    const result = await runCode(sandbox)(
      { language: "python", code: "raise SystemExit(1)", timeoutMs: 1000 },
      new AbortController().signal,
    );
    expect(result).toMatchObject({ status: "error", exitCode: 1 });
    expect(spawns.at(-1)!.command.argv[0]).toBe("/bin/rm");
  });

  it("reports TypeScript that does not parse as a compile error without running anything", async () => {
    const { sandbox, spawns } = fakeSandbox(() => ({ exitCode: 0 }));
    const result = await runCode(sandbox)(
      { language: "ts", code: "const x: = 1;", timeoutMs: 1000 },
      new AbortController().signal,
    );
    expect(result).toMatchObject({
      status: "compile_error",
      stderr: expect.stringMatching(/error TS/) as unknown,
    });
    expect(spawns).toEqual([]);
  });

  it("throws UNKNOWN_LANGUAGE with the available languages", async () => {
    const { sandbox } = fakeSandbox(() => ({ exitCode: 0 }));
    await expect(
      runCode(sandbox)({ language: "cobol", code: "x", timeoutMs: 1000 }, new AbortController().signal),
    ).rejects.toMatchObject({
      code: "UNKNOWN_LANGUAGE",
      message: expect.stringMatching(/python, typescript/) as unknown,
    });
  });

  it("fails clearly when the scratch file cannot be written", async () => {
    const { sandbox } = fakeSandbox(() => ({ exitCode: 1 }));
    await expect(
      runCode(sandbox)({ language: "python", code: "x", timeoutMs: 1000 }, new AbortController().signal),
    ).rejects.toMatchObject({
      code: "SANDBOX_ERROR",
      message: expect.stringMatching(/cannot write the code/) as unknown,
    });
  });
});
