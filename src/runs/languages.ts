import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { HangarError } from "../core/errors.js";
import { shellQuote } from "../core/paths.js";
import type { BindMount } from "../sandbox/bind-mount.js";
import type { Sandbox } from "../sandbox/sandbox-port.js";
import { versionMatches } from "./language-version.js";
import type { LanguageInfo } from "./run-types.js";
import { typescriptVersion } from "./typescript-transpiler.js";

/**
 * The languages Hangar can run, and how. Interpreters are called by absolute
 * path (a shim on PATH can cost 80 ms a start). A language is offered only
 * when its toolchain is found where the sandboxes run (this host for bwrap,
 * the image for Docker) at start-up; its version comes from the toolchain itself.
 */
export interface LanguageDefinition {
  name: string;
  aliases: string[];
  /** The file the code is written to, in the workspace. */
  fileName: string;
  /**
   * Where the toolchain may be inside a sandbox, in order of preference; the
   * first whose version command answers wins and replaces `toolchain` in the
   * argv below. Providers differ: rustup's toolchain is a host mount under
   * bwrap, Debian's /usr/bin/rustc in the Docker image.
   */
  toolchains: string[];
  /** Compiles `fileName`; a non-zero exit is a `compile_error`. */
  compile?: string[];
  run: string[];
  /** Prints the version; empty when the language has none to tell (POSIX sh). */
  version: string[];
  /** The notebook kernel that keeps state for this language in a session. */
  kernel?: "python" | "javascript";
  /** The code is TypeScript, transpiled by Hangar before it runs as JavaScript. */
  isTypeScript?: boolean;
  /** java's source launcher reports compile errors at run time; recognise them. */
  compileErrorPattern?: RegExp;
}

/** Where toolchains that live outside /usr appear inside a bwrap sandbox. */
const rustMountPoint = "/opt/rust";

/** Stands for the chosen toolchain in a definition's argv. */
export const toolchain = "{toolchain}";

