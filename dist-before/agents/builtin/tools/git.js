import { z } from "zod";
import { defineTool } from "./define-tool.js";
import { commandOutputLimitBytes, describeStop, runSandboxCommand } from "./sandbox-command.js";
import { toolError, toolSuccess } from "./tool-result.js";
import { truncateOutput } from "./truncate-output.js";
export const gitSubcommands = ["status", "diff", "log", "commit", "add", "init"];
const inputSchema = z.object({
    subcommand: z.enum(gitSubcommands).describe("The git command to run."),
    args: z
        .array(z.string())
        .optional()
        .describe('Arguments after the subcommand, one per item, e.g. ["--stat"] or ["src/a.ts"].'),
    message: z.string().min(1).optional().describe("The commit message (commit only)."),
});
/**
 * Options that make git run another program, write a file, read other
 * configuration or work on another repository. The sandbox has no network and
 * no host files either way; refusing them keeps each subcommand to what its kind
 * promises (`diff --output=x` would be a write under the read-only policy).
 */
const refusedPrefixes = [
    "-c",
    "--config",
    "--upload-pack",
    "--receive-pack",
    "--exec",
    "--ext-diff",
    "--textconv",
    "--output",
    "--template",
    "--git-dir",
    "--work-tree",
    "--separate-git-dir",
    "--namespace",
    "--super-prefix",
];
/** Short options that write files (`-o <dir>` of format-patch and friends). */
const refusedShortOptions = ["-o"];
/** Says why an argument is refused, or undefined when it may be passed to git. */
export function refusedGitArgument(argument) {
    const name = argument.split("=", 1)[0];
    const prefix = refusedPrefixes.find((candidate) => argument.startsWith(candidate)) ??
        // git accepts any unambiguous abbreviation of a long option: --outp=x is --output=x.
        refusedPrefixes.find((candidate) => name.startsWith("--") && name.length >= 3 && candidate.startsWith(name)) ??
        refusedShortOptions.find((candidate) => argument.startsWith(candidate));
    return prefix === undefined
        ? undefined
        : `the argument ${JSON.stringify(argument)} is not allowed (${prefix} can run other programs, write files or change git's configuration); leave it out`;
}
export function gitKind(subcommand) {
    return subcommand === "status" || subcommand === "diff" || subcommand === "log" ? "read" : "commit";
}
/**
 * Configuration that outranks the repository's own (environment entries are
 * git's command-line scope): every fixed-name key that makes git run a program
 * is switched off. Code in the sandbox writes `.git/config`, so without this a
 * "read" like `git status` could run `core.fsmonitor`, and `commit` its hooks.
 * Keys with a driver name (`filter.<name>.clean`) are found per repository by
 * `driverOverrides`; `diff.external` and `diff.<name>.command|textconv` are off
 * through `--no-ext-diff --no-textconv`.
 */
const commandKeysOff = [
    ["safe.directory", "*"],
    ["core.fsmonitor", "false"],
    ["core.hooksPath", "/dev/null"],
    ["core.pager", "cat"],
    ["core.editor", "true"],
    ["sequence.editor", "true"],
    ["core.askPass", ""],
    ["core.sshCommand", "false"],
    ["core.gitProxy", ""],
    ["core.alternateRefsCommand", ""],
    ["credential.helper", ""],
    ["commit.gpgSign", "false"],
    ["tag.gpgSign", "false"],
    ["gpg.program", "false"],
    ["protocol.allow", "never"],
];
/** GIT_CONFIG_COUNT/KEY_n/VALUE_n for these entries. */
export function configEnvironment(entries) {
    const environment = { GIT_CONFIG_COUNT: String(entries.length) };
    entries.forEach(([key, value], index) => {
        environment[`GIT_CONFIG_KEY_${index}`] = key;
        environment[`GIT_CONFIG_VALUE_${index}`] = value;
    });
    return environment;
}
/**
 * A fixed identity and no configuration but the repository's own, with every
 * command-running key off: nothing of the host's, and the same result on every
 * provider. safe.directory is set because the workspace may belong to another
 * uid than the sandbox user.
 */
export const gitEnvironment = {
    GIT_AUTHOR_NAME: "Hangar Agent",
    GIT_AUTHOR_EMAIL: "agent@hangar.invalid",
    GIT_COMMITTER_NAME: "Hangar Agent",
    GIT_COMMITTER_EMAIL: "agent@hangar.invalid",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    ...configEnvironment(commandKeysOff),
    GIT_TERMINAL_PROMPT: "0",
    GIT_PAGER: "cat",
    GIT_EDITOR: "true",
    GIT_SEQUENCE_EDITOR: "true",
    GIT_SSH_COMMAND: "false",
    GIT_ATTR_NOSYSTEM: "1",
};
/**
 * Per-repository overrides for keys named after a driver: a clean, smudge or
 * process filter runs on `status`, `add` and `diff`, a merge driver on merges.
 * An empty command is no command to git. `names` is `git config --name-only --list`.
 */
