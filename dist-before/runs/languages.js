import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { HangarError } from "../core/errors.js";
import { shellQuote } from "../core/paths.js";
import { versionMatches } from "./language-version.js";
import { typescriptVersion } from "./typescript-transpiler.js";
/** Where toolchains that live outside /usr appear inside a bwrap sandbox. */
const rustMountPoint = "/opt/rust";
/** Stands for the chosen toolchain in a definition's argv. */
export const toolchain = "{toolchain}";
export const languageCatalog = [
    {
        name: "python",
        aliases: ["py", "python3"],
        fileName: "main.py",
        toolchains: ["/usr/bin/python3"],
        run: [toolchain, "main.py"],
        version: [toolchain, "--version"],
        kernel: "python",
    },
    {
        name: "javascript",
        aliases: ["js", "node", "nodejs"],
        fileName: "main.js",
        toolchains: ["/usr/bin/node"],
        run: [toolchain, "main.js"],
        version: [toolchain, "--version"],
        kernel: "javascript",
    },
    {
        name: "typescript",
        aliases: ["ts"],
        // An ES module, so top-level await works; Hangar transpiles it (type errors are not checked).
        fileName: "main.mjs",
        toolchains: ["/usr/bin/node"],
        run: [toolchain, "main.mjs"],
        version: [toolchain, "--version"],
        kernel: "javascript",
        isTypeScript: true,
    },
    {
        name: "bash",
        aliases: [],
        fileName: "main.sh",
        toolchains: ["/usr/bin/bash"],
        run: [toolchain, "main.sh"],
        version: [toolchain, "--version"],
    },
    {
        name: "sh",
        aliases: ["dash"],
        fileName: "main.sh",
        toolchains: ["/bin/sh"],
        run: [toolchain, "main.sh"],
        version: [],
    },
    {
        name: "c",
        aliases: [],
        fileName: "main.c",
        toolchains: ["/usr/bin/gcc"],
        compile: [toolchain, "-O1", "-pipe", "-o", "main", "main.c", "-lm"],
        run: ["./main"],
        version: [toolchain, "--version"],
    },
    {
        name: "cpp",
        aliases: ["c++", "cxx"],
        fileName: "main.cpp",
        toolchains: ["/usr/bin/g++"],
        compile: [toolchain, "-O1", "-pipe", "-o", "main", "main.cpp"],
        run: ["./main"],
        version: [toolchain, "--version"],
    },
    {
        name: "java",
        aliases: [],
        fileName: "Main.java",
        // The source launcher compiles in memory: one JVM start instead of javac + java.
        toolchains: ["/usr/bin/java"],
        run: [toolchain, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "Main.java"],
        version: [toolchain, "-version"],
        compileErrorPattern: /^error: compilation failed$/m,
    },
    {
        name: "rust",
        aliases: ["rs"],
        fileName: "main.rs",
        toolchains: [`${rustMountPoint}/bin/rustc`, "/usr/bin/rustc"],
        compile: [toolchain, "--edition", "2021", "-o", "main", "main.rs"],
        run: ["./main"],
        version: [toolchain, "--version"],
    },
    {
        name: "perl",
        aliases: ["pl"],
        fileName: "main.pl",
        toolchains: ["/usr/bin/perl"],
        run: [toolchain, "main.pl"],
        version: [toolchain, "-e", "print $^V"],
    },
    {
        name: "ruby",
        aliases: ["rb"],
        fileName: "main.rb",
        toolchains: ["/usr/bin/ruby"],
        run: [toolchain, "main.rb"],
        version: [toolchain, "--version"],
    },
    {
        name: "php",
        aliases: [],
        fileName: "main.php",
        toolchains: ["/usr/bin/php"],
        run: [toolchain, "main.php"],
        version: [toolchain, "--version"],
    },
    {
        name: "lua",
        aliases: [],
        fileName: "main.lua",
        toolchains: ["/usr/bin/lua"],
        run: [toolchain, "main.lua"],
        version: [toolchain, "-v"],
    },
];
/**
 * Host directories with toolchains outside /usr, and where they appear inside.
 * `rustupHome` is the host's RUSTUP_HOME (read by `config/`); `~/.rustup` when unset.
 */
export function toolchainMounts(rustupHome) {
    const rust = findRustToolchain(rustupHome ?? join(homedir(), ".rustup"));
    return rust ? [{ source: rust, target: rustMountPoint }] : [];
}
function findRustToolchain(rustupHome) {
    const toolchains = join(rustupHome, "toolchains");
    if (!existsSync(toolchains))
        return undefined;
    const names = readdirSync(toolchains).sort();
    const name = names.find((candidate) => candidate.startsWith("stable")) ?? names[0];
    return name && existsSync(join(toolchains, name, "bin", "rustc")) ? join(toolchains, name) : undefined;
}
/** The definition with `toolchain` replaced by the one found. */
export function resolveLanguage(definition, found, versionText) {
    const { toolchains: _candidates, ...rest } = definition;
    const resolve = (argv) => argv.map((part) => (part === toolchain ? found : part));
    return {
        ...rest,
        ...(definition.compile ? { compile: resolve(definition.compile) } : {}),
        run: resolve(definition.run),
        version: resolve(definition.version),
        toolchain: found,
        // TypeScript's version is the compiler Hangar transpiles with; node runs the result.
        ...(definition.isTypeScript
            ? { versionText: typescriptVersion(), runtime: { name: "node", version: versionText } }
            : { versionText }),
    };
}
/** Host path of a sandbox path, for detection: toolchains outside /usr are mounted elsewhere inside. */
function hostPath(path, mounts) {
    for (const mount of mounts) {
        if (path === mount.target || path.startsWith(`${mount.target}/`)) {
            return mount.source + path.slice(mount.target.length);
        }
    }
    return path;
}
/**
 * bwrap: finds which languages this host can run (sandboxes see its /usr and
 * `mounts`), in parallel; each probe is bounded in time.
 */
