import { execFile } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { keeperCommand, keeperHeader, parseReady, TrailerScanner } from "./keeper-protocol.js";

const nonce = "0123abcd";
const trailer = (suffix = "") => Buffer.from(`\x1ehangar-exit:${nonce}${suffix}\n`);

/** Feeds the chunks one by one and returns what was passed through, joined. */
function scan(scanner: TrailerScanner, chunks: Buffer[]): string {
  return Buffer.concat(chunks.map((chunk) => scanner.push(chunk))).toString("latin1");
}

describe("TrailerScanner", () => {
  it("passes output through and stops at the trailer, taking the status from it", () => {
    const scanner = new TrailerScanner(nonce);
    expect(
      scan(scanner, [Buffer.from("hello\n"), Buffer.concat([Buffer.from("end"), trailer(":137")])]),
    ).toBe("hello\nend");
    expect(scanner.found).toBe(":137");
    expect(scanner.status).toBe(137);
    expect(scanner.push(Buffer.from("after"))).toHaveLength(0);
  });

  it("finds a trailer split over chunks at every position", () => {
    const whole = Buffer.concat([Buffer.from("x\x1ey"), trailer(":0")]);
    for (let split = 0; split <= whole.length; split++) {
      const scanner = new TrailerScanner(nonce);
      expect(scan(scanner, [whole.subarray(0, split), whole.subarray(split)])).toBe("x\x1ey");
      expect(scanner.status).toBe(0);
    }
  });

  it("holds back only what could be a trailer, and gives it back when it is not", () => {
    const scanner = new TrailerScanner(nonce);
    expect(scan(scanner, [Buffer.from("data\x1ehangar-ex")])).toBe("data");
    expect(scan(scanner, [Buffer.from("ercise\n")])).toBe("\x1ehangar-exercise\n");
    expect(scan(scanner, [Buffer.from(`\x1ehangar-exit:${nonce}:12`)])).toBe("");
    expect(scanner.flush().toString("latin1")).toBe(`\x1ehangar-exit:${nonce}:12`);
    expect(scanner.found).toBeUndefined();
  });

  it("ignores a trailer with another nonce or a malformed status", () => {
    const scanner = new TrailerScanner(nonce);
    const forged = `\x1ehangar-exit:ffffffff:0\n\x1ehangar-exit:${nonce}:abc\n`;
    expect(scan(scanner, [Buffer.from(forged)])).toBe(forged);
    expect(scanner.found).toBeUndefined();
  });
});

describe("parseReady", () => {
  it("reads the keeper's pid and returns what followed", () => {
    expect(parseReady(Buffer.from("\x1ehangar-ready:42\nrest"))).toEqual({
      pid: 42,
      rest: Buffer.from("rest"),
    });
    expect(parseReady(Buffer.from("\x1ehangar-rea"))).toBeUndefined();
    expect(parseReady(Buffer.from("\x1ehangar-ready:4"))).toBeUndefined();
    expect(() => parseReady(Buffer.from("sh: 1: not found\n"))).toThrow(/did not start/);
  });
});

describe("the keeper script", () => {
  // Run by the host's /bin/sh: the same POSIX shell the sandbox image has.
  it("greets, runs exactly the announced script with the rest of stdin, and reports the status on both streams", async () => {
    const script = Buffer.from('read line; echo "got $line"; echo oops >&2; exit 7');
    const child = execFile(keeperCommand("exec")[0]!, keeperCommand("exec").slice(1), { encoding: "buffer" });
    child.stdin!.end(Buffer.concat([keeperHeader(script, nonce), Buffer.from("the input\n")]));
    const [stdout, stderr] = await new Promise<[Buffer, Buffer]>((resolve) => {
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout!.on("data", (chunk: Buffer) => out.push(chunk));
      child.stderr!.on("data", (chunk: Buffer) => err.push(chunk));
      child.on("close", () => resolve([Buffer.concat(out), Buffer.concat(err)]));
    });
    const ready = parseReady(stdout);
    expect(ready?.pid).toBeGreaterThan(0);
    const out = new TrailerScanner(nonce);
    expect(out.push(ready!.rest).toString()).toBe("got the input\n");
    expect(out.found).toBe("");
    const err = new TrailerScanner(nonce);
    expect(err.push(stderr).toString()).toBe("oops\n");
    expect(err.status).toBe(7);
    expect(child.exitCode).toBe(7);
  });

  it("exits 125 when stdin ends before the header", async () => {
    const child = execFile("/bin/sh", keeperCommand("exec").slice(1));
    child.stdin!.end();
    const [code] = (await once(child, "close")) as [number];
    expect(code).toBe(125);
  });
});