export function driverOverrides(names) {
    const overrides = [];
    // Sections and keys come lower-cased; the driver name between them keeps its case, and must.
    for (const name of new Set(names.map((line) => line.trim()))) {
        if (/^filter\..+\.(clean|smudge|process)$/.test(name))
            overrides.push([name, ""]);
        else if (/^filter\..+\.required$/.test(name))
            overrides.push([name, "false"]);
        else if (/^merge\..+\.driver$/.test(name))
            overrides.push([name, ""]);
    }
    return overrides;
}
const defaultLogCount = 30;
/** The argv after `git`, or the reason the request is refused. */
export function gitArguments(input) {
    const args = input.args ?? [];
    for (const argument of args) {
        const refused = refusedGitArgument(argument);
        if (refused)
            return { refused };
    }
    if (input.message !== undefined && input.subcommand !== "commit") {
        return { refused: "message is only used by commit; put other options in args" };
    }
    if (input.subcommand === "commit") {
        const hasMessage = args.some((argument) => /^(-m|--message|-F|--file|-C|--reuse-message|--no-edit)/.test(argument));
        if (input.message === undefined && !hasMessage) {
            return { refused: "commit needs a message: set the message field" };
        }
        return ["commit", ...(input.message === undefined ? [] : ["-m", input.message]), ...args];
    }
    // Diff drivers (`diff.<name>.command`, `.textconv`) and `diff.external` run programs.
    const noDiffPrograms = ["--no-ext-diff", "--no-textconv"];
    if (input.subcommand === "log" && !args.some((argument) => /^(-n|--max-count|-\d)/.test(argument))) {
        // An unbounded log of a long history only gets cut; ask for the recent part.
        return ["log", ...noDiffPrograms, `--max-count=${defaultLogCount}`, ...args];
    }
    if (input.subcommand === "log" || input.subcommand === "diff") {
        return [input.subcommand, ...noDiffPrograms, ...args];
    }
    return [input.subcommand, ...args];
}
export const gitTool = defineTool({
    name: "git",
    inputSchema,
    kind: (input) => gitKind(input.subcommand),
    summarize: (input) => `git ${input.subcommand}${input.args?.length ? ` ${input.args.join(" ")}` : ""}${input.message === undefined ? "" : ` -m ${JSON.stringify(input.message.split("\n")[0])}`}`,
    async execute(input, context) {
        const args = gitArguments(input);
        if (!Array.isArray(args))
            return toolError(`git ${input.subcommand} refused: ${args.refused}.`);
        const environment = await repositoryEnvironment(context);
        const outcome = await runSandboxCommand(context.sandbox, { argv: ["/usr/bin/git", "--no-pager", ...args], env: environment }, {
            timeoutMs: context.commandTimeoutMs,
            maxOutputBytes: commandOutputLimitBytes,
            signal: context.signal,
        });
        const output = truncateOutput(outcome.combined, context.maxOutputChars).trimEnd();
        const stop = describeStop(outcome.exit, context.commandTimeoutMs);
        if (stop !== undefined)
            return toolError(`${output}\n[git ${stop}]`.trimStart());
        if (outcome.exit.exitCode !== 0) {
            return toolError(`${output}\n[git ${input.subcommand} failed with exit code ${outcome.exit.exitCode ?? "unknown"}]`.trimStart());
        }
        return toolSuccess(output === "" ? `git ${input.subcommand}: done (no output)` : output);
    },
});
/**
 * `gitEnvironment` plus the overrides this repository's drivers need. Reading
 * the configuration runs nothing; it follows the repository's includes, so a
 * driver defined in an included file is found too.
 */
async function repositoryEnvironment(context) {
    const base = { ...gitEnvironment, HOME: context.sandbox.workspacePath };
    const listing = await runSandboxCommand(context.sandbox, {
        argv: ["/usr/bin/git", "config", "--name-only", "--list"],
        env: base,
    }, { timeoutMs: context.commandTimeoutMs, maxOutputBytes: commandOutputLimitBytes, signal: context.signal });
    const overrides = driverOverrides(listing.stdout.split("\n"));
    return overrides.length === 0 ? base : { ...base, ...configEnvironment([...commandKeysOff, ...overrides]) };
}
//# sourceMappingURL=git.js.map