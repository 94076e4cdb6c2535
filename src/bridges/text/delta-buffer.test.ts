import { afterEach, describe, expect, it } from "vitest";
import { DeltaBuffer, type Timers, type TurnSink } from "./delta-buffer.js";
import { markdownToTelegram } from "./markdown-to-telegram.js";
import { joinParts, type MarkdownPart } from "./message-splitter.js";

/** A clock that moves only when told; `advance` runs what falls due, letting promises settle between. */
class FakeTimers implements Timers {
  now = 0;
  #next = 0;
  #tasks = new Map<number, { at: number; callback: () => void }>();

  setTimeout(callback: () => void, milliseconds: number): unknown {
    this.#next += 1;
    this.#tasks.set(this.#next, { at: this.now + milliseconds, callback });
    return this.#next;
  }

  clearTimeout(handle: unknown): void {
    this.#tasks.delete(handle as number);
  }

  get pending(): number {
    return this.#tasks.size;
  }

  async advance(milliseconds: number): Promise<void> {
    const until = this.now + milliseconds;
    await settle();
    for (;;) {
      const due = [...this.#tasks.entries()]
        .filter(([, task]) => task.at <= until)
        .sort((a, b) => a[1].at - b[1].at);
      const first = due[0];
      if (!first) break;
      this.#tasks.delete(first[0]);
      this.now = first[1].at;
      first[1].callback();
      await settle();
    }
    this.now = until;
  }
}

/** Lets every pending promise chain run (a real macrotask turn; nothing sleeps). */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Calls a chat could not have taken (a send out of order, an edit of a message before the last). */
const violations: string[] = [];

afterEach(() => {
  expect(violations.splice(0)).toEqual([]);
});

interface Call {
  kind: "send" | "edit";
  index: number;
  markdown: string;
  at: number;
}

/** A chat: records every call, shows the messages, can hold calls open or fail them. */
class RecordingSink implements TurnSink {
  readonly calls: Call[] = [];
  readonly messages: MarkdownPart[] = [];
  inFlight = 0;
  mostInFlight = 0;
  failuresLeft = 0;
  #held: (() => void)[] = [];
  isHolding = false;

  constructor(private readonly timers: FakeTimers) {}

  send(index: number, part: MarkdownPart): Promise<void> {
    return this.#call("send", index, part);
  }

  edit(index: number, part: MarkdownPart): Promise<void> {
    return this.#call("edit", index, part);
  }

  release(): void {
    const held = this.#held;
    this.#held = [];
    for (const resume of held) resume();
  }

