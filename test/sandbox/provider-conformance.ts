import { execFile } from "node:child_process";
import { createHash, randomBytes, randomInt } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createConnection, createServer, type AddressInfo, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgentDirectories } from "../../src/sandbox/agent-mounts.js";
import { collect } from "../../src/sandbox/sandbox-file-commands.js";
import type {
  Command,
  ExitInfo,
  Sandbox,
  SandboxLimits,
  SandboxProcess,
  SandboxProvider,
  SpawnOptions,
} from "../../src/sandbox/sandbox-port.js";
import { hostProcessesWith, newMarker, waitFor } from "./host-observation.js";

/**
 * The conformance suite every SandboxProvider must pass unchanged (bwrap today,
 * Docker next). It uses only the port, plus host-side observation that works
 * for any provider: /proc scans for marker strings (`host-observation.ts`)
 * and host files.
 */

const mebibyte = 1024 * 1024;

/** The limits of every sandbox the suite creates; providers with a warm pool should pool exactly these. */
export const conformanceLimits: SandboxLimits = {
  memoryBytes: 256 * mebibyte,
  pids: 64,
  cpuCores: 1,
  workspaceBytes: 16 * mebibyte,
  tmpBytes: 8 * mebibyte,
};

export interface ConformanceOptions {
  /** Host directories that must not be visible inside a sandbox (the provider's data directory). */
  hiddenHostPaths?: string[];
}

type Mode = { label: string; singleUse: boolean };
const modes: Mode[] = [
  { label: "single-use", singleUse: true },
  { label: "persistent", singleUse: false },
];

const defaultSpawn: SpawnOptions = { timeoutMs: 10_000, maxOutputBytes: 1 * mebibyte };

interface RunResult {
  stdout: string;
  stderr: string;
  stdoutBytes: Buffer;
  exit: ExitInfo;
  /** From the moment spawn resolved (the command runs) to its exit. */
  wallMs: number;
}

function shell(script: string): Command {
  return { argv: ["/bin/sh", "-c", script] };
}

/** Runs one command to the end, reading stdout and stderr while it runs so it never blocks on a full pipe. */
async function run(
  sandbox: Sandbox,
  command: Command,
  options: Partial<SpawnOptions> = {},
  stdin: string | Uint8Array = "",
): Promise<RunResult> {
  const spawned = await sandbox.spawn(command, { ...defaultSpawn, ...options });
  // Spawn resolves once the command runs, so limits are timed from here.
  const startedAt = performance.now();
  spawned.stdin.on("error", () => undefined);
  spawned.stdin.end(stdin);
  const [stdout, stderr, exit] = await Promise.all([
    collect(spawned.stdout),
    collect(spawned.stderr),
    spawned.exited,
  ]);
  const stdoutBytes = Buffer.from(stdout);
  return {
    stdout: stdoutBytes.toString("utf8"),
    stderr: Buffer.from(stderr).toString("utf8"),
    stdoutBytes,
    exit,
    wallMs: performance.now() - startedAt,
  };
}

/** Starts a command and resolves once `text` appeared on its stdout; the rest of its output keeps being read. */
async function spawnUntil(
  sandbox: Sandbox,
  command: Command,
  text: string,
  options: Partial<SpawnOptions> = {},
): Promise<SandboxProcess> {
  const spawned = await sandbox.spawn(command, { ...defaultSpawn, ...options });
  spawned.stdin.on("error", () => undefined);
  spawned.stderr.resume();
  let output = "";
  await new Promise<void>((resolve, reject) => {
    spawned.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
      if (output.includes(text)) resolve();
    });
    void spawned.exited.then((exit) =>
      reject(new Error(`ended (${exit.reason}, ${exit.exitCode}) before printing ${text}: ${output}`)),
    );
  });
  return spawned;
}

/**
 * A setsid double-forked daemon, a stopped process and a background child that
 * keeps the spawn's stdout and stderr open, all carrying the marker; then the
 * main process waits for stdin to end.
 */
function leftoverScript(spelled: string): string {
  return [
    `m=${spelled}`,
    `( setsid /bin/sleep "1000.$m" </dev/null >/dev/null 2>&1 & )`,
    // It stops itself, so it is stopped only once it carries the marker.
    `/bin/sh -c 'kill -STOP $$' "stopped-$m" </dev/null >/dev/null 2>&1 &`,
    `/bin/sleep "3000.$m" </dev/null &`,
    `echo started`,
    `read line`,
  ].join("\n");
}

async function waitForLeftovers(marker: string): Promise<void> {
  await waitFor(() => {
    const processes = hostProcessesWith(marker);
    return processes.length === 3 && processes.some((entry) => entry.state === "T");
  }, "the daemon, the stopped process and the background child to show up on the host");
  // Sandboxed processes never run as host root, whatever uid they have inside.
  for (const entry of hostProcessesWith(marker)) expect(entry.uid).not.toBe(0);
}

