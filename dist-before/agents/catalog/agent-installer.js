import { spawn } from "node:child_process";
import { chmod, copyFile, lstat, mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile, } from "node:fs/promises";
import { join } from "node:path";
import { arch as hostArch, execPath, version as nodeVersion } from "node:process";
import { createInterface } from "node:readline";
import { HangarError, errorMessage } from "../../core/errors.js";
import { fillTemplate } from "./agent-templates.js";
export const installRecordName = "hangar-agent.json";
/** The HangarError a session raises for an agent that is not (or not in this version) installed. */
export function agentNotInstalled(name, installedVersion) {
    const why = installedVersion === undefined
        ? "is not installed"
        : `is installed in version ${installedVersion}, not the one Hangar pins`;
    return new HangarError("AGENT_NOT_INSTALLED", `agent ${name} ${why}: run  hangar agents install ${name}`, {
        field: "agent",
    });
}
/** The install record of an agent, or undefined when none is installed. */
export async function readInstalledAgent(directory, id) {
    let text;
    try {
        text = await readFile(join(directory, id, installRecordName), "utf8");
    }
    catch (error) {
        if (error.code === "ENOENT")
            return undefined;
        throw error;
    }
    try {
        return JSON.parse(text);
    }
    catch {
        return undefined;
    }
}
/**
 * Throws `agentNotInstalled` unless the agent's pinned version is installed. Agents
 * without a package (custom ones already in the sandbox image) need nothing installed.
 */
