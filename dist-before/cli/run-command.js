import { extname } from "node:path";
import { Command } from "commander";
import { createApp } from "../app/create-app.js";
import { HangarClientError } from "../client/hangar-client-error.js";
import { environmentVariable } from "../config/load-config.js";
import { HangarError } from "../core/errors.js";
import { withCommonOptions } from "./common-options.js";
import { configFromFlags } from "./cli-config.js";
import { withOneOffDataDirectory } from "./one-off-data-directory.js";
import { readInputFile } from "./read-input-file.js";
import { Hangar } from "../client/sdk/hangar.js";
/** File extensions `hangar run FILE` understands when --lang is not given. */
const languageByExtension = {
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
/** The request fields and what the user typed to set them, so errors speak of the latter. */
const flagOfField = {
    code: "FILE",
    language: "--lang",
    sessionId: "--session",
    timeoutMs: "--timeout",
    args: "ARGS",
    stdin: "stdin",
};
/** `timeout`'s convention (coreutils): a program stopped at its time limit exits 124. */
export const timeoutExitCode = 124;
export function runCommand() {
    return (withCommonOptions(new Command("run"))
        .description("run a file (or - for stdin) in a sandbox on this machine, or on a server with --server")
        .argument("[file]", "the program; - reads it from stdin", "-")
        .argument("[args...]", "arguments for the program (stdin goes to the program when FILE is not -)")
        .option("-l, --lang <language>", "language (default: from the file extension)")
        .option("-s, --session <id>", "session id (state persists only within this command, or on the server)")
        .option("-t, --timeout <ms>", "wall-clock limit in milliseconds")
        .option("--server <url>", "run on a running Hangar server, e.g. http://127.0.0.1:8087")
        .option("--api-key <key>", "the server's API key (default: $HANGAR_API_KEY)")
        // Options after FILE belong to the program: `hangar run tool.py --verbose`.
        .passThroughOptions()
        .action(async (file, args, options) => {
        const request = await buildRequest(file, args, options);
        let result;
        try {
            result =
                options.server === undefined
                    ? await runLocally(request, options)
                    : await runRemotely(request, options);
        }
        catch (error) {
            throw inUserTerms(error);
        }
        if (result.status !== "ok" && result.status !== "error") {
            process.stderr.write(`hangar: ${result.status}: ${result.error.split("\n").at(-1) ?? ""}\n`);
        }
        if (result.status === "compile_error")
            process.stderr.write(result.stderr);
        process.exitCode = result.status === "timeout" ? timeoutExitCode : (result.exitCode ?? 1);
    }));
}
async function buildRequest(file, args, options) {
    const isFromStdin = file === "-";
    const code = isFromStdin ? await readStdin() : await readInputFile(file, "FILE");
    const language = options.lang ?? languageByExtension[extname(file)];
    if (!language) {
        throw new HangarError("BAD_REQUEST", `cannot tell the language of ${file}: pass --lang`, {
            field: "--lang",
        });
    }
    // A terminal on stdin is the user at the keyboard, not input for the program: reading it would hang.
    const stdin = !isFromStdin && process.stdin.isTTY !== true ? await readStdin() : undefined;
    const timeoutMs = options.timeout === undefined ? undefined : parseTimeout(options.timeout);
    return {
        code,
        language,
        ...(options.session === undefined ? {} : { sessionId: options.session }),
        ...(timeoutMs === undefined ? {} : { timeoutMs }),
        ...(stdin === undefined || stdin === "" ? {} : { stdin }),
        ...(args.length === 0 ? {} : { args }),
    };
}
function parseTimeout(value) {
    const timeoutMs = Number(value);
    if (!Number.isInteger(timeoutMs) || timeoutMs < 1) {
        throw new HangarError("BAD_REQUEST", `--timeout must be a whole number of milliseconds, got "${value}"`, {
            field: "--timeout",
        });
    }
    return timeoutMs;
}
const printOutput = {
    onStdout: (data) => void process.stdout.write(data),
    onStderr: (data) => void process.stderr.write(data),
};
async function runLocally(request, options) {
    const config = configFromFlags({ logLevel: "warn", ...options }, [[["sandbox", "pool_size"], 0]]);
    return withOneOffDataDirectory(config, async (oneOffConfig) => {
        // Its own provider instance, and no reconciling: a server may own this data directory.
        const app = await createApp(oneOffConfig, {
            skipProbes: true,
            oneOff: { instance: `run-${process.pid}` },
        });
        try {
            return await app.runService.execute("local", request, {
                onEvent: (event) => {
                    if (event.type === "stdout")
                        printOutput.onStdout(event.data);
                    if (event.type === "stderr")
                        printOutput.onStderr(event.data);
                },
            });
        }
        finally {
            await app.stop();
        }
    });
}
/** `POST /run` on a running server through the SDK, streamed, so output prints while the program runs. */
async function runRemotely(request, options) {
    const server = options.server;
    const hangar = new Hangar({ url: server, apiKey: options.apiKey ?? environmentVariable("HANGAR_API_KEY") });
    const { code, ...rest } = request;
    try {
        return await hangar.runCode(code, { ...rest, ...printOutput });
    }
    catch (error) {
        if (!(error instanceof HangarClientError) || error.code !== "UNREACHABLE")
            throw error;
        // fetch's "fetch failed" hides the reason (ECONNREFUSED …) in its cause.
        const cause = error.cause?.cause;
        const reason = cause?.code ?? cause?.message ?? error.message;
        throw new HangarClientError("UNREACHABLE", `cannot reach ${server} (--server): ${reason}`, {
            cause: error,
        });
    }
}
/**
 * A refused request names the API field (`timeoutMs must be …`); the user typed `--timeout`.
 * The field is replaced where the message names it, and the error keeps its code.
 */
function inUserTerms(error) {
    const field = error instanceof HangarError ? error.field : error instanceof HangarClientError ? error.field : undefined;
    const flag = field === undefined ? undefined : flagOfField[field.split(/[.[]/)[0]];
    if (flag === undefined || field === undefined)
        return error;
    const message = error instanceof Error ? error.message : String(error);
    const renamed = message.includes(field) ? message.replace(field, flag) : `${flag}: ${message}`;
    return new HangarError("BAD_REQUEST", renamed, { field: flag });
}
async function readStdin() {
    const chunks = [];
    for await (const chunk of process.stdin)
        chunks.push(chunk);
    return Buffer.concat(chunks).toString("utf8");
}
//# sourceMappingURL=run-command.js.map