import type { Duplex } from "node:stream";
import type Docker from "dockerode";
import { deferred } from "../../core/abort.js";
import { HangarError } from "../../core/errors.js";
import { parseReady } from "./keeper-protocol.js";

type Sink = (chunk: Buffer) => void;

/**
 * The hijacked, multiplexed stream of one keeper (a container attach or an
 * exec): demultiplexed with dockerode's `demuxStream`, the keeper's greeting
 * taken off the front of stdout, and the output routed to whoever runs the
 * command once it is known.
 */
export class KeeperConnection {
  /** Resolves when the stream has ended, closed or failed: the keeper can no longer be heard. */
  readonly ended: Promise<void>;
  private stdoutSink: Sink | undefined;
  private stderrSink: Sink | undefined;
  private pendingStdout: Buffer[] = [];
  private pendingStderr: Buffer[] = [];
  private greeting: Buffer | undefined = Buffer.alloc(0);
  private readonly greeted = deferred<number>();
  private isEnded = false;

  constructor(
    docker: Docker,
    readonly stream: Duplex,
  ) {
    const ended = deferred<void>();
    this.ended = ended.promise;
    const finish = (): void => {
      if (this.isEnded) return;
      this.isEnded = true;
      ended.resolve();
      this.greeted.reject(
        new HangarError("SANDBOX_ERROR", `the sandbox's keeper ended before it started${this.earlyErrors()}`),
      );
    };
    void this.greeted.promise.catch(() => undefined);
    stream.on("end", finish);
    stream.on("close", finish);
    stream.on("error", finish);
    (
      docker.modem as { demuxStream(stream: Duplex, stdout: { write: Sink }, stderr: { write: Sink }): void }
    ).demuxStream(
      stream,
      { write: (chunk) => this.onStdout(chunk) },
      { write: (chunk) => this.onStderr(chunk) },
    );
  }

  /** The keeper's pid inside the container, once it greeted. */
  async ready(timeoutMs: number): Promise<number> {
    const timer = setTimeout(
      () =>
        this.greeted.reject(
          new HangarError("SANDBOX_ERROR", `the sandbox's keeper did not start within ${timeoutMs} ms`),
        ),
      timeoutMs,
    );
    try {
      return await this.greeted.promise;
    } finally {
      clearTimeout(timer);
    }
  }

  /** From now on output goes to these sinks (with whatever arrived after the greeting first). */
  route(stdout: Sink, stderr: Sink): void {
    this.stdoutSink = stdout;
    this.stderrSink = stderr;
    for (const chunk of this.pendingStdout.splice(0)) stdout(chunk);
    for (const chunk of this.pendingStderr.splice(0)) stderr(chunk);
  }

  get hasEnded(): boolean {
    return this.isEnded;
  }

  close(): void {
    this.stream.destroy();
  }

  private onStdout(chunk: Buffer): void {
    if (this.greeting !== undefined) {
      this.greeting = Buffer.concat([this.greeting, chunk]);
      let parsed: ReturnType<typeof parseReady>;
      try {
        parsed = parseReady(this.greeting);
      } catch (error) {
        this.greeted.reject(
          new HangarError("SANDBOX_ERROR", `${(error as Error).message}${this.earlyErrors()}`),
        );
        this.greeting = undefined;
        return;
      }
      if (!parsed) return;
      this.greeting = undefined;
      this.greeted.resolve(parsed.pid);
      if (parsed.rest.length === 0) return;
      chunk = parsed.rest;
    }
    if (this.stdoutSink) this.stdoutSink(chunk);
    else this.pendingStdout.push(chunk);
  }

  private onStderr(chunk: Buffer): void {
    if (this.stderrSink) this.stderrSink(chunk);
    else if (this.pendingStderr.length < 64) this.pendingStderr.push(chunk);
  }

  /** What the keeper said on stderr before it could start: usually why it could not. */
  private earlyErrors(): string {
    const text = Buffer.concat(this.pendingStderr).toString("utf8").trim().slice(0, 500);
    return text === "" ? "" : `: ${text}`;
  }
}
