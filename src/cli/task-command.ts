import { createInterface, type Interface } from "node:readline";
import { Command, Option } from "commander";
import { createApp } from "../app/create-app.js";
import { acquireServerLock } from "../app/server-lock.js";
import type { ApprovalPolicy, SessionEvent, SessionEventPayloads } from "../client/api-types.js";
import { HangarClient, HangarClientError } from "../client/hangar-client.js";
import { environmentVariable } from "../config/load-config.js";
import { HangarError } from "../core/errors.js";
import { withCommonOptions, type CommonOptions } from "./build-cli.js";
import { configFromFlags } from "./cli-config.js";
import { TaskRenderer } from "./task-renderer.js";

interface TaskOptions extends CommonOptions {
  project: string;
  model?: string;
  approval?: ApprovalPolicy;
  server?: string;
  apiKey?: string;
  attach?: string;
}

/** Exit codes: the session's final status. */
const exitCodes = { completed: 0, failed: 1, cancelled: 130 } as const;

export function taskCommand(): Command {
  return withCommonOptions(new Command("task"))
    .description("give an agent a task and watch it work (in-process, or on a server with --server)")
    .argument("[prompt]", "what the agent should do")
    .option("--project <id>", "the project (its sandbox and workspace)", "default")
    .option("--model <provider:model>", "the model (default: the server's llm.default_model)")
    .addOption(
      new Option(
        "--approval <policy>",
        "auto: run everything; ask: approve shell, writes and commits",
      ).choices(["auto", "ask", "read-only"]),
    )
    .option(
      "--server <url>",
      "a running Hangar server, e.g. http://127.0.0.1:8087 (default: start one in-process)",
    )
    .option("--api-key <key>", "the server's API key (default: $HANGAR_API_KEY)")
    .option(
      "--attach <session_id>",
      "watch an existing session (replayed from its start) instead of starting one",
    )
    .action(async (prompt: string | undefined, options: TaskOptions) => {
      if ((prompt === undefined || prompt.trim() === "") === (options.attach === undefined)) {
        throw new HangarError("BAD_REQUEST", "give either a prompt or --attach <session_id>", {
          field: "prompt",
        });
      }
      const target = options.server === undefined ? await startLocalServer(options) : remoteServer(options);
      let exitCode: number;
      try {
        exitCode = await runTask(target.client, prompt, options);
      } finally {
        await target.stop();
      }
      // Open handles (stdin, keep-alive sockets) must not keep a finished task alive.
      await new Promise<void>((resolve) => process.stdout.write("", () => resolve()));
      process.exit(exitCode);
    });
}

interface Target {
  client: HangarClient;
  stop(): Promise<void>;
}

function remoteServer(options: TaskOptions): Target {
  const apiKey = options.apiKey ?? environmentVariable("HANGAR_API_KEY");
  return {
    client: new HangarClient({ baseUrl: options.server!, ...(apiKey === undefined ? {} : { apiKey }) }),
    stop: async () => undefined,
  };
}

/** Hangar in this process on a loopback port, driven through the same client as a remote server. */
async function startLocalServer(options: TaskOptions): Promise<Target> {
  const config = configFromFlags({ logLevel: "warn", ...options }, [
    [["server", "host"], "127.0.0.1"],
    [["server", "port"], 0],
  ]);
  // Start-up reaps the data directory's sandboxes: never while a server uses it.
  let releaseLock: () => void;
  try {
    releaseLock = acquireServerLock(config.data_dir);
  } catch (error) {
    if (!(error instanceof HangarError)) throw error;
    throw new HangarError(error.code, `${error.message}, or talk to it with --server <url>`, {
      field: "server",
    });
  }
  let app;
  try {
    app = await createApp(config);
  } catch (error) {
    releaseLock();
    throw error;
  }
  const server = await app.createHttpServer();
  await server.listen({ host: "127.0.0.1", port: 0 });
  await app.startAgents();
  const address = server.server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  const apiKey = options.apiKey ?? config.server.api_keys[0]?.key;
  return {
    client: new HangarClient({
      baseUrl: `http://127.0.0.1:${port}`,
      ...(apiKey === undefined ? {} : { apiKey }),
    }),
    stop: async () => {
      const closing = server.close();
      server.server.closeAllConnections();
      await closing;
      await app.stop();
      releaseLock();
    },
  };
}

