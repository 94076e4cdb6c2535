import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable, Writable } from "node:stream";
import { setTimeout as delay } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { canUseSpawnServer, SpawnServer } from "./spawn-server.js";
import type { ChildLaunch, LaunchedChild } from "./child-launcher.js";

/** Real processes started by the real spawn-server.py; runs where the server would use it. */
const isRoot = process.getuid?.() === 0;

function launchOf(script: string, extra: Partial<ChildLaunch> = {}): ChildLaunch {
  return {
    file: "/bin/sh",
    args: ["-c", script],
    env: { PATH: "/usr/bin:/bin" },
    cwd: "/",
    detached: false,
    streams: 5,
    data: [],
    ...extra,
  };
}

async function readAll(stream: Readable | Writable | null | undefined): Promise<string> {
  let text = "";
  for await (const chunk of stream as Readable) text += String(chunk);
  return text;
}

function closed(child: LaunchedChild): Promise<[number | null, NodeJS.Signals | null]> {
  return new Promise((resolve) => child.once("close", (code, signal) => resolve([code, signal])));
}

/** Alive and not a zombie (a killed child of a dead server waits for init to reap it). */
async function isRunning(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  return stat !== "" && stat.charAt(stat.lastIndexOf(")") + 2) !== "Z";
}

/** This process's spawn servers (children running spawn-server.py), by pid. */
async function spawnServers(): Promise<number[]> {
  const found: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, "utf8").catch(() => "");
    const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const commandLine = await readFile(`/proc/${entry}/cmdline`, "utf8").catch(() => "");
    if (parent === process.pid && commandLine.includes("spawn-server.py") && (await isRunning(Number(entry))))
      found.push(Number(entry));
  }
  return found;
}

async function eventually(check: () => Promise<boolean>): Promise<boolean> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await check()) return true;
    await delay(10);
  }
  return false;
}

