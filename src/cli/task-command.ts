import { createInterface, type Interface } from "node:readline";
import { Command } from "commander";
import { HangarClient, HangarClientError } from "../client/hangar-client.js";
import { SessionFollower } from "../client/session-follower.js";
import { HangarError } from "../core/errors.js";
import type { InteractionAnswer, InteractionRequestEvent } from "../protocol/index.js";
import { connectToServer, withSessionOptions, type SessionOptions } from "./server-target.js";
import { TaskRenderer } from "./task-renderer.js";

export interface TaskOptions extends SessionOptions {
  attach?: string;
}

/** Exit codes: the session's final status. */
const exitCodes = { completed: 0, failed: 1, cancelled: 130 } as const;

export function taskCommand(): Command {
  return withSessionOptions(new Command("task"))
    .description("give an agent a task and watch it work (in-process, or on a server with --server)")
    .argument("[prompt]", "what the agent should do")
    .option(
      "--attach <session_id>",
      "watch an existing session (replayed from its start) instead of starting one",
    )
    .action(runTaskCommand);
}

/** `hangar task`, and bare `hangar` when stdout or stdin is not a terminal (with `--session` as `--attach`). */
export async function runTaskCommand(prompt: string | undefined, options: TaskOptions): Promise<void> {
  if ((prompt === undefined || prompt.trim() === "") === (options.attach === undefined)) {
    throw new HangarError("BAD_REQUEST", "give either a prompt or --attach <session_id>", {
      field: "prompt",
    });
  }
  const target = await connectToServer(options);
  let exitCode: number;
  try {
    exitCode = await runTask(target.client, prompt, options);
  } finally {
    await target.stop();
  }
  // Open handles (stdin, keep-alive sockets) must not keep a finished task alive.
  await new Promise<void>((resolve) => process.stdout.write("", () => resolve()));
  process.exit(exitCode);
}

async function runTask(
  client: HangarClient,
  prompt: string | undefined,
  options: TaskOptions,
): Promise<number> {
  const watching = new AbortController();
  let follower: SessionFollower;
  if (options.attach !== undefined) {
    follower = await SessionFollower.attach(client, options.attach, { signal: watching.signal });
  } else {
    follower = await SessionFollower.start(
      client,
      {
        prompt: prompt!,
        project_id: options.project,
        ...(options.model === undefined ? {} : { model: options.model }),
        ...(options.agent === undefined ? {} : { agent: options.agent }),
        ...(options.approval === undefined ? {} : { approval: options.approval }),
      },
      { signal: watching.signal },
    );
    const id = follower.sessionId;
    process.stderr.write(`session ${id} (hangar task --attach ${id} to watch again)\n`);
  }
  const renderer = new TaskRenderer({ color: process.stdout.isTTY === true });
  const prompter = new Prompter(follower);
  let cancelled = false;
  const onInterrupt = (): void => {
    if (cancelled) process.exit(exitCodes.cancelled); // a second Ctrl-C does not wait for the server
    cancelled = true;
    process.stderr.write("\ncancelling… (Ctrl-C again to quit at once)\n");
    follower
      .cancel()
      .catch((error: unknown) => process.stderr.write(`hangar: cancel failed: ${describe(error)}\n`))
      .finally(() => watching.abort());
  };
  process.on("SIGINT", onInterrupt);
  prompter.onInterrupt = onInterrupt;
  try {
    for await (const event of follower) {
      process.stdout.write(renderer.render(event));
      if (event.name === "interaction.resolved") {
        const outcome = event.data.outcome;
        prompter.resolved(event.data.interaction_id, outcome === "cancelled" || outcome === "timeout");
      }
      for (const request of follower.takeNewInteractions()) prompter.ask(request);
    }
  } finally {
    process.off("SIGINT", onInterrupt);
    prompter.close();
  }
  if (cancelled) return exitCodes.cancelled;
  return exitCodes[follower.finalStatus ?? "failed"];
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
  private readonly queue: InteractionRequestEvent[] = [];
  private readonly lines: string[] = [];
  private lineWaiter: ((line: string | undefined) => void) | undefined;
  private isStdinClosed = false;
  private current: string | undefined;
  private reader: Interface | undefined;
  private readonly isTerminal = process.stdin.isTTY === true;

  constructor(private readonly follower: SessionFollower) {}

  ask(event: InteractionRequestEvent): void {
    this.queue.push(event);
    if (this.current === undefined) void this.next();
  }

  /** The interaction was resolved: by us, another front end, or (`isClosed`) a timeout or cancel. */
  resolved(interactionId: string, isClosed: boolean): void {
    const index = this.queue.findIndex((event) => event.data.interaction_id === interactionId);
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
    const interactionId = event.data.interaction_id;
    this.current = interactionId;
    const answer = await this.readAnswer(event);
    if (answer === undefined || this.current !== interactionId) return;
    this.current = undefined;
    try {
      await this.follower.reply(interactionId, answer);
    } catch (error) {
      if (error instanceof HangarClientError && error.status === 409) {
        process.stdout.write("  (already answered elsewhere)\n");
      } else {
        process.stderr.write(`hangar: reply failed: ${describe(error)}\n`);
      }
    }
    void this.next();
  }

  private async readAnswer(event: InteractionRequestEvent): Promise<InteractionAnswer | undefined> {
    const interactionId = event.data.interaction_id;
    const choices = event.name === "question.asked" ? (event.data.choices ?? []) : [];
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
