import { describe, expect, it } from "vitest";
import { gitArguments, gitKind, gitTool, refusedGitArgument } from "./git.js";

describe("git tool arguments", () => {
  it("refuses options that run programs or change configuration", () => {
    for (const argument of [
      "-c",
      "-ccore.pager=sh",
      "--upload-pack=/bin/sh",
      "--receive-pack",
      "--exec-path=/tmp",
      "--config-env=x=y",
      "--git-dir=/tmp/x",
      "--work-tree=/",
      "--ext-diff",
      "--template=/tmp/hooks",
      "--output=/tmp/x",
      "--outp=/tmp/x",
      "--output",
      "-o",
      "--textconv",
    ]) {
      expect(refusedGitArgument(argument), argument).toMatch(/is not allowed/);
    }
    for (const argument of [
      "--cached",
      "--stat",
      "-A",
      "-n",
      "5",
      "src/a.ts",
      "--oneline",
      "--no-textconv",
      "--exit-code",
    ]) {
      expect(refusedGitArgument(argument), argument).toBeUndefined();
    }
    expect(gitArguments({ subcommand: "diff", args: ["--stat", "-c", "x=y"] })).toEqual({
      refused: expect.stringMatching(/"-c" is not allowed/) as unknown,
    });
  });

  it("builds commit, log and other argv", () => {
    expect(gitArguments({ subcommand: "commit", message: "Fix it" })).toEqual(["commit", "-m", "Fix it"]);
    expect(gitArguments({ subcommand: "commit", args: ["--amend", "--no-edit"] })).toEqual([
      "commit",
      "--amend",
      "--no-edit",
    ]);
    expect(gitArguments({ subcommand: "commit" })).toEqual({
      refused: expect.stringMatching(/message/) as unknown,
    });
    expect(gitArguments({ subcommand: "status", message: "x" })).toEqual({
      refused: expect.stringMatching(/only used by commit/) as unknown,
    });
    const noDiffPrograms = ["--no-ext-diff", "--no-textconv"];
    expect(gitArguments({ subcommand: "log" })).toEqual(["log", ...noDiffPrograms, "--max-count=30"]);
    expect(gitArguments({ subcommand: "log", args: ["-n", "3"] })).toEqual([
      "log",
      ...noDiffPrograms,
      "-n",
      "3",
    ]);
    expect(gitArguments({ subcommand: "diff", args: ["--stat"] })).toEqual([
      "diff",
      ...noDiffPrograms,
      "--stat",
    ]);
    expect(gitArguments({ subcommand: "add", args: ["-A"] })).toEqual(["add", "-A"]);
  });

  it("reads with status, diff and log, and commits with the rest", () => {
    expect([gitKind("status"), gitKind("diff"), gitKind("log")]).toEqual(["read", "read", "read"]);
    expect([gitKind("init"), gitKind("add"), gitKind("commit")]).toEqual(["commit", "commit", "commit"]);
    expect(gitTool.summarize({ subcommand: "commit", message: "Fix it\n\nlong body" })).toBe(
      'git commit -m "Fix it"',
    );
  });
});
