import type { RunRequest, RunResult } from "../src/runs/run-types.js";

/**
 * A minimal client for `POST /run` over real HTTP. It uses the global fetch
 * (undici), which keeps connections alive, so after the first request each
 * run costs one request on an open socket, as it would for a real client.
 */
export interface TimedRun {
  httpStatus: number;
  /** Undefined when the body was not a run result (an error response, a broken connection). */
  result: RunResult | undefined;
  /** Client-side time from sending the request to having read the whole body. */
  elapsedMs: number;
  /** The raw body, kept for error messages. */
  text: string;
}

export class RunClient {
  constructor(private readonly baseUrl: string) {}

  async run(request: RunRequest): Promise<TimedRun> {
    const startedAt = performance.now();
    try {
      const response = await fetch(`${this.baseUrl}/run`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(request),
      });
      const text = await response.text();
      const elapsedMs = performance.now() - startedAt;
      return { httpStatus: response.status, result: parseResult(text), elapsedMs, text };
    } catch (error) {
      // A refused or reset connection is a failed run, not a crashed benchmark.
      const text = error instanceof Error ? error.message : String(error);
      return { httpStatus: 0, result: undefined, elapsedMs: performance.now() - startedAt, text };
    }
  }

  /** Like run, but a run that did not end `ok` aborts the benchmark: its timing would mean nothing. */
  async runOk(request: RunRequest): Promise<TimedRun> {
    const timed = await this.run(request);
    if (!isOk(timed)) {
      throw new Error(`run failed (HTTP ${timed.httpStatus}): ${timed.text.slice(0, 500)}`);
    }
    return timed;
  }

  async deleteSession(sessionId: string): Promise<void> {
    const response = await fetch(`${this.baseUrl}/run/sessions/${encodeURIComponent(sessionId)}`, {
      method: "DELETE",
    });
    await response.arrayBuffer();
    if (response.status !== 204 && response.status !== 404) {
      throw new Error(`deleting run session ${sessionId} answered HTTP ${response.status}`);
    }
  }
}

export function isOk(timed: TimedRun): boolean {
  return timed.httpStatus === 200 && timed.result?.status === "ok";
}

function parseResult(text: string): RunResult | undefined {
  try {
    const parsed = JSON.parse(text) as Partial<RunResult>;
    return typeof parsed.status === "string" ? (parsed as RunResult) : undefined;
  } catch {
    return undefined;
  }
}