async function runTask(
  client: HangarClient,
  prompt: string | undefined,
  options: TaskOptions,
): Promise<number> {
  let sessionId: string;
  let replayedUpTo = 0;
  if (options.attach !== undefined) {
    const session = await client.getSession(options.attach);
    sessionId = session.session_id;
    replayedUpTo = session.last_seq;
  } else {
    const started = await client.chat({
      prompt: prompt!,
      project_id: options.project,
      ...(options.model === undefined ? {} : { model: options.model }),
      ...(options.approval === undefined ? {} : { approval: options.approval }),
    });
    sessionId = started.session_id;
    process.stderr.write(`session ${sessionId} (hangar task --attach ${sessionId} to watch again)\n`);
  }
  const color = process.stdout.isTTY === true;
  const renderer = new TaskRenderer({ color });
  const watching = new AbortController();
  const prompter = new Prompter(client, sessionId);
  let cancelled = false;
  const onInterrupt = (): void => {
    if (cancelled) process.exit(exitCodes.cancelled); // a second Ctrl-C does not wait for the server
    cancelled = true;
    process.stderr.write("\ncancelling… (Ctrl-C again to quit at once)\n");
    client
      .cancel(sessionId)
      .catch((error: unknown) => process.stderr.write(`hangar: cancel failed: ${describe(error)}\n`))
      .finally(() => watching.abort());
  };
  process.on("SIGINT", onInterrupt);
  prompter.onInterrupt = onInterrupt;
  let finalStatus: keyof typeof exitCodes | undefined;
  const deferred: SessionEvent[] = [];
  try {
    for await (const event of client.watch(sessionId, { signal: watching.signal })) {
      process.stdout.write(renderer.render(event));
      if (event.name === "permission.requested" || event.name === "question.asked") {
        // While replaying, a request may already be answered a few events later: ask only if it is still open.
        if (event.seq <= replayedUpTo) deferred.push(event);
        else prompter.ask(event);
      } else if (event.name === "interaction.resolved") {
        const data = event.data as SessionEventPayloads["interaction.resolved"];
        const index = deferred.findIndex((request) => interactionOf(request) === data.interaction_id);
        if (index !== -1) deferred.splice(index, 1);
        prompter.resolved(data.interaction_id, data.outcome === "cancelled" || data.outcome === "timeout");
      } else if (event.name === "session.ended") {
        finalStatus = (event.data as SessionEventPayloads["session.ended"]).status;
      }
      if (event.seq === replayedUpTo) for (const request of deferred.splice(0)) prompter.ask(request);
    }
  } finally {
    process.off("SIGINT", onInterrupt);
    prompter.close();
  }
  if (cancelled) return exitCodes.cancelled;
  if (finalStatus === undefined) {
    const session = await client.getSession(sessionId);
    const status = session.status;
    finalStatus = status === "completed" || status === "failed" || status === "cancelled" ? status : "failed";
  }
  return exitCodes[finalStatus];
}

