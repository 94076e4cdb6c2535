import { HangarError } from "../../core/errors.js";
import type { MarkdownPart, SplitOptions } from "./message-splitter.js";
import { reconcileTurn, type TurnOperation } from "./turn-messages.js";

/**
 * A turn's streamed reply, buffered for a chat. Text deltas and tool lines are
 * appended at once; the chat is brought up to date at most every `debounceMs`
 * (a throttle: the wait starts at the first change not yet shown and is not
 * pushed back by later ones, so a steady stream still shows), through the
 * reconciler, by one flush at a time. Changes that arrive during a flush wait
 * for the next one, which shows them all in one edit: a fast stream costs one
 * edit per period, never a queue of edits. A failed send or edit is retried
 * with backoff; the text stays in the buffer, so nothing is dropped.
 */

/** The timer functions the buffer uses, injected so tests run on a fake clock. */
export interface Timers {
  setTimeout(callback: () => void, milliseconds: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  setTimeout: (callback, milliseconds) => setTimeout(callback, milliseconds),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Where the reply goes: message `index` of the turn (the bridge keeps their ids by index). */
export interface TurnSink {
  /** Sends part `index` as a new message (always the next index). */
  send(index: number, part: MarkdownPart): Promise<void>;
  /** Replaces the text of message `index` (always the last one sent). */
  edit(index: number, part: MarkdownPart): Promise<void>;
}

export interface DeltaBufferOptions {
  readonly sink: TurnSink;
  /** The platform's limit and rendering (see `splitMarkdown`). */
  readonly split: SplitOptions;
  /** The longest a change waits before it is shown; 500 ms by default. */
  readonly debounceMs?: number;
  /** The wait after a first failure, doubled after each further one up to `maxRetryMs`. */
  readonly retryMs?: number;
  readonly maxRetryMs?: number;
  readonly timers?: Timers;
  /**
   * After a restart: the reply as rebuilt from the session's events, and the
   * parts its messages showed (as stored). The buffer goes on from there —
   * the last message edited, the rest sent — with no message repeated.
   */
  readonly resume?: { readonly text: string; readonly sent: readonly MarkdownPart[] };
  /** Told of each failure (for the log and `/status`); the buffer retries whatever it says. */
  readonly onFailure?: (error: unknown, failures: number) => void;
}

export const defaultDebounceMs = 500;
const defaultRetryMs = 1_000;
const defaultMaxRetryMs = 30_000;

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

export class DeltaBuffer {
  readonly #options: DeltaBufferOptions;
  readonly #timers: Timers;
  #text: string;
  readonly #sent: MarkdownPart[];
  #timer: { readonly handle: unknown; readonly kind: "debounce" | "retry" } | undefined;
  #isFlushing = false;
  #failures = 0;
  #waiters: Waiter[] = [];
  #isStopped = false;
  /** Where each keyed line sits in the text (see `putLine`). */
  readonly #lines = new Map<string, { start: number; length: number }>();
  /** The start of the last part the flush in flight is sending: the text before it is being settled. */
  #flushingFrom = 0;

  constructor(options: DeltaBufferOptions) {
    this.#options = options;
    this.#timers = options.timers ?? systemTimers;
    this.#text = options.resume?.text ?? "";
    this.#sent = [...(options.resume?.sent ?? [])];
    if (this.#text !== "") this.#schedule();
  }

  /** The whole reply so far. */
  get text(): string {
    return this.#text;
  }

  /** The parts the chat shows, by message index. */
  get sent(): readonly MarkdownPart[] {
    return this.#sent;
  }

  /** Appends a piece of the assistant's text. */
  append(delta: string): void {
    if (delta === "" || this.#isStopped) return;
    this.#text += delta;
    this.#schedule();
  }

  /** Appends a line of its own (a tool line): on a new line, and the text after it on the next. */
  appendLine(line: string): void {
    const separator = this.#text === "" || this.#text.endsWith("\n") ? "" : "\n";
    this.append(`${separator}${line}\n`);
  }

  /**
   * A line that changes (a tool call running, then done), named by `key`: the
   * first call appends it; a later one replaces it in place while it is in the
   * last message, which can still be edited, and otherwise appends the new
   * line (a settled message is never edited, so the outcome shows below it).
   */
  putLine(key: string, line: string): void {
    if (this.#isStopped) return;
    const placed = this.#lines.get(key);
    const text = `${line}\n`;
    if (placed && placed.start >= this.#editableFrom()) {
      this.#text = this.#text.slice(0, placed.start) + text + this.#text.slice(placed.start + placed.length);
      const growth = text.length - placed.length;
      for (const other of this.#lines.values()) if (other.start > placed.start) other.start += growth;
      placed.length = text.length;
      this.#schedule();
      return;
    }
    const separator = this.#text === "" || this.#text.endsWith("\n") ? "" : "\n";
    this.#lines.set(key, { start: this.#text.length + separator.length, length: text.length });
    this.append(separator + text);
  }

  /** Where the text may still change without touching a message that is settled or being settled. */
  #editableFrom(): number {
    return Math.max(this.#sent.at(-1)?.start ?? 0, this.#isFlushing ? this.#flushingFrom : 0);
  }

  /**
   * Shows everything appended so far now (on `message.end`, at turn end),
   * resolving once the chat matches. While the platform fails it waits through
   * the retries; it rejects only when the buffer is stopped.
   */
  flush(): Promise<void> {
    if (this.#isStopped) return Promise.reject(stoppedError());
    if (!this.#isFlushing && this.#timer?.kind !== "retry" && this.#operations().length === 0) {
      this.#clearTimer();
      return Promise.resolve();
    }
    const done = new Promise<void>((resolve, reject) => this.#waiters.push({ resolve, reject }));
    // A pending retry keeps its backoff; a pending debounce is cut short.
    if (this.#timer?.kind === "debounce") this.#clearTimer();
    if (!this.#isFlushing && this.#timer === undefined) void this.#flushOnce();
    return done;
  }

  /** Stops timers and retries; a flush still waiting rejects. The chat keeps what it shows. */
  stop(): void {
    this.#isStopped = true;
    this.#clearTimer();
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) waiter.reject(stoppedError());
  }

  #operations(): TurnOperation[] {
    return reconcileTurn(this.#text, this.#sent, this.#options.split);
  }

  #schedule(): void {
    if (this.#isStopped || this.#isFlushing || this.#timer !== undefined) return;
    this.#setTimer("debounce", this.#options.debounceMs ?? defaultDebounceMs);
  }

  #setTimer(kind: "debounce" | "retry", milliseconds: number): void {
    const handle = this.#timers.setTimeout(() => {
      this.#timer = undefined;
      void this.#flushOnce();
    }, milliseconds);
    this.#timer = { handle, kind };
  }

  #clearTimer(): void {
    if (this.#timer) this.#timers.clearTimeout(this.#timer.handle);
    this.#timer = undefined;
  }

  /** One pass of the reconciler's operations; then the next pass, a wait, or the waiters told. */
  async #flushOnce(): Promise<void> {
    this.#isFlushing = true;
    const operations = this.#operations();
    this.#flushingFrom = Math.max(0, ...operations.map((operation) => operation.part.start));
    try {
      for (const operation of operations) {
        if (this.#isStopped) return;
        if (operation.kind === "send") await this.#options.sink.send(operation.index, operation.part);
        else await this.#options.sink.edit(operation.index, operation.part);
        // Recorded only once the platform took it: a failed send is sent again, not skipped.
        this.#sent[operation.index] = operation.part;
      }
      this.#failures = 0;
    } catch (error) {
      this.#failures += 1;
      this.#options.onFailure?.(error, this.#failures);
      if (!this.#isStopped) this.#setTimer("retry", this.#retryDelay());
      return;
    } finally {
      this.#isFlushing = false;
    }
    if (this.#isStopped) return;
    if (this.#operations().length === 0) {
      const waiters = this.#waiters;
      this.#waiters = [];
      for (const waiter of waiters) waiter.resolve();
    } else if (this.#waiters.length > 0) {
      void this.#flushOnce();
    } else {
      this.#schedule();
    }
  }

  #retryDelay(): number {
    const first = this.#options.retryMs ?? defaultRetryMs;
    const most = this.#options.maxRetryMs ?? defaultMaxRetryMs;
    return Math.min(most, first * 2 ** (this.#failures - 1));
  }
}

function stoppedError(): HangarError {
  return new HangarError("SHUTTING_DOWN", "the chat reply was stopped before it was shown");
}
