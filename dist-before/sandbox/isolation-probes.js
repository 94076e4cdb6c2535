import { createServer } from "node:net";
import { randomBytes } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { errorMessage } from "../core/errors.js";
import { collect } from "./sandbox-file-commands.js";
const probeLimits = {
    memoryBytes: 64 * 1024 * 1024,
    pids: 32,
    cpuCores: 1,
    workspaceBytes: 8 * 1024 * 1024,
    tmpBytes: 8 * 1024 * 1024,
};
export async function probeIsolation(provider, options) {
    const capabilities = provider.capabilities();
    const probes = await Promise.all([
        probeEgress(provider),
        probeSecrets(provider, options.dataDirectory),
        probe(provider, "fork bomb is contained", "bomb() { bomb | bomb & }; bomb; sleep 1; exit 3", 4000, (exit) => exit.reason === "pids_limit" || exit.reason === "timeout" || exit.reason === "memory_limit"
            ? { ok: true, detail: `stopped (${exit.reason})` }
            : { ok: false, detail: `not stopped by a process limit (${exit.reason}, exit ${exit.exitCode})` }),
        probe(provider, "memory bomb is contained", "exec /usr/bin/python3 -c 'b = bytearray(256 * 1024 * 1024); print(len(b))'", 8000, (exit) => exit.reason === "memory_limit"
            ? { ok: true, detail: "killed at the memory limit" }
            : { ok: false, detail: `allocated past the memory limit (${exit.reason}, exit ${exit.exitCode})` }),
    ]);
    return {
        ok: probes.every((result) => result.ok),
        probes,
        enforced: {
            network_isolation: probes[0]?.ok ?? false,
            secrets_hidden: probes[1]?.ok ?? false,
            pids_limit: capabilities.pidsLimit,
            memory_limit: capabilities.memoryLimit,
            cpu_limit: capabilities.cpuLimit,
            disk_limit: capabilities.diskLimit,
            wall_time_limit: true,
            output_limit: true,
        },
    };
}
async function runScript(provider, script, timeoutMs) {
    const sandbox = await provider.create({ owner: "hangar-probe", limits: probeLimits, singleUse: true });
    try {
        const process = await sandbox.spawn({ argv: ["/bin/sh", "-c", script] }, { timeoutMs, maxOutputBytes: 65536 });
        process.stdin.end();
        const [stdout, , exit] = await Promise.all([
            collect(process.stdout),
            collect(process.stderr),
            process.exited,
        ]);
        return { exit, stdout: Buffer.from(stdout).toString() };
    }
    finally {
        await sandbox.destroy();
    }
}
async function probe(provider, name, script, timeoutMs, judge) {
    try {
        const { exit, stdout } = await runScript(provider, script, timeoutMs);
        return { name, ...judge(exit, stdout) };
    }
    catch (error) {
        return { name, ok: false, detail: `probe could not run: ${errorMessage(error)}` };
    }
}
/** A listener on the host's loopback must be unreachable, and no interface but lo may exist. */
async function probeEgress(provider) {
    const server = createServer((socket) => socket.end("reached"));
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = server.address().port;
    try {
        const script = `exec /usr/bin/python3 -c "import socket,sys\n` +
            `ifaces=[l.split(':')[0].strip() for l in open('/proc/net/dev').readlines()[2:]]\n` +
            `print('interfaces', ','.join(ifaces))\n` +
            `try:\n  socket.create_connection(('127.0.0.1', ${port}), timeout=1); print('CONNECTED')\n` +
            `except OSError as e: print('refused', e)\n` +
            `try:\n  socket.create_connection(('169.254.169.254', 80), timeout=1); print('CONNECTED')\n` +
            `except OSError as e: print('refused', e)"`;
        return await probe(provider, "no network egress", script, 8000, (_exit, stdout) => {
            const interfaces = /interfaces (.*)/.exec(stdout)?.[1] ?? "?";
            if (stdout.includes("CONNECTED"))
                return { ok: false, detail: "a sandbox reached a host port" };
            if (interfaces !== "lo")
                return { ok: false, detail: `network interfaces visible: ${interfaces}` };
            return { ok: true, detail: "only loopback; host and metadata addresses unreachable" };
        });
    }
    finally {
        server.close();
    }
}
/** A canary file in the data directory and the server's environment must be invisible. */
async function probeSecrets(provider, dataDirectory) {
    const canary = randomBytes(16).toString("hex");
    const directory = join(dataDirectory, "probe");
    const path = join(directory, "canary");
    await mkdir(directory, { recursive: true });
    await writeFile(path, canary, { mode: 0o644 });
    // Names the sandbox sets itself are not leaks, even when the host's value happens to match.
    const ownNames = new Set(["PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "USER", "PWD", "SHELL", "OLDPWD"]);
    const environment = Object.entries(process.env)
        .filter(([name, value]) => !ownNames.has(name) && value !== undefined && value.length >= 12)
        .map(([name]) => name);
    try {
        const script = `cat ${path} 2>/dev/null; cat /proc/self/environ | tr '\\0' '\\n'; ls /root 2>&1 | head -1`;
        return await probe(provider, "host secrets hidden", script, 5000, (_exit, stdout) => {
            if (stdout.includes(canary))
                return { ok: false, detail: "a sandbox read a file in the data directory" };
            const leaked = environment.filter((name) => stdout.includes(process.env[name]));
            if (leaked.length > 0)
                return { ok: false, detail: `server environment visible: ${leaked.join(", ")}` };
            return { ok: true, detail: "data directory, /root and the server's environment are invisible" };
        });
    }
    finally {
        await rm(directory, { recursive: true, force: true });
    }
}
//# sourceMappingURL=isolation-probes.js.map