export async function requireInstalled(definition, directory) {
    if (definition.package === undefined)
        return;
    const installed = await readInstalledAgent(directory, definition.id);
    if (installed?.version !== definition.package.version)
        throw agentNotInstalled(definition.id, installed?.version);
}
export async function installAgent(definition, options) {
    const { package: npmPackage } = definition;
    if (npmPackage === undefined) {
        throw new HangarError("BAD_REQUEST", `agent ${definition.id} has no npm package to install: it runs ${definition.command.path} from the sandbox image`, { field: "agent" });
    }
    const progress = options.onProgress ?? (() => { });
    const { directory } = options;
    await mkdir(directory, { recursive: true, mode: 0o755 });
    return withAgentLock(directory, definition.id, async () => {
        await removeLeftovers(directory, definition.id);
        await installNode(directory, progress);
        return installPackage(definition, npmPackage, options, progress);
    });
}
async function installPackage(definition, npmPackage, options, progress) {
    const { directory } = options;
    const spec = `${npmPackage.name}@${npmPackage.version}`;
    const building = await mkdtemp(join(directory, `.install.${definition.id}.`));
    try {
        // A package.json of its own keeps npm from walking up into whatever project holds the directory.
        await writeFile(join(building, "package.json"), `${JSON.stringify({ private: true }, null, 2)}\n`);
        progress(`${definition.id}: npm install ${spec}`);
        const started = performance.now();
        await runNpm(options.npmCommand ?? "npm", building, spec, progress, options.signal);
        const command = fillTemplate(definition.command.path, { arch: hostArch });
        await checkCommand(definition, building, command);
        const record = {
            agent_id: definition.id,
            package: npmPackage.name,
            version: npmPackage.version,
            command,
            node: definition.command.node,
            installed_at: new Date().toISOString(),
        };
        await writeFile(join(building, installRecordName), `${JSON.stringify(record, null, 2)}\n`);
        // mkdtemp made it 0700; sandboxes run as other users and must read it (the mount is read-only).
        await chmod(building, 0o755);
        await replaceDirectory(directory, definition.id, building);
        progress(`${definition.id}: installed ${spec} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
        return record;
    }
    catch (error) {
        await rm(building, { recursive: true, force: true });
        throw error;
    }
}
/** Removes an installed agent; false when there was nothing to remove. */
export async function uninstallAgent(directory, id) {
    const target = join(directory, id);
    try {
        await lstat(target);
    }
    catch {
        return false;
    }
    return withAgentLock(directory, id, async () => {
        await removeLeftovers(directory, id);
        // Renamed first, so a sandbox starting meanwhile finds the agent whole or not at all.
        const doomed = join(directory, `.remove.${id}.${Date.now()}`);
        const moved = await rename(target, doomed).then(() => true, () => false);
        if (moved)
            await rm(doomed, { recursive: true, force: true });
        return moved;
    });
}
/**
 * Runs `action` holding `<directory>/.lock.<id>` (created exclusively, holding our pid), so
 * two installs of one agent never remove each other's work in progress. A lock whose
 * process is gone (a killed install) is taken over.
 */
async function withAgentLock(directory, id, action) {
    const lock = join(directory, `.lock.${id}`);
    for (let attempt = 0;; attempt += 1) {
        try {
            await writeFile(lock, `${process.pid}\n`, { flag: "wx" });
            break;
        }
        catch (error) {
            if (error.code !== "EEXIST" || attempt > 0)
                throw lockError(id, error);
            const holder = Number.parseInt(await readFile(lock, "utf8").catch(() => ""), 10);
            if (Number.isInteger(holder) && holder > 0 && isRunning(holder))
                throw lockError(id, undefined, holder);
            await rm(lock, { force: true });
        }
    }
    try {
        return await action();
    }
    finally {
        await rm(lock, { force: true });
    }
}
function lockError(id, cause, holder) {
    const who = holder === undefined ? "" : ` (pid ${holder})`;
    return new HangarError("CONFLICT", `another install or uninstall of agent ${id} is running${who}; try again when it ends`, {
        field: "agent",
        ...(cause === undefined ? {} : { cause }),
    });
}
function isRunning(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (error) {
        // EPERM: it exists but belongs to someone else.
        return error.code === "EPERM";
    }
}
/** Copies this host's node to `<directory>/bin/node` unless that copy is already this version. */
/**
 * Copies this host's node to `<directory>/bin/node` unless the same one is there: the
 * agent runner and node-based agents run on it in every sandbox, whatever the image has.
 */
export async function installNode(directory, progress = () => { }) {
    const binDirectory = join(directory, "bin");
    const target = join(binDirectory, "node");
    const versionFile = join(binDirectory, "node.version");
    const current = await readFile(versionFile, "utf8").catch(() => undefined);
    const size = await stat(target).then((found) => found.size, () => undefined);
    const hostSize = (await stat(execPath)).size;
    if (current?.trim() === nodeVersion && size === hostSize)
        return;
    await mkdir(binDirectory, { recursive: true, mode: 0o755 });
    progress(`node: copying ${execPath} (${nodeVersion}) for the sandboxes`);
    const temporary = join(binDirectory, `.node-${process.pid}-${Date.now()}`);
    await copyFile(execPath, temporary);
    await chmod(temporary, 0o755);
    await rename(temporary, target);
    await writeFile(versionFile, `${nodeVersion}\n`);
}
async function runNpm(npm, prefix, spec, progress, signal) {
    // --loglevel=http prints one line per fetched package: the progress a user sees.
    // --prefer-offline: the version is exact and its tarball's integrity is in the lock data,
    // so a warm cache needs no round trip to the registry. --ignore-scripts: an install script
    // is the package's code running on the host, as whoever runs Hangar; the catalog's agents
    // start without theirs (their optional native helpers, e.g. node-pty, are left unbuilt).
    const args = [
        "install",
        "--prefix",
        prefix,
        "--prefer-offline",
        "--ignore-scripts",
        "--no-audit",
        "--no-fund",
        "--loglevel=http",
        "--no-update-notifier",
        "--save-exact",
        spec,
    ];
    const child = spawn(npm, args, {
        cwd: prefix,
        stdio: ["ignore", "pipe", "pipe"],
        ...(signal === undefined ? {} : { signal }),
    });
    const tail = [];
    const fetched = { count: 0 };
    const onLine = (line) => {
        tail.push(line);
        if (tail.length > 20)
            tail.shift();
        const fetch = /^npm http fetch GET (\d+) (\S+) (.*)$/.exec(line);
        if (fetch !== null) {
            fetched.count += 1;
            progress(`npm: GET ${fetch[1]} ${packageOfUrl(fetch[2] ?? "")} ${fetch[3] ?? ""}`.trimEnd());
        }
    };
    createInterface({ input: child.stdout }).on("line", onLine);
    createInterface({ input: child.stderr }).on("line", onLine);
    const exit = await new Promise((done) => {
        child.on("error", (error) => done({ code: null, error }));
        child.on("close", (code) => done({ code }));
    });
    if (exit.error !== undefined) {
        const missing = exit.error.code === "ENOENT";
        throw new HangarError("INTERNAL", missing
            ? `cannot install ${spec}: ${npm} is not on PATH`
            : `npm install ${spec} failed: ${errorMessage(exit.error)}`, { cause: exit.error });
    }
    if (exit.code !== 0) {
        const reasons = tail.filter((line) => line.startsWith("npm error")).slice(0, 6);
        throw new HangarError("INTERNAL", `npm install ${spec} failed (exit ${exit.code}):\n  ${(reasons.length > 0 ? reasons : tail.slice(-6)).join("\n  ")}`);
    }
}
/** `https://registry.npmjs.org/@scope%2fname/-/name-1.0.0.tgz` → `@scope/name/-/name-1.0.0.tgz`. */
function packageOfUrl(url) {
    try {
        return decodeURIComponent(new URL(url).pathname.slice(1));
    }
    catch {
        return url;
    }
}
async function checkCommand(definition, installDirectory, command) {
    try {
        await stat(join(installDirectory, command));
    }
    catch {
        throw new HangarError("INTERNAL", `installed ${definition.package?.name ?? definition.id}, but its command ${command} is missing (a platform the package has no build for?)`);
    }
}
/** Moves a finished install into place; an earlier install of the same agent goes only once the new one is there. */
async function replaceDirectory(directory, id, building) {
    const target = join(directory, id);
    const previous = join(directory, `.remove.${id}.${Date.now()}`);
    const hadPrevious = await rename(target, previous).then(() => true, (error) => {
        if (error.code === "ENOENT")
            return false;
        throw error;
    });
    await rename(building, target);
    if (hadPrevious)
        await rm(previous, { recursive: true, force: true });
}
/** What an interrupted install or uninstall of this agent left behind. */
async function removeLeftovers(directory, id) {
    const entries = await readdir(directory).catch(() => []);
    for (const entry of entries) {
        if (entry.startsWith(`.install.${id}.`) || entry.startsWith(`.remove.${id}.`)) {
            await rm(join(directory, entry), { recursive: true, force: true });
        }
    }
}
//# sourceMappingURL=agent-installer.js.map