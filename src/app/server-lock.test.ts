import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { acquireServerLock, assertNoServer, runningServerPid } from "./server-lock.js";

describe("the server lock", () => {
  const other = spawn("/bin/sleep", ["30"], { stdio: "ignore" });
  afterAll(() => other.kill("SIGKILL"));

  it("refuses a second server and a sandbox command while a live server holds the directory", () => {
    const directory = mkdtempSync(join(tmpdir(), "hangar-lock-"));
    writeFileSync(join(directory, "server.pid"), String(other.pid));
    expect(runningServerPid(directory)).toBe(other.pid);
    expect(() => acquireServerLock(directory)).toThrow(/another Hangar server \(pid \d+\)/);
    expect(() => assertNoServer(directory, "use the API")).toThrow(/stop it first, or use the API/);
  });

  it("takes over a lock left by a dead server, and releases it", () => {
    const directory = mkdtempSync(join(tmpdir(), "hangar-lock-"));
    writeFileSync(join(directory, "server.pid"), "999999999");
    const release = acquireServerLock(directory);
    expect(existsSync(join(directory, "server.pid"))).toBe(true);
    expect(() => assertNoServer(directory, "x")).not.toThrow(); // our own pid is not "another"
    release();
    expect(existsSync(join(directory, "server.pid"))).toBe(false);
  });
});
