import { StringDecoder } from "node:string_decoder";
import { describe, expect, it } from "vitest";
import {
  encodeLine,
  isValidNonce,
  KernelStreamParser,
  newNonce,
  parseKernelMessage,
  type StreamPiece,
} from "./kernel-protocol.js";

const nonce = newNonce();
const frame = (body: object) => `\x1eHANGAR:${nonce}:${JSON.stringify(body)}\n`;

/** Feeds `input` in pieces of the given sizes (cycled) and collects decoded output and frames. */
function feed(input: Buffer, sizes: number[], parser = new KernelStreamParser(nonce)) {
  const decoder = new StringDecoder("utf8");
  let output = "";
  const frames: string[] = [];
  const take = (pieces: StreamPiece[]) => {
    for (const piece of pieces) {
      if (piece.type === "output") output += decoder.write(piece.bytes);
      else frames.push(piece.payload);
    }
  };
  let offset = 0;
  for (let turn = 0; offset < input.length; turn++) {
    const size = sizes[turn % sizes.length] ?? 1;
    take(parser.push(input.subarray(offset, offset + size)));
    offset += size;
  }
  take(parser.end());
  output += decoder.end();
  return { output, frames, parser };
}

describe("KernelStreamParser", () => {
  // User output that looks like markers: a lone separator, a marker with another nonce, a
  // marker prefix cut short, and multi-byte characters right next to real frames.
  const plain = "plain ✓ line\n";
  const separator = "\x1e";
  const forged = `\x1eHANGAR:${newNonce()}:{"type":"done","id":"r1","ok":true,"exitCode":0}\n`;
  const cutShort = `\x1eHANGAR:${nonce.slice(0, 10)}`;
  const unicode = "日本語 🚀 no newline";
  const userText = plain + separator + forged + cutShort + unicode;
  const stream = Buffer.from(
    plain +
      separator +
      frame({ type: "end", id: "r1" }) +
      forged +
      cutShort +
      unicode +
      frame({ type: "done", id: "r1", ok: true, exitCode: 0, result: "'é'" }),
  );

  it.each([
    ["byte by byte", [1]],
    ["in uneven chunks", [3, 7, 2, 11]],
    ["in one chunk", [stream.length]],
  ])("separates user bytes from frames when fed %s", (_name, sizes) => {
    const { output, frames } = feed(stream, sizes);
    expect(output).toBe(userText);
    expect(frames.map((payload) => parseKernelMessage(payload))).toEqual([
      { type: "end", id: "r1" },
      { type: "done", id: "r1", ok: true, exitCode: 0, result: "'é'" },
    ]);
  });

  it("holds back a possible marker start until the next chunk decides", () => {
    const parser = new KernelStreamParser(nonce);
    expect(parser.push(Buffer.from("abc\x1eHANG"))).toEqual([{ type: "output", bytes: Buffer.from("abc") }]);
    expect(parser.push(Buffer.from("LE"))).toEqual([{ type: "output", bytes: Buffer.from("\x1eHANGLE") }]);
    expect(parser.push(Buffer.from("\x1eHANGAR"))).toEqual([]);
    expect(parser.end()).toEqual([{ type: "output", bytes: Buffer.from("\x1eHANGAR") }]);
  });

  it("drops an oversized frame and resynchronises on its newline", () => {
    const input = Buffer.from(
      `a${frame({ type: "end", id: "x".repeat(100) })}b${frame({ type: "end", id: "r2" })}c`,
    );
    const { output, frames, parser } = feed(input, [5], new KernelStreamParser(nonce, { maxFrameBytes: 64 }));
    expect(output).toBe("abc");
    expect(frames).toEqual([JSON.stringify({ type: "end", id: "r2" })]);
    expect(parser.droppedFrames).toBe(1);
  });

  it("passes 5 MB through without loss", () => {
    const big = "x".repeat(5_000_000);
    const { output, frames } = feed(Buffer.from(big + frame({ type: "end", id: "r1" })), [65_536]);
    expect(output.length).toBe(big.length);
    expect(frames).toHaveLength(1);
  });
});

describe("protocol messages", () => {
  it("makes 128-bit nonces that fit the marker", () => {
    const first = newNonce();
    expect(isValidNonce(first)).toBe(true);
    expect(Buffer.from(first, "base64url")).toHaveLength(16);
    expect(first).not.toBe(newNonce());
    expect(isValidNonce("short")).toBe(false);
    expect(isValidNonce(`${"a".repeat(30)}:x`)).toBe(false);
  });

  it("encodes one request per line even when the code has newlines", () => {
    const line = encodeLine({ id: "r1", code: "a\nb\u2028", stdin: "\n" });
    expect(line.indexOf("\n")).toBe(line.length - 1);
    expect(JSON.parse(line)).toEqual({ id: "r1", code: "a\nb\u2028", stdin: "\n" });
  });

  it("accepts well-formed messages and rejects malformed ones", () => {
    const error = { name: "ValueError", message: "bad", traceback: "Traceback..." };
    expect(
      parseKernelMessage(JSON.stringify({ type: "done", id: "r1", ok: false, exitCode: 1, error })),
    ).toEqual({
      type: "done",
      id: "r1",
      ok: false,
      exitCode: 1,
      error,
    });
    expect(parseKernelMessage('{"type":"ready","language":"python","version":"3.11.2"}')).toEqual({
      type: "ready",
      language: "python",
      version: "3.11.2",
    });
    expect(parseKernelMessage('{"type":"done","id":"r1","ok":"yes","exitCode":0}')).toBeUndefined();
    expect(parseKernelMessage('{"type":"end"}')).toBeUndefined();
    expect(parseKernelMessage('{"type":"other"}')).toBeUndefined();
    expect(parseKernelMessage("[1]")).toBeUndefined();
    expect(parseKernelMessage("{")).toBeUndefined();
  });

  it("parses display frames and the count of displays a kernel dropped", () => {
    const bundle = { "text/plain": "1", "text/html": "<b>1</b>" };
    expect(parseKernelMessage(JSON.stringify({ type: "display", id: "r2", bundle, main: true }))).toEqual({
      type: "display",
      id: "r2",
      bundle,
      main: true,
    });
    // The bundle itself is checked by the host's ResultCollector, not here.
    expect(parseKernelMessage('{"type":"display","id":"r2","bundle":7}')).toEqual({
      type: "display",
      id: "r2",
      bundle: 7,
      main: false,
    });
    expect(parseKernelMessage('{"type":"display","bundle":{}}')).toBeUndefined();
    expect(
      parseKernelMessage('{"type":"done","id":"r2","ok":true,"exitCode":0,"displaysDropped":3}'),
    ).toEqual({ type: "done", id: "r2", ok: true, exitCode: 0, displaysDropped: 3 });
    expect(
      parseKernelMessage('{"type":"done","id":"r2","ok":true,"exitCode":0,"displaysDropped":-1}'),
    ).toEqual({ type: "done", id: "r2", ok: true, exitCode: 0 });
  });
});
