import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { Command } from "commander";
import { createApp } from "../app/create-app.js";
import { HangarError } from "../core/errors.js";
import { withCommonOptions, type CommonOptions } from "./common-options.js";
import { configFromFlags } from "./cli-config.js";

interface RunOptions extends CommonOptions {
  lang?: string;
  session?: string;
  timeout?: string;
}

/** File extensions `hangar run FILE` understands when --lang is not given. */
const languageByExtension: Record<string, string> = {
  ".py": "python",
  ".js": "javascript",
  ".mjs": "javascript",
  ".cjs": "javascript",
  ".ts": "typescript",
  ".sh": "bash",
  ".bash": "bash",
  ".c": "c",
  ".cpp": "cpp",
  ".cc": "cpp",
  ".java": "java",
  ".rs": "rust",
  ".pl": "perl",
  ".rb": "ruby",
  ".php": "php",
  ".lua": "lua",
};

export function runCommand(): Command {
  return withCommonOptions(new Command("run"))
    .description("run a file (or - for stdin) in a sandbox on this machine, without a server")
    .argument("[file]", "the program; - reads it from stdin", "-")
    .option("-l, --lang <language>", "language (default: from the file extension)")
    .option("-s, --session <id>", "session id (state persists only within this command)")
    .option("-t, --timeout <ms>", "wall-clock limit in milliseconds")
    .action(async (file: string, options: RunOptions) => {
      const code =
        file === "-"
          ? await readStdin()
          : await readFile(file, "utf8").catch(() => {
              throw new HangarError("BAD_REQUEST", `cannot read ${file}`, { field: "file" });
            });
      const language = options.lang ?? languageByExtension[extname(file)];
      if (!language) {
        throw new HangarError("BAD_REQUEST", "cannot tell the language: pass --lang", { field: "lang" });
      }
      const timeoutMs = options.timeout === undefined ? undefined : Number(options.timeout);
      const config = configFromFlags({ logLevel: "warn", ...options }, [[["sandbox", "pool_size"], 0]]);
      // Its own provider instance, and no reconciling: a server may own this data directory.
      const app = await createApp(config, { skipProbes: true, oneOff: { instance: `run-${process.pid}` } });
      try {
        const result = await app.runService.execute(
          "local",
          {
            code,
            language,
            ...(options.session === undefined ? {} : { sessionId: options.session }),
            ...(timeoutMs === undefined ? {} : { timeoutMs }),
          },
          {
            onEvent: (event) => {
              if (event.type === "stdout") process.stdout.write(event.data);
              if (event.type === "stderr") process.stderr.write(event.data);
            },
          },
        );
        if (result.status !== "ok" && result.status !== "error") {
          process.stderr.write(`hangar: ${result.status}: ${result.error.split("\n").at(-1) ?? ""}\n`);
        }
        if (result.status === "compile_error") process.stderr.write(result.stderr);
        process.exitCode = result.exitCode ?? 1;
      } finally {
        await app.stop();
      }
    });
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