describe("spawn server", () => {
  let directory: string;
  let server: SpawnServer;
  const errors: string[] = [];

  beforeAll(async () => {
    expect(canUseSpawnServer()).toBe(true);
    directory = await mkdtemp(join(tmpdir(), "hangar-spawn-"));
    server = await SpawnServer.start(join(directory, "spawn"), (message) => errors.push(message));
  });

  afterAll(async () => {
    await server.close();
    await rm(directory, { recursive: true, force: true });
  });

  it("hands over stdin, stdout, stderr, descriptors 3 and 4 as streams and data descriptors as pipes", async () => {
    const child = await server.launch(
      launchOf('read line; echo "out:$line"; echo err >&2; echo three >&3; cat <&4; cat <&6; cat <&5', {
        data: [
          { fd: 5, content: Buffer.from("five\n") },
          // More than a pipe holds by default: bubblewrap's options can be long.
          { fd: 6, content: Buffer.from(`${"x".repeat(100_000)}six\n`) },
        ],
      }),
    );
    const [stdout, stderr, three, exit] = await Promise.all([
      readAll(child.stdout),
      readAll(child.stderr),
      readAll(child.stdio[3]),
      closed(child),
      (async () => {
        child.stdin!.end("hello\n");
        (child.stdio[4] as Writable).end("four\n");
      })(),
    ]);
    expect(stdout).toBe(`out:hello\nfour\n${"x".repeat(100_000)}six\nfive\n`);
    expect(stderr).toBe("err\n");
    expect(three).toBe("three\n");
    expect(exit).toEqual([0, null]);
    expect(child.exitCode).toBe(0);
  });

  it("reports exit codes and signals, and kills on request", async () => {
    // A child that ends at once may be reported before its streams arrive: each must still be handed over.
    for (let round = 0; round < 30; round++) {
      const failing = await server.launch(launchOf(`exit ${round % 8}`));
      expect(await closed(failing)).toEqual([round % 8, null]);
    }
    const sleeping = await server.launch(launchOf("exec sleep 30"));
    expect(await isRunning(sleeping.pid!)).toBe(true);
    const exit = closed(sleeping);
    expect(sleeping.kill("SIGKILL")).toBe(true);
    expect(await exit).toEqual([null, "SIGKILL"]);
    expect(sleeping.signalCode).toBe("SIGKILL");
    expect(sleeping.kill("SIGKILL")).toBe(false);
  });

  it("adopts and reaps what its children orphan (bubblewrap's pid 1 outlives its monitor)", async () => {
    // The child leaves a background process behind and exits: orphaned, it must come to the
    // spawn server (a subreaper), not to the host's init, and be reaped when it ends.
    const child = await server.launch(launchOf("sleep 30 </dev/null >/dev/null 2>&1 3>&- 4>&- & echo $!"));
    const [stdout, exit] = await Promise.all([readAll(child.stdout), closed(child)]);
    expect(exit).toEqual([0, null]);
    const orphan = Number(stdout.trim());
    const [serverPid] = await spawnServers();
    const stat = await readFile(`/proc/${orphan}/stat`, "utf8");
    expect(Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1])).toBe(serverPid);
    process.kill(orphan, "SIGKILL");
    // Gone entirely, not a zombie: nothing holds its pid (or a pid in its cgroup).
    expect(await eventually(async () => !existsSync(`/proc/${orphan}`))).toBe(true);
    // The next child is still reported as usual.
    const next = await server.launch(launchOf("exit 3"));
    expect(await closed(next)).toEqual([3, null]);
  });

  it("starts the child with default signal handling, in the directory and environment asked for", async () => {
    // Python ignores SIGPIPE and SIGXFSZ, the server SIGINT: the child must not inherit that.
    // (glibc's posix_spawn leaves its own two internal signals, 32 and 33, ignored: glibc
    // programs install their handlers for them when they need them.)
    const child = await server.launch(
      launchOf('pwd; echo "$ONLY"; grep -E "^(SigIgn)" /proc/self/status', {
        cwd: "/usr",
        env: { PATH: "/usr/bin:/bin", ONLY: "this" },
      }),
    );
    const [stdout] = await Promise.all([readAll(child.stdout), closed(child)]);
    const [directory, variable, ignored] = stdout.trim().split("\n");
    expect([directory, variable]).toEqual(["/usr", "this"]);
    const mask = BigInt(`0x${ignored!.split("\t")[1]}`);
    expect(mask & ~(3n << 31n)).toBe(0n);
  });

  it.runIf(isRoot)("runs as the uid and gid asked for, with no supplementary groups", async () => {
    const child = await server.launch(launchOf("id -u; id -g; id -G", { uid: 1_234_567, gid: 1_234_567 }));
    const [stdout] = await Promise.all([readAll(child.stdout), closed(child)]);
    expect(stdout).toBe("1234567\n1234567\n1234567\n");
  });

  it("starts the child at the niceness asked for", async () => {
    // The child's own stat, read once launch() resolved (after the server set it).
    const child = await server.launch(launchOf("read go; cut -d' ' -f19 /proc/$$/stat", { niceness: 12 }));
    child.stdin!.end("go\n");
    const [stdout] = await Promise.all([readAll(child.stdout), closed(child)]);
    expect(Number(stdout.trim())).toBe(12);
  });

  it("a detached child leads a session of its own", async () => {
    const child = await server.launch(launchOf("ps -o sid= -p $$", { detached: true }));
    const [stdout] = await Promise.all([readAll(child.stdout), closed(child)]);
    expect(Number(stdout.trim())).toBe(child.pid);
  });

  it("a command that cannot start is refused with the reason", async () => {
    const refused = server.launch(launchOf("", { file: "/no/such/program" }));
    await expect(refused).rejects.toMatchObject({ code: "SANDBOX_ERROR" });
    await expect(refused).rejects.toThrow(/cannot start bubblewrap: .*No such file/);
  });

  it("drops a connection that does not carry the token", async () => {
    const socketPath = join(directory, "spawn", (await readdir(join(directory, "spawn")))[0]!);
    const intruder = connect(socketPath);
    intruder.on("error", () => undefined);
    intruder.write(Buffer.alloc(21, 1));
    await new Promise<void>((resolve) => intruder.once("close", () => resolve()));
    // And the server still works.
    const child = await server.launch(launchOf("echo fine"));
    expect(await readAll(child.stdout)).toBe("fine\n");
  });

  it("when the server dies, its children die and are reported killed; the next launch starts a new one", async () => {
    const child = await server.launch(launchOf("exec sleep 30"));
    const pid = child.pid!;
    const exit = closed(child);
    const [serverPid, ...others] = await spawnServers();
    expect(others).toEqual([]);
    process.kill(serverPid!, "SIGKILL");
    expect(await exit).toEqual([null, "SIGKILL"]);
    expect(await eventually(async () => !(await isRunning(pid)))).toBe(true);
    expect(errors.join("\n")).toMatch(/the spawn server ended/);
    const next = await server.launch(launchOf("echo again"));
    expect(await readAll(next.stdout)).toBe("again\n");
  });

  it("close() leaves no spawn server running", async () => {
    const own = await SpawnServer.start(join(directory, "own"));
    const child = await own.launch(launchOf("exec sleep 30"));
    const exit = closed(child);
    const before = await spawnServers();
    await own.close();
    await exit;
    expect(await eventually(async () => !(await isRunning(child.pid!)))).toBe(true);
    expect(await eventually(async () => (await spawnServers()).length === before.length - 1)).toBe(true);
  });
});
