import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { appendFile, chmod, mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import Docker from "dockerode";
import { HangarError, errorMessage } from "../core/errors.js";
import { debootstrapArguments, importChanges, recipeHash, recipeLabel, rootfsHash, } from "./image-recipe.js";
export async function buildImage(options) {
    const hash = recipeHash(options.recipe);
    if (!options.force && (await imageRecipe(options.docker, options.tag)) === hash) {
        options.log(`${options.tag} is up to date (recipe ${hash})`);
        return "up-to-date";
    }
    // The rootfs depends only on suite and packages: a new kernel is a quick import, not a debootstrap.
    const rootfsKey = rootfsHash(options.recipe);
    const rootfs = join(options.cacheDirectory, `rootfs-${rootfsKey}`);
    const stamp = join(options.cacheDirectory, `rootfs-${rootfsKey}.done`);
    if (options.force || !existsSync(stamp)) {
        await rm(rootfs, { recursive: true, force: true });
        await mkdir(options.cacheDirectory, { recursive: true });
        const mirror = options.mirror ?? debianMirror();
        options.log(`debootstrap ${options.recipe.suite} from ${mirror} (a few minutes the first time)`);
        await runLogged("debootstrap", debootstrapArguments(options.recipe, rootfs, mirror), options.log);
        await prepareRootfs(rootfs);
        await writeFile(stamp, rootfsKey);
    }
    await layFiles(rootfs, options.recipe.files);
    options.log(`importing ${rootfs} as ${options.tag}`);
    const tar = spawn("tar", ["-C", rootfs, "--numeric-owner", "-c", "."], {
        stdio: ["ignore", "pipe", "pipe"],
    });
    const [repository, tag] = splitTag(options.tag);
    // The Engine API's `changes` takes Dockerfile instructions (repeated query parameter).
    const importOptions = {
        repo: repository,
        tag,
        changes: importChanges(options.recipe),
    };
    const stream = await options.docker.importImage(tar.stdout, importOptions);
    await new Promise((resolve, reject) => {
        options.docker.modem.followProgress(stream, (error) => (error ? reject(error) : resolve()));
    });
    options.log(`built ${options.tag} (recipe ${hash})`);
    return "built";
}
/** The recipe hash an image was built from, or undefined when there is no such image. */
export async function imageRecipe(docker, tag) {
    try {
        const info = await docker.getImage(tag).inspect();
        return info.Config?.Labels?.[recipeLabel] ?? "unknown";
    }
    catch {
        return undefined;
    }
}
/**
 * Hangar's own files (the session kernels) over the cached rootfs, root-owned
 * and read-only to the sandbox user. The directory is replaced whole so a
 * file dropped from the recipe does not linger from an earlier build.
 */
async function layFiles(rootfs, files) {
    for (const directory of new Set(files.map((file) => dirname(file.path)))) {
        await rm(join(rootfs, directory), { recursive: true, force: true });
    }
    for (const file of files) {
        const target = join(rootfs, file.path);
        await mkdir(dirname(target), { recursive: true, mode: 0o755 });
        await writeFile(target, file.content, { mode: 0o644 });
        await chmod(target, 0o644);
    }
}
/** A sandbox user (uid 1000) and a workspace owned by it; no apt caches in the image. */
async function prepareRootfs(rootfs) {
    await appendFile(join(rootfs, "etc/passwd"), "sandbox:x:1000:1000:sandbox:/tmp:/bin/sh\n");
    await appendFile(join(rootfs, "etc/group"), "sandbox:x:1000:\n");
    await mkdir(join(rootfs, "workspace"), { recursive: true });
    await runLogged("chown", ["1000:1000", join(rootfs, "workspace")], () => undefined);
    await rm(join(rootfs, "var/cache/apt/archives"), { recursive: true, force: true });
    await rm(join(rootfs, "var/lib/apt/lists"), { recursive: true, force: true });
}
/** The mirror apt on this host uses, so the build goes where this machine may go. */
export function debianMirror() {
    for (const file of ["/etc/apt/sources.list.d/debian.sources", "/etc/apt/sources.list"]) {
        if (!existsSync(file))
            continue;
        const text = readFileSync(file, "utf8");
        const match = /^URIs:\s*(\S+\/debian)\s*$/m.exec(text) ?? /^deb\s+(?:\[[^\]]*\]\s+)?(\S+\/debian)\s/m.exec(text);
        if (match)
            return match[1];
    }
    return "http://deb.debian.org/debian";
}
function splitTag(reference) {
    const colon = reference.lastIndexOf(":");
    return colon > reference.lastIndexOf("/")
        ? [reference.slice(0, colon), reference.slice(colon + 1)]
        : [reference, "latest"];
}
function runLogged(command, args, log) {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
        let tail = "";
        const take = (chunk) => {
            tail = (tail + chunk.toString()).slice(-4000);
            for (const line of chunk.toString().split("\n"))
                if (line.startsWith("E:") || line.startsWith("W:"))
                    log(line);
        };
        child.stdout.on("data", take);
        child.stderr.on("data", take);
        child.on("error", (error) => {
            reject(new HangarError("INTERNAL", `cannot run ${command}: ${errorMessage(error)}; install it (apt-get install -y ${command})`));
        });
        child.on("close", (code) => {
            if (code === 0)
                resolve();
            else
                reject(new HangarError("INTERNAL", `${command} failed (exit ${code}):\n${tail}`));
        });
    });
}
//# sourceMappingURL=image-builder.js.map