export const languageCatalog: LanguageDefinition[] = [
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
export function toolchainMounts(rustupHome: string | undefined): BindMount[] {
  const rust = findRustToolchain(rustupHome ?? join(homedir(), ".rustup"));
  return rust ? [{ source: rust, target: rustMountPoint }] : [];
}

function findRustToolchain(rustupHome: string): string | undefined {
  const toolchains = join(rustupHome, "toolchains");
  if (!existsSync(toolchains)) return undefined;
  const names = readdirSync(toolchains).sort();
  const name = names.find((candidate) => candidate.startsWith("stable")) ?? names[0];
  return name && existsSync(join(toolchains, name, "bin", "rustc")) ? join(toolchains, name) : undefined;
}

/** A language found where the sandboxes run: its argv name the toolchain that answered. */
export interface AvailableLanguage extends Omit<LanguageDefinition, "toolchains"> {
  toolchain: string;
  /** The language's version: the toolchain's, or for TypeScript the compiler's. */
  versionText: string;
  /** What runs the code when that is not the language's own toolchain (TypeScript: node). */
  runtime?: { name: string; version: string };
}

/** The definition with `toolchain` replaced by the one found. */
export function resolveLanguage(
  definition: LanguageDefinition,
  found: string,
  versionText: string,
): AvailableLanguage {
  const { toolchains: _candidates, ...rest } = definition;
  const resolve = (argv: string[]): string[] => argv.map((part) => (part === toolchain ? found : part));
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
function hostPath(path: string, mounts: BindMount[]): string {
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
export async function detectLanguages(mounts: BindMount[]): Promise<AvailableLanguage[]> {
  const probeOne = async (definition: LanguageDefinition, candidate: string): Promise<string | undefined> => {
    if (!existsSync(hostPath(candidate, mounts))) return undefined;
    if (definition.version.length === 0) return "posix";
    const [command, ...args] = definition.version.map((part) =>
      hostPath(part === toolchain ? candidate : part, mounts),
    );
    return new Promise<string | undefined>((resolve) => {
      execFile(command!, args, { timeout: 10_000 }, (error, stdout, stderr) => {
        resolve(error ? undefined : parseVersion(`${stdout}\n${stderr}`));
      });
    });
  };
  const probes = languageCatalog.map(async (definition): Promise<AvailableLanguage | undefined> => {
    for (const candidate of definition.toolchains) {
      const versionText = await probeOne(definition, candidate);
      if (versionText !== undefined) return resolveLanguage(definition, candidate, versionText);
    }
    return undefined;
  });
  return (await Promise.all(probes)).filter((language): language is AvailableLanguage => !!language);
}

/**
 * A POSIX sh program that probes every language's toolchain candidates inside a
 * sandbox (one process start instead of one per language) and prints, for each
 * language found, `\x1e<name> <toolchain>\n<version output>\n`.
 */
export function languageProbeScript(catalog: LanguageDefinition[] = languageCatalog): string {
  const lines = [
    `probe() { name=$1; shift; [ -x "$1" ] || return 1; out=$("$@" 2>&1) || return 1; printf '\\036%s %s\\n%s\\n' "$name" "$1" "$out"; }`,
    `exists() { [ -x "$2" ] || return 1; printf '\\036%s %s\\nposix\\n' "$1" "$2"; }`,
  ];
  for (const definition of catalog) {
    const attempts = definition.toolchains.map((candidate) =>
      definition.version.length === 0
        ? `exists ${definition.name} ${shellQuote(candidate)}`
        : `probe ${definition.name} ${definition.version.map((part) => shellQuote(part === toolchain ? candidate : part)).join(" ")}`,
    );
    lines.push(`${attempts.join(" || ")} || true`);
  }
  return lines.join("\n");
}

/** Reads what `languageProbeScript` printed; languages it did not name are not available. */
export function parseLanguageProbe(
  output: string,
  catalog: LanguageDefinition[] = languageCatalog,
): AvailableLanguage[] {
  const found = new Map<string, { path: string; text: string }>();
  for (const record of output.split("\x1e").slice(1)) {
    const newline = record.indexOf("\n");
    const header = newline === -1 ? record : record.slice(0, newline);
    const space = header.indexOf(" ");
    if (space === -1) continue;
    found.set(header.slice(0, space), {
      path: header.slice(space + 1),
      text: newline === -1 ? "" : record.slice(newline + 1),
    });
  }
  const available: AvailableLanguage[] = [];
  for (const definition of catalog) {
    const entry = found.get(definition.name);
    if (!entry || !definition.toolchains.includes(entry.path)) continue;
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
export async function detectLanguagesInSandbox(sandbox: Sandbox): Promise<AvailableLanguage[]> {
  const process = await sandbox.spawn(
    { argv: ["/bin/sh", "-c", languageProbeScript()] },
    { timeoutMs: 60_000, maxOutputBytes: 1024 * 1024 },
  );
  process.stdin.end();
  const chunks: Buffer[] = [];
  process.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
  process.stderr.resume();
  const exit = await process.exited;
  if (exit.reason !== "exited") {
    throw new HangarError(
      "SANDBOX_ERROR",
      `cannot detect the image's languages: the probe ended with ${exit.reason}${exit.detail ? ` (${exit.detail})` : ""}`,
    );
  }
  return parseLanguageProbe(Buffer.concat(chunks).toString("utf8"));
}

export function parseVersion(text: string): string {
  return /(\d+\.\d+(?:\.\d+)?)/.exec(text)?.[1] ?? text.trim().split("\n")[0] ?? "unknown";
}

/** Resolves names and aliases; an unknown one is a 400 that lists what is available. */
export class LanguageRegistry {
  private readonly byName = new Map<string, AvailableLanguage>();

  constructor(readonly languages: AvailableLanguage[]) {
    for (const language of languages) {
      this.byName.set(language.name, language);
      for (const alias of language.aliases) this.byName.set(alias, language);
    }
  }

  /** `version`, when given, must match the toolchain's (see versionMatches), else a 400 lists what there is. */
  resolve(name: string, version?: string): AvailableLanguage {
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
      throw new HangarError(
        "VALIDATION_FAILED",
        `${language.name} version "${version}" is not available; available versions: ${available.join(", ")}`,
        { field: "version", details: { available } },
      );
    }
    return language;
  }

  describe(): LanguageInfo[] {
    return this.languages.map((language) => ({
      name: language.name,
      aliases: language.aliases,
      version: language.versionText,
      ...(language.runtime === undefined ? {} : { runtime: language.runtime }),
      stateful: language.kernel !== undefined,
      compiled:
        language.compile !== undefined ||
        language.isTypeScript === true ||
        language.compileErrorPattern !== undefined,
    }));
  }
}
