import { describe, expect, it } from "vitest";
import { HangarClientError } from "../hangar-client-error.js";
import { readRunStream } from "./run-stream.js";

/** A streamed run's body as the server writes it, in the given pieces. */
function body(...pieces: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const piece of pieces) controller.enqueue(encoder.encode(piece));
      controller.close();
    },
  });
}

const result = { status: "ok", stdout: "a\n", runId: "run_1" };

describe("readRunStream", () => {
  it("hands start, stdout and stderr to the callbacks in order and answers end's result", async () => {
    const seen: string[] = [];
    const answer = await readRunStream(
      body(
        ': connected\n\nevent: start\ndata: {"runId":"run_1","language":"bash","sessionId":null}\n\n',
        'event: stdout\ndata: {"data":"a\\n"}\n\nevent: std',
        'err\ndata: {"data":"b"}\n\nevent: progress\ndata: {}\n\n',
        `event: end\ndata: ${JSON.stringify({ result })}\n\n`,
      ),
      {
        onStart: (start) => seen.push(`start ${start.runId}`),
        onStdout: (data) => seen.push(`stdout ${data}`),
        onStderr: (data) => seen.push(`stderr ${data}`),
      },
    );
    expect(seen).toEqual(["start run_1", "stdout a\n", "stderr b"]);
    expect(answer).toEqual(result);
  });

  it("hands each rich result to onResult before the end", async () => {
    const bundles: unknown[] = [];
    const bundle = { "text/plain": "Table()", "text/html": "<table></table>", isMainResult: true };
    const answer = await readRunStream(
      body(
        'event: start\ndata: {"runId":"run_1","language":"python","sessionId":"nb"}\n\n',
        `event: result\ndata: ${JSON.stringify({ "text/plain": "1" })}\n\n`,
        `event: result\ndata: ${JSON.stringify(bundle)}\n\n`,
        `event: end\ndata: ${JSON.stringify({ result })}\n\n`,
      ),
      { onResult: (received) => bundles.push(received) },
    );
    expect(bundles).toEqual([{ "text/plain": "1" }, bundle]);
    expect(answer).toEqual(result);
  });

  it("throws the error event as a HangarClientError with its code and field", async () => {
    const failing = readRunStream(
      body(
        'event: start\ndata: {"runId":"run_2","language":"python","sessionId":"nb"}\n\n',
        'event: error\ndata: {"error":{"code":"SANDBOX_GONE","message":"gone","field":"sessionId"}}\n\n',
      ),
      {},
    );
    await expect(failing).rejects.toBeInstanceOf(HangarClientError);
    await expect(failing).rejects.toMatchObject({
      code: "SANDBOX_GONE",
      field: "sessionId",
      message: "gone",
    });
  });

  it("says so when the stream ends without the result", async () => {
    await expect(readRunStream(body('event: stdout\ndata: {"data":"x"}\n\n'), {})).rejects.toMatchObject({
      code: "BAD_RESPONSE",
    });
  });
});
