import { describe, expect, it } from "vitest";
import { SseParser, readSseMessages } from "./sse-parser.js";

describe("SseParser", () => {
  it("parses events with id, event and data; lines ending in \\n", () => {
    const parser = new SseParser();
    const messages = parser.push('id: 1\nevent: tool.start\ndata: {"a":1}\n\nid: 2\ndata: plain\n\n');
    expect(messages).toEqual([
      { id: "1", event: "tool.start", data: '{"a":1}' },
      { id: "2", event: "message", data: "plain" },
    ]);
    expect(parser.lastEventId).toBe("2");
  });

  it("handles \\r\\n and lone \\r line endings, even split across chunks", () => {
    const parser = new SseParser();
    expect(parser.push("data: one\r")).toEqual([]);
    expect(parser.push("\n\r\ndata: two\r\rdata: th")).toEqual([
      { id: undefined, event: "message", data: "one" },
      { id: undefined, event: "message", data: "two" },
    ]);
    expect(parser.push("ree\n\n")).toEqual([{ id: undefined, event: "message", data: "three" }]);
  });

  it("joins multi-line data with \\n and keeps a blank data line", () => {
    const parser = new SseParser();
    expect(parser.push("data: first\ndata:\ndata:  indented\n\n")).toEqual([
      { id: undefined, event: "message", data: "first\n\n indented" },
    ]);
  });

  it("ignores comments and unknown fields; a block without data dispatches nothing but still sets the id", () => {
    const parser = new SseParser();
    expect(parser.push(": connected\n\n: heartbeat\nfoo: bar\n\nid: 7\n\n")).toEqual([]);
    expect(parser.lastEventId).toBe("7");
    expect(parser.push("data: x\n\n")).toEqual([{ id: "7", event: "message", data: "x" }]);
  });

  it("takes a field without a colon as empty, reads retry, ignores ids with NUL", () => {
    const parser = new SseParser();
    expect(parser.push("retry: 1500\nid: a\0b\ndata\n\n")).toEqual([
      { id: undefined, event: "message", data: "" },
    ]);
    expect(parser.retryMs).toBe(1500);
  });

  it("feeds one character at a time", () => {
    const parser = new SseParser();
    const text = "id: 3\r\nevent: usage\r\ndata: {}\r\n\r\n";
    const messages = [...text].flatMap((character) => parser.push(character));
    expect(messages).toEqual([{ id: "3", event: "usage", data: "{}" }]);
  });

  it("drops an unterminated block at the end of the stream, and decodes UTF-8 split across chunks", async () => {
    const bytes = new TextEncoder().encode("data: héllo ▶\n\ndata: cut");
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const byte of bytes) controller.enqueue(new Uint8Array([byte]));
        controller.close();
      },
    });
    const messages = [];
    for await (const message of readSseMessages(stream)) messages.push(message);
    expect(messages).toEqual([{ id: undefined, event: "message", data: "héllo ▶" }]);
  });
});