export async function detectLanguages(mounts) {
    const probeOne = async (definition, candidate) => {
        if (!existsSync(hostPath(candidate, mounts)))
            return undefined;
        if (definition.version.length === 0)
            return "posix";
        const [command, ...args] = definition.version.map((part) => hostPath(part === toolchain ? candidate : part, mounts));
        return new Promise((resolve) => {
            execFile(command, args, { timeout: 10_000 }, (error, stdout, stderr) => {
                resolve(error ? undefined : parseVersion(`${stdout}\n${stderr}`));
            });
        });
    };
    const probes = languageCatalog.map(async (definition) => {
        for (const candidate of definition.toolchains) {
            const versionText = await probeOne(definition, candidate);
            if (versionText !== undefined)
                return resolveLanguage(definition, candidate, versionText);
        }
        return undefined;
    });
    return (await Promise.all(probes)).filter((language) => !!language);
}
/**
 * A POSIX sh program that probes every language's toolchain candidates inside a
 * sandbox (one process start instead of one per language) and prints, for each
 * language found, `\x1e<name> <toolchain>\n<version output>\n`.
 */
export function languageProbeScript(catalog = languageCatalog) {
    const lines = [
        `probe() { name=$1; shift; [ -x "$1" ] || return 1; out=$("$@" 2>&1) || return 1; printf '\\036%s %s\\n%s\\n' "$name" "$1" "$out"; }`,
        `exists() { [ -x "$2" ] || return 1; printf '\\036%s %s\\nposix\\n' "$1" "$2"; }`,
    ];
    for (const definition of catalog) {
        const attempts = definition.toolchains.map((candidate) => definition.version.length === 0
            ? `exists ${definition.name} ${shellQuote(candidate)}`
            : `probe ${definition.name} ${definition.version.map((part) => shellQuote(part === toolchain ? candidate : part)).join(" ")}`);
        lines.push(`${attempts.join(" || ")} || true`);
    }
    return lines.join("\n");
}
/** Reads what `languageProbeScript` printed; languages it did not name are not available. */
export function parseLanguageProbe(output, catalog = languageCatalog) {
    const found = new Map();
    for (const record of output.split("\x1e").slice(1)) {
        const newline = record.indexOf("\n");
        const header = newline === -1 ? record : record.slice(0, newline);
        const space = header.indexOf(" ");
        if (space === -1)
            continue;
        found.set(header.slice(0, space), {
            path: header.slice(space + 1),
            text: newline === -1 ? "" : record.slice(newline + 1),
        });
    }
    const available = [];
    for (const definition of catalog) {
        const entry = found.get(definition.name);
        if (!entry || !definition.toolchains.includes(entry.path))
            continue;
        const versionText = definition.version.length === 0 ? "posix" : parseVersion(entry.text);
        available.push(resolveLanguage(definition, entry.path, versionText));
    }
    return available;
}
/**
 * Docker (or any provider whose sandboxes do not see this host's /usr): runs
 * the probe script in one short-lived sandbox, so the languages offered are
 * exactly the image's, with its versions.
 */
export async function detectLanguagesInSandbox(sandbox) {
    const process = await sandbox.spawn({ argv: ["/bin/sh", "-c", languageProbeScript()] }, { timeoutMs: 60_000, maxOutputBytes: 1024 * 1024 });
    process.stdin.end();
    const chunks = [];
    process.stdout.on("data", (chunk) => chunks.push(chunk));
    process.stderr.resume();
    const exit = await process.exited;
    if (exit.reason !== "exited") {
        throw new HangarError("SANDBOX_ERROR", `cannot detect the image's languages: the probe ended with ${exit.reason}${exit.detail ? ` (${exit.detail})` : ""}`);
    }
    return parseLanguageProbe(Buffer.concat(chunks).toString("utf8"));
}
export function parseVersion(text) {
    return /(\d+\.\d+(?:\.\d+)?)/.exec(text)?.[1] ?? text.trim().split("\n")[0] ?? "unknown";
}
/** Resolves names and aliases; an unknown one is a 400 that lists what is available. */
export class LanguageRegistry {
    languages;
    byName = new Map();
    constructor(languages) {
        this.languages = languages;
        for (const language of languages) {
            this.byName.set(language.name, language);
            for (const alias of language.aliases)
                this.byName.set(alias, language);
        }
    }
    /** `version`, when given, must match the toolchain's (see versionMatches), else a 400 lists what there is. */
    resolve(name, version) {
        const language = this.byName.get(name.trim().toLowerCase());
        if (!language) {
            const available = this.languages.map((candidate) => candidate.name).join(", ");
            throw new HangarError("UNKNOWN_LANGUAGE", `unknown language "${name}"; available: ${available}`, {
                field: "language",
                details: { available: this.languages.map((candidate) => candidate.name) },
            });
        }
        if (version !== undefined && !versionMatches(language.versionText, version)) {
            // One toolchain per language today; the list form leaves room for more.
            const available = [language.versionText];
            throw new HangarError("VALIDATION_FAILED", `${language.name} version "${version}" is not available; available versions: ${available.join(", ")}`, { field: "version", details: { available } });
        }
        return language;
    }
    describe() {
        return this.languages.map((language) => ({
            name: language.name,
            aliases: language.aliases,
            version: language.versionText,
            ...(language.runtime === undefined ? {} : { runtime: language.runtime }),
            stateful: language.kernel !== undefined,
            compiled: language.compile !== undefined ||
                language.isTypeScript === true ||
                language.compileErrorPattern !== undefined,
        }));
    }
}
//# sourceMappingURL=languages.js.map