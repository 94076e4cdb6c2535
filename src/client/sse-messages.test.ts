import { describe, expect, it } from "vitest";
import { readSseMessages, type SseMessage } from "./sse-messages.js";

/** The messages of a body that arrives in exactly these chunks. */
async function read(chunks: Array<string | Uint8Array>, maxBufferSize?: number): Promise<SseMessage[]> {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks)
        controller.enqueue(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
      controller.close();
    },
  });
  const messages: SseMessage[] = [];
  for await (const message of readSseMessages(stream, maxBufferSize === undefined ? {} : { maxBufferSize }))
    messages.push(message);
  return messages;
}

describe("readSseMessages", () => {
  it("parses events with id, event and data; a block without event: is a message", async () => {
    expect(await read(['id: 1\nevent: tool.start\ndata: {"a":1}\n\nid: 2\ndata: plain\n\n'])).toEqual([
      { id: "1", event: "tool.start", data: '{"a":1}' },
      { id: "2", event: "message", data: "plain" },
    ]);
  });

  it("handles \\r\\n and lone \\r line endings, even split across chunks", async () => {
    expect(await read(["data: one\r", "\n\r\ndata: two\r\rdata: th", "ree\n\n"])).toEqual([
      { id: undefined, event: "message", data: "one" },
      { id: undefined, event: "message", data: "two" },
      { id: undefined, event: "message", data: "three" },
    ]);
  });

  it("joins multi-line data with \\n and keeps a blank data line", async () => {
    expect(await read(["data: first\ndata:\ndata:  indented\n\n"])).toEqual([
      { id: undefined, event: "message", data: "first\n\n indented" },
    ]);
  });

  it("keeps the last id in force across messages, as a reconnect's Last-Event-ID needs", async () => {
    expect(await read([": connected\n\n: heartbeat\nfoo: bar\n\nid: 7\ndata: x\n\ndata: y\n\n"])).toEqual([
      { id: "7", event: "message", data: "x" },
      { id: "7", event: "message", data: "y" },
    ]);
  });

  it("takes a field without a colon as empty, ignores ids with NUL and a bad retry", async () => {
    expect(await read(["retry: soon\nid: a\0b\ndata\n\n"])).toEqual([
      { id: undefined, event: "message", data: "" },
    ]);
  });

  it("feeds one character at a time", async () => {
    const text = "id: 3\r\nevent: usage\r\ndata: {}\r\n\r\n";
    expect(await read([...text])).toEqual([{ id: "3", event: "usage", data: "{}" }]);
  });

  it("drops an unterminated block at the end of the stream, and decodes UTF-8 split across chunks", async () => {
    const bytes = new TextEncoder().encode("data: héllo ▶\n\ndata: cut");
    const chunks = [...bytes].map((byte) => new Uint8Array([byte]));
    expect(await read(chunks)).toEqual([{ id: undefined, event: "message", data: "héllo ▶" }]);
  });

  it("fails on a message that outgrows the buffer limit instead of holding it", async () => {
    await expect(read(["data: small\n\n", "data: " + "x".repeat(2000)], 1000)).rejects.toThrow(
      /max buffer size/,
    );
  });
});