function sha256(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Host directories of a conformance run's agent mounts: a runner bundle and an (absent) agents directory. */
async function makeAgentDirectories(): Promise<AgentDirectories> {
  const base = await mkdtemp(join(tmpdir(), "hangar-conformance-agents-"));
  const runner = join(base, "runner");
  await mkdir(runner, { mode: 0o755 });
  await chmod(base, 0o755);
  await writeFile(join(runner, "runner.cjs"), "// the agent runner bundle\n", { mode: 0o644 });
  // The provider creates the agents directory: nothing is installed yet.
  return { runner, agents: join(base, "agents") };
}

/** Sends `request` over the unix socket at `path` and resolves with everything the other side sent back. */
function exchange(path: string, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(path);
    let answer = "";
    socket.on("connect", () => socket.end(request));
    socket.on("data", (chunk: Buffer) => (answer += chunk.toString("utf8")));
    socket.on("end", () => resolve(answer));
    socket.on("error", reject);
  });
}

/** A unix socket server that answers each connection with "pong:" and what it was sent. */
async function listenUnix(path: string): Promise<Server & { connections: number }> {
  const server = Object.assign(
    createServer((socket) => {
      server.connections += 1;
      let received = "";
      socket.on("data", (chunk: Buffer) => {
        received += chunk.toString("utf8");
        if (received.endsWith("\n")) socket.end(`pong:${received}`);
      });
      socket.on("error", () => undefined);
    }),
    { connections: 0 },
  );
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(path, resolve);
  });
  return server;
}

/** Python programs for the channel tests; python3 is in every provider's sandboxes (the session kernels need it). */
const channelPrograms = {
  "unix-server.py": [
    "import socket, sys",
    "server = socket.socket(socket.AF_UNIX)",
    "server.bind(sys.argv[1])",
    "server.listen(1)",
    "print('listening', flush=True)",
    "connection, _ = server.accept()",
    "data = b''",
    "while not data.endswith(b'\\n'):",
    "    data += connection.recv(100)",
    "connection.sendall(b'inside:' + data.upper())",
    "connection.close()",
  ],
  "unix-client.py": [
    "import socket, sys",
    "client = socket.socket(socket.AF_UNIX)",
    "client.connect(sys.argv[1])",
    "client.sendall(b'ping\\n')",
    "answer = b''",
    "while True:",
    "    chunk = client.recv(100)",
    "    if not chunk: break",
    "    answer += chunk",
    "print(answer.decode(), end='')",
  ],
  "tcp-server.py": [
    "import socket",
    "server = socket.socket()",
    "server.bind(('127.0.0.1', 4480))",
    "server.listen(1)",
    "connection, _ = server.accept()",
    "connection.sendall(b'loopback:' + connection.recv(100))",
    "connection.close()",
  ],
  "tcp-client.py": [
    "import socket, time",
    "for attempt in range(100):",
    "    try:",
    "        client = socket.create_connection(('127.0.0.1', 4480), timeout=5)",
    "        break",
    "    except ConnectionRefusedError:",
    "        time.sleep(0.05)",
    "client.sendall(b'hello')",
    "print(client.recv(100).decode())",
  ],
};

