import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireBubblewrap } from "../fixtures/hangar-harness.js";
import { type ServerProcess } from "../fixtures/server-process.js";
import { prepareCliDirectory, runCli, startServe, stopServe } from "./cli-process.js";

/**
 * Errors in the user's terms: a bad value names the environment variable or
 * flag that set it (not the config key it became), an unknown config key or
 * request field near a known one gets "did you mean", and fields Hangar does not
 * know that are not typos (what other clients send) stay accepted.
 */
describe.runIf(requireBubblewrap())("messages", () => {
  let directory: string;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    directory = await prepareCliDirectory("hangar-messages-");
  });

  afterAll(async () => {
    if (server !== undefined) await stopServe(server);
    if (directory !== undefined) await rm(directory, { recursive: true, force: true });
  });

  it("names the environment variable or flag that set a refused value", () => {
    const fromEnvironment = runCli(["config"], { cwd: directory, env: { HANGAR_PORT: "99999" } });
    expect(fromEnvironment.status).toBe(78);
    expect(fromEnvironment.stderr).toContain('HANGAR_PORT="99999": ');
    expect(fromEnvironment.stderr).not.toContain("server.port");
    const notNumber = runCli(["config"], { cwd: directory, env: { HANGAR_POOL_SIZE: "many" } });
    expect(notNumber.stderr).toContain('HANGAR_POOL_SIZE="many": Invalid input: expected number');
    const fromFlag = runCli(["serve", "--port", "99999"], { cwd: directory });
    expect(fromFlag.status).toBe(78);
    expect(fromFlag.stderr).toContain("--port=99999: ");
    expect(fromFlag.stderr).not.toContain("server.port");
    const logLevel = runCli(["config", "--data-dir", ""], { cwd: directory });
    expect(logLevel.stderr).toContain('--data-dir="": ');
  });

  it('says "did you mean" for an unknown key in hangar.toml', async () => {
    await writeFile(
      join(directory, "hangar.toml"),
      "[server]\nprot = 9000\n\n[sandbox.limits]\nmemroy_mb = 64\n",
    );
    try {
      const result = runCli(["config"], { cwd: directory });
      expect(result.status).toBe(78);
      expect(result.stderr).toContain('unknown key "prot" in [server] (did you mean "port"?)');
      expect(result.stderr).toContain(
        'unknown key "memroy_mb" in [sandbox.limits] (did you mean "memory_mb"?)',
      );
    } finally {
      await rm(join(directory, "hangar.toml"));
    }
  });

  it(
    "refuses a mistyped request field with a suggestion, and keeps accepting other clients' extra fields",
    { timeout: 60_000 },
    async () => {
      server = await startServe(["--data-dir", join(directory, "data")], directory);
      const post = async (path: string, body: unknown) => {
        const response = await fetch(`${server!.url}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        return {
          status: response.status,
          body: (await response.json()) as {
            error?: { code: string; message: string; field?: string };
            output?: string;
          },
        };
      };
      const mistyped = await post("/run", { code: "print(1)", langauge: "python" });
      expect(mistyped.status).toBe(400);
      expect(mistyped.body.error).toEqual({
        code: "VALIDATION_FAILED",
        message: 'unknown field "langauge": did you mean "language"?',
        field: "langauge",
      });
      const otherSpelling = await post("/run", { code: "print(1)", language: "python", session_id: "s1" });
      expect(otherSpelling.body.error?.message).toBe('unknown field "session_id": did you mean "sessionId"?');
      const extra = await post("/run", { code: "print(1)", language: "python", client: "go-coderunner/1.2" });
      expect(extra.status).toBe(200);
      expect(extra.body.output).toBe("1\n");
      const chat = await post("/chat", { promt: "hello", project_id: "p" });
      expect(chat.status).toBe(400);
      expect(chat.body.error?.message).toBe('unknown field "promt": did you mean "prompt"?');
    },
  );
});