function interactionOf(event: SessionEvent): string {
  return (event.data as { interaction_id: string }).interaction_id;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Asks for approvals and answers on stdin, one request at a time, and posts
 * them. A request answered elsewhere (another front end, or a timeout) is
 * dropped from the queue and the user told. Stdin that is not a terminal is
 * still read (scripts can pipe answers); at its end we just keep watching.
 */
class Prompter {
  onInterrupt: () => void = () => undefined;
  private readonly queue: SessionEvent[] = [];
  private readonly lines: string[] = [];
  private lineWaiter: ((line: string | undefined) => void) | undefined;
  private isStdinClosed = false;
  private current: string | undefined;
  private reader: Interface | undefined;
  private readonly isTerminal = process.stdin.isTTY === true;

  constructor(
    private readonly client: HangarClient,
    private readonly sessionId: string,
  ) {}

  ask(event: SessionEvent): void {
    this.queue.push(event);
    if (this.current === undefined) void this.next();
  }

  /** The interaction was resolved: by us, another front end, or (`isClosed`) a timeout or cancel. */
  resolved(interactionId: string, isClosed: boolean): void {
    const index = this.queue.findIndex((event) => interactionOf(event) === interactionId);
    if (index !== -1) this.queue.splice(index, 1);
    if (this.current === interactionId) {
      this.current = undefined;
      // The renderer already said a timeout or cancel; an answer from elsewhere needs saying.
      if (this.isTerminal) process.stdout.write("\n");
      if (!isClosed) process.stdout.write("  (answered elsewhere)\n");
      const waiter = this.lineWaiter;
      this.lineWaiter = undefined;
      waiter?.(undefined);
      void this.next();
    }
  }

  close(): void {
    this.reader?.close();
    this.reader = undefined;
  }

  private async next(): Promise<void> {
    const event = this.queue.shift();
    if (event === undefined) return;
    const interactionId = interactionOf(event);
    this.current = interactionId;
    const answer = await this.readAnswer(event);
    if (answer === undefined || this.current !== interactionId) return;
    this.current = undefined;
    try {
      await this.client.reply(this.sessionId, interactionId, answer);
    } catch (error) {
      if (error instanceof HangarClientError && error.status === 409) {
        process.stdout.write("  (already answered elsewhere)\n");
      } else {
        process.stderr.write(`hangar: reply failed: ${describe(error)}\n`);
      }
    }
    void this.next();
  }

  private async readAnswer(
    event: SessionEvent,
  ): Promise<{ approved: boolean } | { answer: string } | undefined> {
    const interactionId = interactionOf(event);
    const choices =
      event.name === "question.asked"
        ? ((event.data as SessionEventPayloads["question.asked"]).choices ?? [])
        : [];
    const hint =
      event.name === "permission.requested"
        ? "[y/n] "
        : choices.length > 0
          ? `[1-${choices.length} or text] `
          : "> ";
    if (!this.isTerminal)
      process.stdout.write(`  waiting for an answer (stdin or another front end) ${hint}\n`);
    for (;;) {
      if (this.isTerminal) process.stdout.write(hint);
      const line = (await this.readLine())?.trim();
      if (line === undefined || this.current !== interactionId) return undefined;
      if (event.name === "permission.requested") {
        if (/^(y|yes)$/i.test(line)) return { approved: true };
        if (/^(n|no)$/i.test(line)) return { approved: false };
        continue;
      }
      if (line === "") continue;
      const choice = /^\d+$/.test(line) ? choices[Number(line) - 1] : undefined;
      return { answer: choice ?? line };
    }
  }

  /** The next line of stdin; undefined when stdin ended (or the request was answered elsewhere). */
  private readLine(): Promise<string | undefined> {
    const buffered = this.lines.shift();
    if (buffered !== undefined) return Promise.resolve(buffered);
    if (this.isStdinClosed) return Promise.resolve(undefined);
    if (this.reader === undefined) {
      // At a terminal readline echoes what is typed (stdin is in raw mode); a pipe needs no echo.
      this.reader = createInterface({
        input: process.stdin,
        ...(this.isTerminal ? { output: process.stdout, terminal: true } : { terminal: false }),
      });
      this.reader.on("line", (line) => {
        const waiter = this.lineWaiter;
        this.lineWaiter = undefined;
        if (waiter !== undefined) waiter(line);
        // Lines typed at a terminal while nothing was asked are not answers; piped ones may be.
        else if (!this.isTerminal) this.lines.push(line);
      });
      // In raw mode Ctrl-C reaches readline, not the process.
      this.reader.on("SIGINT", () => this.onInterrupt());
      this.reader.on("close", () => {
        this.isStdinClosed = true;
        const waiter = this.lineWaiter;
        this.lineWaiter = undefined;
        waiter?.(undefined);
      });
    }
    return new Promise((resolve) => {
      this.lineWaiter = resolve;
    });
  }
}