export function describeProviderConformance(
  name: string,
  createProvider: (agentDirectories: AgentDirectories) => Promise<SandboxProvider>,
  options: ConformanceOptions = {},
): void {
  describe(`${name} provider conformance`, () => {
    let provider: SandboxProvider;
    const canaryName = `HANGAR_CONFORMANCE_CANARY_${randomInt(1_000_000)}`;
    const canaryValue = `canary-secret-${randomBytes(8).toString("hex")}`;
    let hostCanaryDirectory: string;
    let agentDirectories: AgentDirectories;
    const sandboxes: Sandbox[] = [];

    async function createSandbox(singleUse: boolean, owner = `conformance-${name}`): Promise<Sandbox> {
      const sandbox = await provider.create({ owner, limits: conformanceLimits, singleUse });
      sandboxes.push(sandbox);
      return sandbox;
    }

    async function runIn(
      mode: Mode,
      command: Command,
      spawnOptions: Partial<SpawnOptions> = {},
      stdin: string | Uint8Array = "",
    ): Promise<RunResult> {
      const sandbox = await createSandbox(mode.singleUse);
      try {
        return await run(sandbox, command, spawnOptions, stdin);
      } finally {
        await sandbox.destroy();
      }
    }

    beforeAll(async () => {
      // Set before the provider exists, so pre-started (pooled) instances had every chance to inherit it.
      process.env[canaryName] = canaryValue;
      hostCanaryDirectory = await mkdtemp(join(tmpdir(), "hangar-conformance-"));
      await writeFile(join(hostCanaryDirectory, "secret"), canaryValue);
      agentDirectories = await makeAgentDirectories();
      provider = await createProvider(agentDirectories);
    });

    afterAll(async () => {
      await Promise.allSettled(sandboxes.map((sandbox) => sandbox.destroy()));
      await provider?.stop();
      delete process.env[canaryName];
      await rm(hostCanaryDirectory, { recursive: true, force: true });
      await rm(join(agentDirectories.runner, ".."), { recursive: true, force: true });
    });

    describe.each(modes)("$label sandbox: processes", (mode) => {
      it("reports exit code, stdout and stderr separately, with byte counts", async () => {
        const result = await runIn(mode, shell("echo out; echo err >&2; exit 42"));
        expect(result.stdout).toBe("out\n");
        expect(result.stderr).toBe("err\n");
        expect(result.exit).toMatchObject({ reason: "exited", exitCode: 42, stdoutBytes: 4, stderrBytes: 4 });
      });

      it("reports a death by a signal the command sent itself as exited", async () => {
        const result = await runIn(mode, shell("kill -TERM $$"));
        expect(result.exit.reason).toBe("exited");
        expect(result.exit.signal === "SIGTERM" || result.exit.exitCode === 143).toBe(true);
      });

      it("delivers stdin exactly, and ending it gives the command EOF", async () => {
        const input = randomBytes(1 * mebibyte);
        const result = await runIn(mode, { argv: ["/usr/bin/sha256sum"] }, {}, input);
        expect(result.exit).toMatchObject({ reason: "exited", exitCode: 0 });
        expect(result.stdout.split(" ")[0]).toBe(sha256(input));
      });

      it("runs in the workspace as a non-root user without capabilities", async () => {
        const result = await runIn(
          mode,
          shell('pwd; id -u; grep "^CapEff:" /proc/self/status | tr -d "CapEf:\\t "'),
        );
        const [cwd, uid, capabilities] = result.stdout.trim().split("\n");
        expect(cwd).toBe("/workspace");
        expect(uid).not.toBe("0");
        expect(Number(uid)).toBeGreaterThan(0);
        expect(capabilities).toMatch(/^0+$/);
      });

      it("honours the command's cwd and env without taking anything from the host", async () => {
        const hostile = `it's "$(touch /tmp/pwned)" \`x\` $HOME \\ end`;
        const result = await runIn(mode, {
          argv: ["/bin/sh", "-c", 'pwd; printf "%s\\n" "$GREETING"; env; ls /tmp'],
          cwd: "/tmp",
          env: { GREETING: hostile },
        });
        const [cwd, greeting, ...rest] = result.stdout.split("\n");
        expect(cwd).toBe("/tmp");
        expect(greeting).toBe(hostile);
        expect(rest).not.toContain("pwned");
        const environment = new Map(
          rest.filter((line) => line.includes("=")).map((line) => line.split("=", 2) as [string, string]),
        );
        expect(result.stdout).not.toContain(canaryName);
        expect(result.stdout).not.toContain(canaryValue);
        expect(environment.get("PATH")).toMatch(/(^|:)\/usr\/bin(:|$)/);
        expect(environment.get("HOME")).toMatch(/^\//);
        // Names a shell or runtime sets by itself; any other host variable inside is a leak.
        const ownNames = new Set(
          "PATH HOME PWD OLDPWD SHLVL _ HOSTNAME TERM LANG LC_ALL USER LOGNAME TMPDIR SHELL GREETING".split(
            " ",
          ),
        );
        const leaked = [...environment.keys()].filter((key) => !ownNames.has(key) && key in process.env);
        expect(leaked).toEqual([]);
      });

      it("kills the command at its wall-clock timeout", async () => {
        const result = await runIn(mode, shell("sleep 30"), { timeoutMs: 1000 });
        expect(result.exit.reason).toBe("timeout");
        expect(result.exit.exitCode).toBeNull();
        expect(result.wallMs).toBeLessThan(2000);
      });

      it("kill() ends the command with reason killed", async () => {
        const sandbox = await createSandbox(mode.singleUse);
        try {
          const spawned = await spawnUntil(sandbox, shell("echo ready; sleep 30"), "ready");
          const killedAt = performance.now();
          spawned.kill();
          const exit = await spawned.exited;
          expect(exit.reason).toBe("killed");
          expect(performance.now() - killedAt).toBeLessThan(1000);
        } finally {
          await sandbox.destroy();
        }
      });

      it("aborting the spawn's signal ends the command with reason killed", async () => {
        const sandbox = await createSandbox(mode.singleUse);
        try {
          const controller = new AbortController();
          const spawned = await spawnUntil(sandbox, shell("echo ready; sleep 30"), "ready", {
            signal: controller.signal,
          });
          controller.abort();
          const exit = await spawned.exited;
          expect(exit.reason).toBe("killed");
          expect(exit.durationMs).toBeLessThan(5000);
        } finally {
          await sandbox.destroy();
        }
      });

      it("a signal aborted before the spawn kills the command at once", async () => {
        const result = await runIn(mode, shell("sleep 30"), { signal: AbortSignal.abort() });
        expect(result.exit.reason).toBe("killed");
        expect(result.wallMs).toBeLessThan(5000);
      });

      it("stops at the output limit and keeps exactly maxOutputBytes", async () => {
        const result = await runIn(mode, shell("yes out & yes err >&2; wait"), { maxOutputBytes: 100_000 });
        expect(result.exit.reason).toBe("output_limit");
        expect(result.stdoutBytes.length + Buffer.byteLength(result.stderr)).toBe(100_000);
        expect(result.exit.stdoutBytes + result.exit.stderrBytes).toBe(100_000);
        expect(result.exit.stdoutBytes).toBe(result.stdoutBytes.length);
      });

      it("output of exactly maxOutputBytes is not over the limit", async () => {
        const result = await runIn(mode, shell("head -c 5000 /dev/zero"), { maxOutputBytes: 5000 });
        expect(result.exit).toMatchObject({ reason: "exited", exitCode: 0 });
        expect(result.stdoutBytes.length).toBe(5000);
      });

      it("a memory bomb ends with memory_limit", async () => {
        const bytes = 4 * conformanceLimits.memoryBytes;
        const result = await runIn(mode, {
          argv: ["/usr/bin/perl", "-e", `my $x = "x" x ${bytes}; print length($x), "\\n"`],
        });
        expect(result.exit.reason).toBe("memory_limit");
        expect(result.stdout).toBe("");
      });

      it("a fork bomb ends with pids_limit and leaves nothing running", async () => {
        const { marker, spelled } = newMarker();
        const result = await runIn(mode, shell(`m=${spelled}; while :; do /bin/sleep "1000.$m" & done`), {
          timeoutMs: 15_000,
        });
        expect(hostProcessesWith(marker)).toEqual([]);
        expect(result.exit.reason).toBe("pids_limit");
      });

      it("the CPU time limit ends a busy loop", async () => {
        const result = await runIn(mode, shell("while :; do :; done"), {
          cpuTimeSeconds: 1,
          timeoutMs: 8000,
        });
        expect(result.exit.reason).not.toBe("timeout");
        expect(result.exit.exitCode).not.toBe(0);
        expect(result.wallMs).toBeLessThan(6000);
      });

      it.each([
        { directory: "/workspace", bytes: conformanceLimits.workspaceBytes },
        { directory: "/tmp", bytes: conformanceLimits.tmpBytes },
        { directory: "/dev/shm", bytes: conformanceLimits.tmpBytes },
      ])(
        "filling $directory past its size fails inside with ENOSPC or EFBIG",
        async ({ directory, bytes }) => {
          // Two files of 60 % each: only a limit on the whole directory stops the second.
          const part = Math.floor(bytes * 0.6);
          const script = [
            "trap '' XFSZ",
            `head -c ${part} /dev/zero > ${directory}/fill-1 && echo first-ok`,
            `head -c ${part} /dev/zero > ${directory}/fill-2; echo "second=$?"`,
          ].join("\n");
          const result = await runIn(mode, shell(script));
          expect(result.stdout).toContain("first-ok");
          expect(result.stdout).toMatch(/second=[1-9]/);
          expect(result.stderr).toMatch(/No space left on device|File too large/);
        },
      );

      it.each(["exit", "timeout", "destroy"] as const)(
        "a daemon, a stopped process and a background child are gone after %s",
        async (ending) => {
          const { marker, spelled } = newMarker();
          const sandbox = await createSandbox(mode.singleUse);
          try {
            const spawned = await spawnUntil(sandbox, shell(leftoverScript(spelled)), "started", {
              timeoutMs: ending === "timeout" ? 2500 : 20_000,
            });
            await waitForLeftovers(marker);
            if (ending === "exit") spawned.stdin.end("go\n");
            if (ending === "destroy") await sandbox.destroy();
            const exit = await spawned.exited;
            // Gone, not merely doomed: `exited` promises every process of the spawn has ended.
            expect(hostProcessesWith(marker)).toEqual([]);
            if (ending === "exit") expect(exit).toMatchObject({ reason: "exited", exitCode: 0 });
            if (ending === "timeout") expect(exit.reason).toBe("timeout");
            await sandbox.destroy();
            expect(hostProcessesWith(marker)).toEqual([]);
          } finally {
            await sandbox.destroy();
          }
        },
      );
    });

    describe.each(modes)("$label sandbox: isolation", (mode) => {
      it("has no network interface but lo and no route", async () => {
        const result = await runIn(mode, shell("cat /proc/net/dev; echo ---; cat /proc/net/route"));
        const [devices, routes] = result.stdout.split("---\n");
        const interfaces = (devices ?? "")
          .split("\n")
          .slice(2)
          .map((line) => line.split(":")[0]?.trim())
          .filter(Boolean);
        expect(interfaces).toEqual(["lo"]);
        expect((routes ?? "").trim().split("\n").slice(1)).toEqual([]);
      });

      it("cannot connect to a server on the host's loopback", async () => {
        let connections = 0;
        const server = createServer((socket) => {
          connections += 1;
          socket.destroy();
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        const port = (server.address() as AddressInfo).port;
        const probe = [
          "-MSocket",
          "-e",
          'socket(my $s, PF_INET, SOCK_STREAM, 0) or die "socket: $!\\n"; ' +
            'print connect($s, pack_sockaddr_in($ARGV[0], inet_aton("127.0.0.1"))) ? "connected\\n" : "failed: $!\\n"',
          String(port),
        ];
        try {
          // The same probe on the host proves it would notice a reachable server.
          const host = await promisify(execFile)("/usr/bin/perl", probe);
          expect(host.stdout).toBe("connected\n");
          await waitFor(() => connections === 1, "the host probe's connection");
          const result = await runIn(mode, { argv: ["/usr/bin/perl", ...probe] });
          expect(result.stdout).toMatch(/^failed: /);
          expect(connections).toBe(1);
        } finally {
          server.close();
        }
      });

      it("hides /root, /home, the data directory and host temporary files", async () => {
        const paths = ["/root", "/home", hostCanaryDirectory, ...(options.hiddenHostPaths ?? [])];
        // $3 is the host canary directory: its secret must not be readable.
        const script =
          'for p in "$@"; do stat -c "%d:%i" -- "$p" 2>/dev/null || echo missing; done; ' +
          'echo ---; ls -A /root /home 2>/dev/null; cat "$3/secret" 2>/dev/null; true';
        const result = await runIn(mode, { argv: ["/bin/sh", "-c", script, "sh", ...paths] });
        const [identities, listing] = result.stdout.split("---\n");
        const expected = paths.map((path) => {
          const stat = statSync(path);
          return `${stat.dev}:${stat.ino}`;
        });
        const seen = (identities ?? "").trim().split("\n");
        expect(seen).toHaveLength(paths.length);
        for (const [index, identity] of seen.entries()) expect(identity).not.toBe(expected[index]);
        // A copy would have new inodes: no entry only the host's /root or /home has may show up.
        const skeleton = new Set([".bashrc", ".profile", ".bash_logout"]);
        const hostOnly = [...readdirSync("/root"), ...readdirSync("/home")].filter(
          (entry) => !skeleton.has(entry),
        );
        const inside = (listing ?? "").split("\n");
        expect(hostOnly.filter((entry) => inside.includes(entry))).toEqual([]);
        expect(result.stdout).not.toContain(canaryValue);
      });

      it("cannot read /etc/shadow or write to the host's /usr and /etc", async () => {
        const probe = `hangar-probe-${randomBytes(6).toString("hex")}`;
        const result = await runIn(
          mode,
          shell(
            `cat /etc/shadow && echo shadow-read; touch /usr/${probe} && echo usr-written; ` +
              `touch /etc/${probe}; true`,
          ),
        );
        expect(result.stdout).not.toContain("shadow-read");
        expect(result.stdout).not.toContain("usr-written");
        expect(existsSync(`/usr/${probe}`)).toBe(false);
        expect(existsSync(`/etc/${probe}`)).toBe(false);
      });
    });

    describe.each(modes)("$label sandbox: writable places", (mode) => {
      it("only /workspace, /tmp and /dev/shm are writable: nothing escapes the disk limits", async () => {
        const result = await runIn(
          mode,
          shell(
            'for p in / /etc /usr/local /.hangar /var /opt /proc/1/root; do touch "$p/hangar-probe" 2>/dev/null && echo "$p"; done; ' +
              'for p in /workspace /tmp /dev/shm; do touch "$p/hangar-probe" || echo "cannot write $p"; done',
          ),
        );
        expect(result.stdout.split("\n").filter(Boolean)).toEqual([]);
      });
    });

    describe.each(modes)("$label sandbox: files", (mode) => {
      it("files written before spawn are visible, byte for byte, in nested directories", async () => {
        const binary = Buffer.concat([
          Buffer.from([0, 0, 39, 92, 37, 0]),
          Buffer.from(Array.from({ length: 256 }, (_, index) => index)),
          Buffer.from("it's '%s' \\n $(id) \0 end"),
        ]);
        const text = "héllo 'quoted' \"double\" %d $HOME \\ \n";
        const sandbox = await createSandbox(mode.singleUse);
        try {
          await sandbox.writeFile("a/b/c/data.bin", binary);
          await sandbox.writeFile("top.txt", text);
          await sandbox.writeFile("it's a $(name).txt", "odd name");
          const result = await run(
            sandbox,
            shell('sha256sum a/b/c/data.bin top.txt "it\'s a \\$(name).txt"; cat top.txt'),
          );
          expect(result.exit).toMatchObject({ reason: "exited", exitCode: 0 });
          expect(result.stdout).toBe(
            `${sha256(binary)}  a/b/c/data.bin\n${sha256(text)}  top.txt\n` +
              `${sha256("odd name")}  it's a $(name).txt\n${text}`,
          );
        } finally {
          await sandbox.destroy();
        }
      });

      it("spawn after destroy rejects, destroy is idempotent, isAlive turns false", async () => {
        const sandbox = await createSandbox(mode.singleUse);
        expect(await sandbox.isAlive()).toBe(true);
        expect((await provider.find(sandbox.id))?.id).toBe(sandbox.id);
        await Promise.all([sandbox.destroy(), sandbox.destroy()]);
        await sandbox.destroy();
        expect(await sandbox.isAlive()).toBe(false);
        await expect(sandbox.spawn(shell("true"), defaultSpawn)).rejects.toThrow();
        const found = await provider.find(sandbox.id);
        if (found) expect(await found.isAlive()).toBe(false);
      });
    });

    it("a single-use sandbox runs one command only", async () => {
      const sandbox = await createSandbox(true);
      try {
        expect((await run(sandbox, shell("echo once"))).stdout).toBe("once\n");
        await expect(sandbox.spawn(shell("echo twice"), defaultSpawn)).rejects.toThrow();
      } finally {
        await sandbox.destroy();
      }
    });

    describe("persistent sandbox: freezing", () => {
      /** CPU seconds of the host processes carrying the marker, from /proc (clock ticks of 10 ms). */
      function markedCpuSeconds(marker: string): number {
        let ticks = 0;
        for (const { pid } of hostProcessesWith(marker)) {
          try {
            const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
            ticks += Number(fields[11]) + Number(fields[12]);
          } catch {
            // Gone while we looked.
          }
        }
        return ticks / 100;
      }

      it("freeze stops every process, a setsid daemon too, where it stands; spawn thaws; destroy of a frozen sandbox ends it", async () => {
        const sandbox = await createSandbox(false);
        expect([typeof sandbox.freeze, typeof sandbox.thaw, typeof sandbox.cpuUsageSeconds]).toEqual([
          "function",
          "function",
          "function",
        ]);
        const { marker, spelled } = newMarker();
        try {
          const spawned = await spawnUntil(
            sandbox,
            shell(
              `m=${spelled}; ( setsid /bin/sh -c 'while :; do :; done' "busy.$m" </dev/null >/dev/null 2>&1 & ); echo started; read line`,
            ),
            "started",
            { timeoutMs: 60_000 },
          );
          await waitFor(() => markedCpuSeconds(marker) > 0.1, "the daemon's busy loop to use CPU");
          expect(await sandbox.freeze!()).toBe(true);
          const [hostBefore, sandboxBefore] = [markedCpuSeconds(marker), await sandbox.cpuUsageSeconds!()];
          expect(sandboxBefore).toBeGreaterThan(0.1);
          await new Promise((resolve) => setTimeout(resolve, 500));
          expect(markedCpuSeconds(marker) - hostBefore).toBeLessThanOrEqual(0.02);
          expect((await sandbox.cpuUsageSeconds!())! - sandboxBefore!).toBeLessThan(0.02);

          // A command (and so every file operation) thaws the sandbox first rather than hanging.
          expect((await run(sandbox, shell("echo thawed"))).stdout).toBe("thawed\n");
          await waitFor(() => markedCpuSeconds(marker) - hostBefore > 0.05, "the daemon to run again");
          expect(await sandbox.freeze!()).toBe(true);
          await sandbox.destroy();
          expect((await spawned.exited).reason).toBe("killed");
          expect(hostProcessesWith(marker)).toEqual([]);
        } finally {
          await sandbox.destroy();
        }
      });
    });

    describe("persistent sandbox: files", () => {
      let sandbox: Sandbox;
      beforeAll(async () => {
        sandbox = await createSandbox(false);
      });
      afterAll(async () => {
        await sandbox.destroy();
      });

      it("keeps files across spawns and reads, writes and lists them", async () => {
        await sandbox.writeFile("nested/deeper/file.txt", "hello");
        expect((await run(sandbox, shell("cat nested/deeper/file.txt; echo more > second.txt"))).stdout).toBe(
          "hello",
        );
        expect((await run(sandbox, shell("cat second.txt"))).stdout).toBe("more\n");
        expect(Buffer.from((await sandbox.readFile("second.txt", 1000)) ?? []).toString()).toBe("more\n");
        const entries = await sandbox.listFiles("");
        expect(entries).toEqual(
          expect.arrayContaining([
            { path: "nested", type: "directory", size: expect.any(Number) as number },
            { path: "nested/deeper/file.txt", type: "file", size: 5 },
            { path: "second.txt", type: "file", size: 5 },
          ]),
        );
        expect((await sandbox.listFiles("nested")).map((entry) => entry.path).sort()).toEqual([
          "deeper",
          "deeper/file.txt",
        ]);
      });

      it("round-trips binary data with NUL bytes and quotes exactly", async () => {
        const data = Buffer.concat([randomBytes(4096), Buffer.from("'\0'\\''%s\0\n$(x)")]);
        await sandbox.writeFile("bin/data.bin", data);
        expect(Buffer.from((await sandbox.readFile("bin/data.bin", data.length)) ?? [])).toEqual(data);
        expect((await run(sandbox, shell("sha256sum < bin/data.bin"))).stdout.split(" ")[0]).toBe(
          sha256(data),
        );
      });

      it("readFile of a missing file is undefined; over maxBytes it throws", async () => {
        expect(await sandbox.readFile("does/not/exist.txt", 100)).toBeUndefined();
        await sandbox.writeFile("big.txt", "x".repeat(2000));
        expect((await sandbox.readFile("big.txt", 2000))?.length).toBe(2000);
        await expect(sandbox.readFile("big.txt", 1999)).rejects.toThrow();
      });

      it("file operations never follow a planted symlink out to the host", async () => {
        const hostPasswd = await readFile("/etc/passwd");
        const hostShadow = await readFile("/etc/shadow");
        const probe = `hangar-escape-${randomBytes(6).toString("hex")}`;
        // Preconditions of the checks below: the host has no sandbox user, the sandbox does.
        expect(hostPasswd.toString()).not.toContain("sandbox:x:1000");
        const planted = await run(
          sandbox,
          shell(
            "ln -s /etc/passwd leak && ln -s /proc/1/root escape && ln -s /etc/shadow shadow && ln -s /etc etc",
          ),
        );
        expect(planted.exit.exitCode).toBe(0);

        const leaked = Buffer.from((await sandbox.readFile("leak", 1 * mebibyte)) ?? []);
        expect(leaked.toString()).toContain("sandbox:x:1000");
        expect(leaked.equals(hostPasswd)).toBe(false);
        for (const path of ["escape/etc/passwd", "escape/etc/shadow", "shadow"]) {
          const content = await sandbox.readFile(path, 1 * mebibyte).catch(() => undefined);
          if (content === undefined) continue;
          expect(Buffer.from(content).equals(hostPasswd)).toBe(false);
          expect(Buffer.from(content).equals(hostShadow)).toBe(false);
        }
        const listed = await sandbox.listFiles("");
        expect(listed.find((entry) => entry.path === "leak")?.type).toBe("symlink");
        expect(listed.filter((entry) => /^(escape|etc)\//.test(entry.path))).toEqual([]);

        for (const path of ["leak", `escape/etc/${probe}`, `etc/${probe}`, `escape/tmp/../etc/${probe}`]) {
          await sandbox.writeFile(path, "pwned\n").catch(() => undefined);
        }
        expect((await readFile("/etc/passwd")).equals(hostPasswd)).toBe(true);
        expect(existsSync(`/etc/${probe}`)).toBe(false);
        // The sandbox's own /etc/passwd may be shared with other sandboxes: it must not have changed either.
        expect(Buffer.from((await sandbox.readFile("leak", 1 * mebibyte)) ?? []).equals(leaked)).toBe(true);
        expect(await run(sandbox, shell("echo still-usable"))).toMatchObject({ stdout: "still-usable\n" });
      });
    });

    describe("persistent sandbox: the channel directory and the agent mounts", () => {
      const isRoot = process.getuid?.() === 0;
      let sandbox: Sandbox;
      let channel: string;
      beforeAll(async () => {
        sandbox = await createSandbox(false);
        channel = sandbox.channelDirectory!;
        for (const [file, lines] of Object.entries(channelPrograms)) {
          await sandbox.writeFile(`channel/${file}`, `${lines.join("\n")}\n`);
        }
      });
      afterAll(async () => {
        await sandbox.destroy();
      });

      it("a persistent sandbox has a host channel directory; a single-use one has none", async () => {
        expect(channel).toMatch(/^\//);
        expect(statSync(channel).isDirectory()).toBe(true);
        const single = await createSandbox(true);
        expect(single.channelDirectory).toBeUndefined();
        await single.destroy();
      });

      it("the host connects to a socket a sandbox process listens on in /.hangar/channel", async () => {
        const server = await spawnUntil(
          sandbox,
          { argv: ["/usr/bin/python3", "channel/unix-server.py", "/.hangar/channel/x.sock"] },
          "listening",
        );
        expect(await exchange(join(channel, "x.sock"), "hello from the host\n")).toBe(
          "inside:HELLO FROM THE HOST\n",
        );
        expect((await server.exited).exitCode).toBe(0);
      });

      it("a sandbox process connects to a socket the host listens on in the channel directory", async () => {
        const path = join(channel, "host.sock");
        const server = await listenUnix(path);
        try {
          // The host's socket is its own; the sandbox's uid needs write permission to connect.
          await chmod(path, 0o666);
          const result = await run(sandbox, {
            argv: ["/usr/bin/python3", "channel/unix-client.py", "/.hangar/channel/host.sock"],
          });
          expect(result.stderr).toBe("");
          expect(result.stdout).toBe("pong:ping\n");
          expect(server.connections).toBe(1);
        } finally {
          server.close();
          await rm(path, { force: true });
        }
      });

      it("a process can listen on 127.0.0.1:4480 and another connect to it (the sandbox's own loopback)", async () => {
        const result = await run(
          sandbox,
          shell("python3 channel/tcp-server.py & python3 channel/tcp-client.py; wait"),
        );
        expect(result.stderr).toBe("");
        expect(result.stdout).toBe("loopback:hello\n");
      });

      it("a symlink planted in the channel is not followed by the host", async () => {
        const target = join(hostCanaryDirectory, "host-only.sock");
        const hostOnly = await listenUnix(target);
        try {
          const planted = await run(sandbox, {
            argv: ["/bin/ln", "-s", target, "/.hangar/channel/evil.sock"],
          });
          expect(planted.exit.exitCode).toBe(0);
          const connecting = exchange(join(channel, "evil.sock"), "ping\n");
          if (isRoot) {
            // nosymfollow: resolving the link fails before anything is connected.
            await expect(connecting).rejects.toMatchObject({ code: "ELOOP" });
            expect(hostOnly.connections).toBe(0);
          } else {
            // A plain directory: the host must not follow links in it, and the provider says so.
            await connecting.catch(() => undefined);
            expect(provider.capabilities().notes.join("\n")).toMatch(/channel directory/);
          }
        } finally {
          hostOnly.close();
        }
      });

      it("/opt/hangar/runner and /opt/hangar/agents are readable, not writable, and nosuid, nodev", async () => {
        const result = await run(
          sandbox,
          shell(
            "cat /opt/hangar/runner/runner.cjs; ls -A /opt/hangar/agents; echo ---; " +
              "for p in /opt/hangar/runner /opt/hangar/agents; do touch $p/planted 2>/dev/null && echo wrote $p; done; " +
              "echo ---; grep ' /opt/hangar/' /proc/self/mountinfo",
          ),
        );
        const [readable, written, mountinfo] = result.stdout.split("---\n");
        expect(readable).toBe("// the agent runner bundle\n");
        expect(written).toBe("");
        const lines = (mountinfo ?? "").trim().split("\n");
        expect(lines.map((line) => line.split(" ")[4]).sort()).toEqual([
          "/opt/hangar/agents",
          "/opt/hangar/runner",
        ]);
        for (const line of lines) {
          const flags = (line.split(" ")[5] ?? "").split(",");
          expect(flags).toContain("ro");
          if (isRoot) expect(flags).toEqual(expect.arrayContaining(["nosuid", "nodev"]));
        }
        expect(existsSync(join(agentDirectories.runner, "planted"))).toBe(false);
      });

      it("an agent installed after the sandbox was created shows up in it", async () => {
        const installed = join(agentDirectories.agents, `late-agent-${randomBytes(3).toString("hex")}`);
        await mkdir(installed, { mode: 0o755 });
        await writeFile(join(installed, "package.json"), '{"name":"late-agent"}\n', { mode: 0o644 });
        const agent = installed.split("/").pop()!;
        const result = await run(sandbox, shell(`cat /opt/hangar/agents/${agent}/package.json`));
        expect(result.stdout).toBe('{"name":"late-agent"}\n');
      });
    });

    it("list({owner}) lists only that owner's sandboxes", async () => {
      const suffix = randomBytes(4).toString("hex");
      const first = await createSandbox(false, `owner-a-${suffix}`);
      const second = await createSandbox(true, `owner-b-${suffix}`);
      try {
        const listed = await provider.list({ owner: `owner-a-${suffix}` });
        expect(listed.map((info) => info.id)).toEqual([first.id]);
        expect(listed[0]).toMatchObject({ owner: `owner-a-${suffix}`, provider: provider.name, alive: true });
        expect((await provider.list()).map((info) => info.id)).toEqual(
          expect.arrayContaining([first.id, second.id]),
        );
        await first.destroy();
        const after = await provider.list({ owner: `owner-a-${suffix}` });
        expect(after.filter((info) => info.alive)).toEqual([]);
      } finally {
        await first.destroy();
        await second.destroy();
      }
    });

    it("a fresh sandbox works after everything above", async () => {
      for (const mode of modes) {
        const result = await runIn(mode, shell("echo fine"));
        expect(result).toMatchObject({ stdout: "fine\n", exit: { reason: "exited", exitCode: 0 } });
      }
    });
  });
}
