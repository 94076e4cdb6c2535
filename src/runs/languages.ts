import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { HangarError } from "../core/errors.js";
import type { BindMount } from "../sandbox/bwrap/bwrap-arguments.js";
import type { LanguageInfo } from "./run-types.js";

/**
 * The languages Hangar can run, and how. Interpreters are called by absolute
 * path (a shim on PATH can cost 80 ms a start). A language is offered only
 * when its toolchain is found on this host at start-up; its version comes
 * from the toolchain itself.
 */
export interface LanguageDefinition {
  name: string;
  aliases: string[];
  /** The file the code is written to, in the workspace. */
  fileName: string;
  /** Compiles `fileName`; a non-zero exit is a `compile_error`. */
  compile?: string[];
  run: string[];
  version: string[];
  /** The notebook kernel that keeps state for this language in a session. */
  kernel?: "python" | "javascript";
  /** The code is TypeScript, transpiled by Hangar before it runs as JavaScript. */
  isTypeScript?: boolean;
  /** java's source launcher reports compile errors at run time; recognise them. */
  compileErrorPattern?: RegExp;
}

/** Where toolchains that live outside /usr appear inside the sandbox. */
const rustMountPoint = "/opt/rust";

export const languageCatalog: LanguageDefinition[] = [
  {
    name: "python",
    aliases: ["py", "python3"],
    fileName: "main.py",
    run: ["/usr/bin/python3", "main.py"],
    version: ["/usr/bin/python3", "--version"],
    kernel: "python",
  },
  {
    name: "javascript",
    aliases: ["js", "node", "nodejs"],
    fileName: "main.js",
    run: ["/usr/bin/node", "main.js"],
    version: ["/usr/bin/node", "--version"],
    kernel: "javascript",
  },
  {
    name: "typescript",
    aliases: ["ts"],
    // An ES module, so top-level await works; Hangar transpiles it (type errors are not checked).
    fileName: "main.mjs",
    run: ["/usr/bin/node", "main.mjs"],
    version: ["/usr/bin/node", "--version"],
    kernel: "javascript",
    isTypeScript: true,
  },
  {
    name: "bash",
    aliases: [],
    fileName: "main.sh",
    run: ["/usr/bin/bash", "main.sh"],
    version: ["/usr/bin/bash", "--version"],
  },
  { name: "sh", aliases: ["dash"], fileName: "main.sh", run: ["/bin/sh", "main.sh"], version: [] },
  {
    name: "c",
    aliases: [],
    fileName: "main.c",
    compile: ["/usr/bin/gcc", "-O1", "-pipe", "-o", "main", "main.c", "-lm"],
    run: ["./main"],
    version: ["/usr/bin/gcc", "--version"],
  },
  {
    name: "cpp",
    aliases: ["c++", "cxx"],
    fileName: "main.cpp",
    compile: ["/usr/bin/g++", "-O1", "-pipe", "-o", "main", "main.cpp"],
    run: ["./main"],
    version: ["/usr/bin/g++", "--version"],
  },
  {
    name: "java",
    aliases: [],
    fileName: "Main.java",
    // The source launcher compiles in memory: one JVM start instead of javac + java.
    run: ["/usr/bin/java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "Main.java"],
    version: ["/usr/bin/java", "-version"],
    compileErrorPattern: /^error: compilation failed$/m,
  },
  {
    name: "rust",
    aliases: ["rs"],
    fileName: "main.rs",
    compile: [`${rustMountPoint}/bin/rustc`, "--edition", "2021", "-o", "main", "main.rs"],
    run: ["./main"],
    version: [`${rustMountPoint}/bin/rustc`, "--version"],
  },
  {
    name: "perl",
    aliases: ["pl"],
    fileName: "main.pl",
    run: ["/usr/bin/perl", "main.pl"],
    version: ["/usr/bin/perl", "-e", "print $^V"],
  },
  {
    name: "ruby",
    aliases: ["rb"],
    fileName: "main.rb",
    run: ["/usr/bin/ruby", "main.rb"],
    version: ["/usr/bin/ruby", "--version"],
  },
  {
    name: "php",
    aliases: [],
    fileName: "main.php",
    run: ["/usr/bin/php", "main.php"],
    version: ["/usr/bin/php", "--version"],
  },
  {
    name: "lua",
    aliases: [],
    fileName: "main.lua",
    run: ["/usr/bin/lua", "main.lua"],
    version: ["/usr/bin/lua", "-v"],
  },
];

/** Host directories with toolchains outside /usr, and where they appear inside. */
export function toolchainMounts(): BindMount[] {
  const rust = findRustToolchain();
  return rust ? [{ source: rust, target: rustMountPoint }] : [];
}

function findRustToolchain(): string | undefined {
  const toolchains = join(process.env.RUSTUP_HOME ?? join(homedir(), ".rustup"), "toolchains");
  if (!existsSync(toolchains)) return undefined;
  const names = readdirSync(toolchains).sort();
  const name = names.find((candidate) => candidate.startsWith("stable")) ?? names[0];
  return name && existsSync(join(toolchains, name, "bin", "rustc")) ? join(toolchains, name) : undefined;
}

export interface AvailableLanguage extends LanguageDefinition {
  versionText: string;
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

/** Finds which languages this host can run, in parallel; each probe is bounded in time. */
export async function detectLanguages(mounts: BindMount[] = toolchainMounts()): Promise<AvailableLanguage[]> {
  const probes = languageCatalog.map(async (language): Promise<AvailableLanguage | undefined> => {
    if (!existsSync(hostPath((language.compile ?? language.run)[0]!, mounts))) return undefined;
    if (language.version.length === 0) return { ...language, versionText: "posix" };
    const [command, ...args] = language.version.map((part) => hostPath(part, mounts));
    const text = await new Promise<string | undefined>((resolve) => {
      execFile(command!, args, { timeout: 10_000 }, (error, stdout, stderr) => {
        resolve(error ? undefined : `${stdout}\n${stderr}`);
      });
    });
    return text === undefined ? undefined : { ...language, versionText: parseVersion(text) };
  });
  return (await Promise.all(probes)).filter((language): language is AvailableLanguage => !!language);
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

  resolve(name: string): AvailableLanguage {
    const language = this.byName.get(name.trim().toLowerCase());
    if (!language) {
      const available = this.languages.map((candidate) => candidate.name).join(", ");
      throw new HangarError("UNKNOWN_LANGUAGE", `unknown language "${name}"; available: ${available}`, {
        field: "language",
        details: { available: this.languages.map((candidate) => candidate.name) },
      });
    }
    return language;
  }

  describe(): LanguageInfo[] {
    return this.languages.map((language) => ({
      name: language.name,
      aliases: language.aliases,
      version: language.versionText,
      stateful: language.kernel !== undefined,
      compiled:
        language.compile !== undefined ||
        language.isTypeScript === true ||
        language.compileErrorPattern !== undefined,
    }));
  }
}
