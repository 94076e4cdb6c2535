import { execFileSync } from "node:child_process";
import { existsSync, lstatSync, readdirSync, readlinkSync } from "node:fs";
import { cp, mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
/**
 * What of the host a sandbox sees: /usr and the few /etc files toolchains
 * need, read-only. Nothing else of the host's filesystem (no /home, /root,
 * /var, the data directory, or the rest of /etc) exists inside.
 */
const rootDirectories = ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"];
const etcEntries = [
    "alternatives",
    "ld.so.cache",
    "ld.so.conf",
    "ld.so.conf.d",
    "localtime",
    "timezone",
    "nsswitch.conf",
    "ssl",
    "ca-certificates",
    "mime.types",
    "protocols",
    "services",
];
/** /etc directories named after toolchains (java-17-openjdk, python3.11, perl, ...). */
const etcToolchainPattern = /^(java-|python3|perl|gcc|rustc|ruby|php)/;
export function detectRootEntries() {
    const entries = [];
    for (const path of rootDirectories) {
        if (!existsSync(path))
            continue;
        const stat = lstatSync(path);
        if (stat.isSymbolicLink())
            entries.push({ kind: "symlink", target: readlinkSync(path), path });
        else if (stat.isDirectory())
            entries.push({ kind: "bind", path });
    }
    return entries;
}
/** The /etc entries a sandbox needs that exist on this host. */
export function detectEtcEntries() {
    const names = new Set(etcEntries);
    for (const name of readdirSync("/etc"))
        if (etcToolchainPattern.test(name))
            names.add(name);
    return [...names].filter((name) => existsSync(`/etc/${name}`));
}
/**
 * Builds the sandbox's /etc once, at start-up: copies of the entries toolchains
 * need (symlinks kept as symlinks) plus minimal identity files, so `whoami`,
 * `getpass` and friends work. One bind mount of this directory replaces a
 * bind per entry, which cost about 3 ms on every sandbox start.
 */
export async function buildSandboxEtc(directory) {
    await rm(directory, { recursive: true, force: true });
    await mkdir(directory, { recursive: true, mode: 0o755 });
    for (const name of detectEtcEntries()) {
        await cp(`/etc/${name}`, join(directory, name), {
            recursive: true,
            verbatimSymlinks: true,
            // Private keys stay on the host, whatever their mode.
            filter: (source) => !source.startsWith("/etc/ssl/private"),
        }).catch(() => undefined); // an unreadable entry is simply not offered
    }
    const files = {
        passwd: "root:x:0:0:root:/root:/bin/sh\nsandbox:x:1000:1000:sandbox:/tmp:/bin/sh\n" +
            "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n",
        group: "root:x:0:\nsandbox:x:1000:\nnogroup:x:65534:\n",
        hosts: "127.0.0.1 localhost hangar\n::1 localhost ip6-localhost\n",
        hostname: "hangar\n",
    };
    for (const [name, content] of Object.entries(files)) {
        await writeFile(join(directory, name), content, { mode: 0o644 });
    }
    return { source: directory, target: "/etc" };
}
/** Where bubblewrap is installed; /usr/bin/bwrap when it cannot be found (start() then says to install it). */
export function findBwrap() {
    for (const candidate of ["/usr/bin/bwrap", "/usr/local/bin/bwrap"])
        if (existsSync(candidate))
            return candidate;
    try {
        return (execFileSync("/bin/sh", ["-c", "command -v bwrap"], { encoding: "utf8" }).trim() || "/usr/bin/bwrap");
    }
    catch {
        return "/usr/bin/bwrap";
    }
}
//# sourceMappingURL=host-layout.js.map