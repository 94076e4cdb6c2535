import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { formatSseComment, formatSseMessage, SseStream } from "./sse.js";

/** A sink that keeps what it is given, and can be told to stop accepting writes like a full socket. */
class RecordingSink extends Writable {
  text = "";
  isStalled = false;
  private readonly pending: (() => void)[] = [];

  constructor() {
    super({ highWaterMark: 64 });
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.text += chunk.toString("utf8");
    if (this.isStalled) this.pending.push(() => callback());
    else callback();
  }

  /** The consumer catches up: everything buffered is flushed and 'drain' follows. */
  release(): void {
    this.isStalled = false;
    for (const callback of this.pending.splice(0)) callback();
  }
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

describe("formatSseMessage", () => {
  it("writes id, event and one data line per line", () => {
    expect(formatSseMessage({ id: 7, event: "stdout", data: "a\nb\r\nc" })).toBe(
      "id: 7\nevent: stdout\ndata: a\ndata: b\ndata: c\n\n",
    );
    expect(formatSseMessage({ data: "" })).toBe("data: \n\n");
    expect(formatSseMessage({ data: "x", retry: 1500.7 })).toBe("retry: 1500\ndata: x\n\n");
  });

  it("cannot be made to inject fields through the event name or id", () => {
    expect(formatSseMessage({ event: "a\ndata: evil", id: "1\nevent: x", data: "ok" })).toBe(
      "id: 1event: x\nevent: adata: evil\ndata: ok\n\n",
    );
  });

  it("formats comments line by line", () => {
    expect(formatSseComment("ping\npong")).toBe(": ping\n: pong\n\n");
  });
});

describe("SseStream", () => {
  it("writes messages and ends normally without aborting", () => {
    const sink = new RecordingSink();
    const stream = new SseStream(sink, { heartbeatMs: 0 });
    expect(stream.send({ event: "start", data: "{}" })).toBe(true);
    stream.end();
    expect(sink.text).toBe("event: start\ndata: {}\n\n");
    expect(sink.writableEnded).toBe(true);
    expect(stream.closeReason).toBe("finished");
    expect(stream.signal.aborted).toBe(false);
    expect(stream.send({ data: "late" })).toBe(false);
  });

  it("sends comment heartbeats while open", async () => {
    const sink = new RecordingSink();
    const stream = new SseStream(sink, { heartbeatMs: 10 });
    await sleep(45);
    stream.end();
    const beats = sink.text.split(": heartbeat\n\n").length - 1;
    expect(beats).toBeGreaterThanOrEqual(2);
    const afterEnd = sink.text;
    await sleep(25);
    expect(sink.text).toBe(afterEnd);
  });

  it("cuts a consumer that lets too many bytes pile up", () => {
    const sink = new RecordingSink();
    sink.isStalled = true;
    const stream = new SseStream(sink, { heartbeatMs: 0, maxBufferedBytes: 4096, drainTimeoutMs: 60_000 });
    let accepted = 0;
    while (stream.send({ data: "x".repeat(1000) }) && accepted < 100) accepted += 1;
    expect(accepted).toBeLessThan(5);
    expect(stream.closeReason).toBe("slow_consumer");
    expect(stream.signal.aborted).toBe(true);
    expect(sink.destroyed).toBe(true);
  });

  it("cuts a consumer whose socket stays full past the drain timeout", async () => {
    const sink = new RecordingSink();
    sink.isStalled = true;
    const stream = new SseStream(sink, { heartbeatMs: 0, drainTimeoutMs: 20 });
    stream.send({ data: "y".repeat(200) });
    expect(stream.isOpen).toBe(true);
    await sleep(60);
    expect(stream.closeReason).toBe("slow_consumer");
    expect(stream.signal.aborted).toBe(true);
  });

  it("keeps a consumer that drains in time", async () => {
    const sink = new RecordingSink();
    sink.isStalled = true;
    const stream = new SseStream(sink, { heartbeatMs: 0, drainTimeoutMs: 30 });
    stream.send({ data: "y".repeat(200) });
    sink.release();
    await sleep(60);
    expect(stream.isOpen).toBe(true);
    stream.end();
  });

  it("aborts its signal when the client goes away", async () => {
    const sink = new RecordingSink();
    const stream = new SseStream(sink, { heartbeatMs: 0 });
    sink.destroy();
    await sleep(0);
    expect(stream.closeReason).toBe("client_closed");
    expect(stream.signal.aborted).toBe(true);
  });
});
