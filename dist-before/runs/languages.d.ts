import type { BindMount } from "../sandbox/bind-mount.js";
import type { Sandbox } from "../sandbox/sandbox-port.js";
import type { LanguageInfo } from "./run-types.js";
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
/** Stands for the chosen toolchain in a definition's argv. */
export declare const toolchain = "{toolchain}";
export declare const languageCatalog: LanguageDefinition[];
/**
 * Host directories with toolchains outside /usr, and where they appear inside.
 * `rustupHome` is the host's RUSTUP_HOME (read by `config/`); `~/.rustup` when unset.
 */
export declare function toolchainMounts(rustupHome: string | undefined): BindMount[];
/** A language found where the sandboxes run: its argv name the toolchain that answered. */
export interface AvailableLanguage extends Omit<LanguageDefinition, "toolchains"> {
    toolchain: string;
    /** The language's version: the toolchain's, or for TypeScript the compiler's. */
    versionText: string;
    /** What runs the code when that is not the language's own toolchain (TypeScript: node). */
    runtime?: {
        name: string;
        version: string;
    };
}
/** The definition with `toolchain` replaced by the one found. */
export declare function resolveLanguage(definition: LanguageDefinition, found: string, versionText: string): AvailableLanguage;
/**
 * bwrap: finds which languages this host can run (sandboxes see its /usr and
 * `mounts`), in parallel; each probe is bounded in time.
 */
export declare function detectLanguages(mounts: BindMount[]): Promise<AvailableLanguage[]>;
/**
 * A POSIX sh program that probes every language's toolchain candidates inside a
 * sandbox (one process start instead of one per language) and prints, for each
 * language found, `\x1e<name> <toolchain>\n<version output>\n`.
 */
export declare function languageProbeScript(catalog?: LanguageDefinition[]): string;
/** Reads what `languageProbeScript` printed; languages it did not name are not available. */
export declare function parseLanguageProbe(output: string, catalog?: LanguageDefinition[]): AvailableLanguage[];
/**
 * Docker (or any provider whose sandboxes do not see this host's /usr): runs
 * the probe script in one short-lived sandbox, so the languages offered are
 * exactly the image's, with its versions.
 */
export declare function detectLanguagesInSandbox(sandbox: Sandbox): Promise<AvailableLanguage[]>;
export declare function parseVersion(text: string): string;
/** Resolves names and aliases; an unknown one is a 400 that lists what is available. */
export declare class LanguageRegistry {
    readonly languages: AvailableLanguage[];
    private readonly byName;
    constructor(languages: AvailableLanguage[]);
    /** `version`, when given, must match the toolchain's (see versionMatches), else a 400 lists what there is. */
    resolve(name: string, version?: string): AvailableLanguage;
    describe(): LanguageInfo[];
}