  async #call(kind: "send" | "edit", index: number, part: MarkdownPart): Promise<void> {
    this.calls.push({ kind, index, markdown: part.markdown, at: this.timers.now });
    this.inFlight += 1;
    this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
    try {
      if (this.isHolding) await new Promise<void>((resume) => this.#held.push(resume));
      if (this.failuresLeft > 0) {
        this.failuresLeft -= 1;
        throw new Error("429 Too Many Requests");
      }
      // Recorded, not thrown: the buffer would take a throw for a platform failure and retry.
      const expected = kind === "send" ? this.messages.length : this.messages.length - 1;
      if (index !== expected) violations.push(`${kind} of message ${index}, expected ${expected}`);
      this.messages[index] = part;
    } finally {
      this.inFlight -= 1;
    }
  }
}

function setup(limit = 4096) {
  const timers = new FakeTimers();
  const sink = new RecordingSink(timers);
  const failures: number[] = [];
  const buffer = new DeltaBuffer({
    sink,
    split: { limit, render: markdownToTelegram },
    timers,
    onFailure: (_error, count) => failures.push(count),
  });
  return { timers, sink, buffer, failures };
}

describe("DeltaBuffer", () => {
  it("shows the deltas of one period in one message, at the debounce boundary", async () => {
    const { timers, sink, buffer } = setup();
    buffer.append("Hel");
    await timers.advance(200);
    buffer.append("lo");
    await timers.advance(299);
    expect(sink.calls).toEqual([]);
    await timers.advance(1);
    expect(sink.calls).toEqual([{ kind: "send", index: 0, markdown: "Hello", at: 500 }]);
    buffer.append(", world");
    await timers.advance(500);
    expect(sink.calls.map((call) => [call.kind, call.markdown, call.at])).toEqual([
      ["send", "Hello", 500],
      ["edit", "Hello, world", 1000],
    ]);
    expect(timers.pending).toBe(0);
  });

  it("shows a steady stream every period (the wait is not pushed back by each delta)", async () => {
    const { timers, sink, buffer } = setup();
    for (let step = 0; step < 40; step += 1) {
      buffer.append(`${step} `);
      await timers.advance(50);
    }
    expect(sink.calls.map((call) => call.at)).toEqual([500, 1000, 1500, 2000]);
  });

  it("merges what arrives during a slow edit into one next edit, one call at a time", async () => {
    const { timers, sink, buffer } = setup();
    buffer.append("a");
    sink.isHolding = true;
    await timers.advance(500);
    expect(sink.calls).toHaveLength(1);
    for (const delta of ["b", "c", "d", "e"]) {
      buffer.append(delta);
      await timers.advance(400);
    }
    // The first send is still held: nothing else was started.
    expect(sink.calls).toHaveLength(1);
    sink.isHolding = false;
    sink.release();
    await timers.advance(500);
    expect(sink.calls.map((call) => [call.kind, call.markdown])).toEqual([
      ["send", "a"],
      ["edit", "abcde"],
    ]);
    expect(sink.mostInFlight).toBe(1);
  });

  it("flush shows everything now and resolves when the chat matches", async () => {
    const { timers, sink, buffer } = setup();
    buffer.append("The answer");
    buffer.appendLine("🔧 bash `ls` ✓");
    buffer.append("is 42.");
    let isDone = false;
    const done = buffer.flush().then(() => {
      isDone = true;
    });
    await settle();
    await done;
    expect(isDone).toBe(true);
    expect(sink.calls.map((call) => [call.markdown, call.at])).toEqual([
      ["The answer\n🔧 bash `ls` ✓\nis 42.", 0],
    ]);
    expect(timers.pending).toBe(0);
    await buffer.flush();
    expect(sink.calls).toHaveLength(1);
  });

  it("continues in new messages past the limit, never editing one before the last", async () => {
    const { timers, sink, buffer } = setup(100);
    for (let line = 0; line < 60; line += 1) {
      buffer.append(`line ${line}: *x* y.z\n`);
      await timers.advance(120);
    }
    await buffer.flush();
    expect(sink.messages.length).toBeGreaterThan(5);
    expect(joinParts(sink.messages)).toBe(buffer.text);
    for (const message of sink.messages)
      expect(markdownToTelegram(message.markdown).length).toBeLessThanOrEqual(100);
    sink.calls.forEach((call, position) => {
      const later = sink.calls.slice(position + 1);
      if (later.some((next) => next.index > call.index)) {
        expect(later.some((next) => next.kind === "edit" && next.index === call.index)).toBe(false);
      }
    });
  });

  it("retries a failing chat with backoff and drops nothing", async () => {
    const { timers, sink, buffer, failures } = setup();
    sink.failuresLeft = 3;
    buffer.append("first");
    await timers.advance(500);
    buffer.append(" second");
    let isDone = false;
    const done = buffer.flush().then(() => {
      isDone = true;
    });
    // Failed at 500; retries after 1 s, 2 s, 4 s: at 1500, 3500 and 7500.
    await timers.advance(6_999);
    expect(isDone).toBe(false);
    expect(sink.messages).toEqual([]);
    await timers.advance(1);
    await done;
    expect(failures).toEqual([1, 2, 3]);
    expect(sink.calls.map((call) => [call.kind, call.at])).toEqual([
      ["send", 500],
      ["send", 1500],
      ["send", 3500],
      ["send", 7500],
    ]);
    expect(sink.messages.map((message) => message.markdown)).toEqual(["first second"]);
  });

  it("keeps retrying without a flush, and a failure after sends resumes where it stopped", async () => {
    const { timers, sink, buffer } = setup(60);
    buffer.append("word ".repeat(30));
    await timers.advance(500);
    const sentBefore = sink.messages.length;
    expect(sentBefore).toBeGreaterThan(1);
    sink.failuresLeft = 1;
    buffer.append("more ".repeat(20));
    await timers.advance(500);
    expect(sink.messages.length).toBe(sentBefore);
    await timers.advance(1_000);
    expect(joinParts(sink.messages)).toBe(buffer.text);
  });

  it("replaces a keyed line (a tool call running, then done) while its message can be edited", async () => {
    const { timers, sink, buffer } = setup();
    buffer.append("Let me run the tests.");
    buffer.putLine("call-1", "▶️ bash `npm test` …");
    buffer.append("While they run…");
    await timers.advance(500);
    buffer.putLine("call-1", "▶️ bash `npm test` ✓ 2.4s");
    await buffer.flush();
    expect(buffer.text).toBe("Let me run the tests.\n▶️ bash `npm test` ✓ 2.4s\nWhile they run…");
    expect(sink.messages.map((message) => message.markdown)).toEqual([buffer.text]);
  });

  it("appends the outcome below when the running line's message is settled or being settled", async () => {
    const { timers, sink, buffer } = setup(40);
    buffer.putLine("call-1", "▶️ bash `make` …");
    buffer.append("x ".repeat(30));
    sink.isHolding = true;
    await timers.advance(500);
    // The first message is being sent, with a second after it: the line is no longer editable.
    buffer.putLine("call-1", "▶️ bash `make` ✓ 1.0s");
    sink.isHolding = false;
    sink.release();
    await buffer.flush();
    expect(buffer.text.startsWith("▶️ bash `make` …\n")).toBe(true);
    expect(buffer.text.endsWith("\n▶️ bash `make` ✓ 1.0s\n")).toBe(true);
    expect(joinParts(sink.messages)).toBe(buffer.text);
  });

  it("shifts later keyed lines when an earlier one changes length", async () => {
    const { buffer } = setup();
    buffer.putLine("a", "A …");
    buffer.putLine("b", "B …");
    buffer.putLine("a", "A ✓ done in a long while");
    buffer.putLine("b", "B ✓");
    expect(buffer.text).toBe("A ✓ done in a long while\nB ✓\n");
    buffer.stop();
  });

  it("resumes after a restart from the stored parts: the last message edited, nothing sent twice", async () => {
    const first = setup(60);
    first.buffer.append("word ".repeat(20));
    await first.buffer.flush();
    const stored = first.buffer.sent;
    expect(stored.length).toBeGreaterThan(1);
    first.buffer.stop();

    const timers = new FakeTimers();
    const sink = new RecordingSink(timers);
    sink.messages.push(...stored);
    const text = first.buffer.text + "more ".repeat(10);
    const buffer = new DeltaBuffer({
      sink,
      split: { limit: 60, render: markdownToTelegram },
      timers,
      resume: { text, sent: stored },
    });
    await timers.advance(500);
    expect(sink.calls[0]).toMatchObject({ kind: "edit", index: stored.length - 1 });
    expect(sink.calls.slice(1).every((call) => call.kind === "send" && call.index >= stored.length)).toBe(
      true,
    );
    expect(joinParts(sink.messages)).toBe(text);
    expect(buffer.sent).toEqual(sink.messages);
  });

  it("stops: timers cleared, a waiting flush rejected, later text ignored", async () => {
    const { timers, sink, buffer } = setup();
    sink.failuresLeft = 100;
    buffer.append("never shown");
    const done = buffer.flush();
    await settle();
    buffer.stop();
    await expect(done).rejects.toThrow(/stopped/);
    expect(timers.pending).toBe(0);
    buffer.append("more");
    expect(timers.pending).toBe(0);
    await expect(buffer.flush()).rejects.toThrow(/stopped/);
  });
});
