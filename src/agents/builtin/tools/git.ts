import { z } from "zod";
import type { ToolKind } from "./agent-tool.js";
import { defineTool } from "./define-tool.js";
import { commandOutputLimitBytes, describeStop, runSandboxCommand } from "./sandbox-command.js";
import { toolError, toolSuccess } from "./tool-result.js";
import { truncateOutput } from "./truncate-output.js";

export const gitSubcommands = ["status", "diff", "log", "commit", "add", "init"] as const;
export type GitSubcommand = (typeof gitSubcommands)[number];

const inputSchema = z.object({
  subcommand: z.enum(gitSubcommands).describe("The git command to run."),
  args: z
    .array(z.string())
    .optional()
    .describe('Arguments after the subcommand, one per item, e.g. ["--stat"] or ["src/a.ts"].'),
  message: z.string().min(1).optional().describe("The commit message (commit only)."),
});

export type GitInput = z.infer<typeof inputSchema>;

/**
 * Options that make git run another program, read other configuration or work
 * on another repository. The sandbox has no network and no host files either
 * way; refusing them keeps the tool to what its kind promises.
 */
const refusedPrefixes = [
  "-c",
  "--config",
  "--upload-pack",
  "--receive-pack",
  "--exec",
  "--ext-diff",
  "--template",
  "--git-dir",
  "--work-tree",
  "--separate-git-dir",
  "--namespace",
  "--super-prefix",
];

/** Says why an argument is refused, or undefined when it may be passed to git. */
export function refusedGitArgument(argument: string): string | undefined {
  const prefix = refusedPrefixes.find((candidate) => argument.startsWith(candidate));
  return prefix === undefined
    ? undefined
    : `the argument ${JSON.stringify(argument)} is not allowed (${prefix} can run other programs or change git's configuration); leave it out`;
}

export function gitKind(subcommand: GitSubcommand): ToolKind {
  return subcommand === "status" || subcommand === "diff" || subcommand === "log" ? "read" : "commit";
}

/**
 * A fixed identity and no configuration but the repository's own: nothing of
 * the host's, and the same result on every provider. safe.directory is set
 * because the workspace may belong to another uid than the sandbox user.
 */
export const gitEnvironment: Record<string, string> = {
  GIT_AUTHOR_NAME: "Hangar Agent",
  GIT_AUTHOR_EMAIL: "agent@hangar.invalid",
  GIT_COMMITTER_NAME: "Hangar Agent",
  GIT_COMMITTER_EMAIL: "agent@hangar.invalid",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
  GIT_CONFIG_COUNT: "1",
  GIT_CONFIG_KEY_0: "safe.directory",
  GIT_CONFIG_VALUE_0: "*",
  GIT_TERMINAL_PROMPT: "0",
  GIT_PAGER: "cat",
  GIT_EDITOR: "true",
};

const defaultLogCount = 30;

/** The argv after `git`, or the reason the request is refused. */
export function gitArguments(input: GitInput): string[] | { refused: string } {
  const args = input.args ?? [];
  for (const argument of args) {
    const refused = refusedGitArgument(argument);
    if (refused) return { refused };
  }
  if (input.message !== undefined && input.subcommand !== "commit") {
    return { refused: "message is only used by commit; put other options in args" };
  }
  if (input.subcommand === "commit") {
    const hasMessage = args.some((argument) =>
      /^(-m|--message|-F|--file|-C|--reuse-message|--no-edit)/.test(argument),
    );
    if (input.message === undefined && !hasMessage) {
      return { refused: "commit needs a message: set the message field" };
    }
    return ["commit", ...(input.message === undefined ? [] : ["-m", input.message]), ...args];
  }
  if (input.subcommand === "log" && !args.some((argument) => /^(-n|--max-count|-\d)/.test(argument))) {
    // An unbounded log of a long history only gets cut; ask for the recent part.
    return ["log", `--max-count=${defaultLogCount}`, ...args];
  }
  return [input.subcommand, ...args];
}

export const gitTool = defineTool<GitInput>({
  name: "git",
  inputSchema,
  kind: (input) => gitKind(input.subcommand),
  summarize: (input) =>
    `git ${input.subcommand}${input.args?.length ? ` ${input.args.join(" ")}` : ""}${
      input.message === undefined ? "" : ` -m ${JSON.stringify(input.message.split("\n")[0])}`
    }`,
  async execute(input, context) {
    const args = gitArguments(input);
    if (!Array.isArray(args)) return toolError(`git ${input.subcommand} refused: ${args.refused}.`);
    const outcome = await runSandboxCommand(
      context.sandbox,
      {
        argv: ["/usr/bin/git", "--no-pager", ...args],
        env: { ...gitEnvironment, HOME: context.sandbox.workspacePath },
      },
      {
        timeoutMs: context.commandTimeoutMs,
        maxOutputBytes: commandOutputLimitBytes,
        signal: context.signal,
      },
    );
    const output = truncateOutput(outcome.combined, context.maxOutputChars).trimEnd();
    const stop = describeStop(outcome.exit, context.commandTimeoutMs);
    if (stop !== undefined) return toolError(`${output}\n[git ${stop}]`.trimStart());
    if (outcome.exit.exitCode !== 0) {
      return toolError(
        `${output}\n[git ${input.subcommand} failed with exit code ${outcome.exit.exitCode ?? "unknown"}]`.trimStart(),
      );
    }
    return toolSuccess(output === "" ? `git ${input.subcommand}: done (no output)` : output);
  },
});
