import type {
  LanguageInfo,
  PendingRun,
  RunAccepted,
  RunFile,
  RunList,
  RunResult,
} from "../../protocol/index.js";
import { HangarClientError } from "../hangar-client-error.js";
import type { HttpTransport } from "../http-transport.js";
import { readRunStream, type RunStreamCallbacks } from "./run-stream.js";

/** The fields of `POST /run` besides `code`, in the API's own names. */
export interface RunOptions {
  /** A name or alias from `languages()`: `python`, `js`, `ts`, `bash`, `c++`… */
  language: string;
  /** Runs with the same id share one sandbox and, for python/javascript/typescript, one interpreter. */
  sessionId?: string;
  /** `"3.11"`, `"3"`, `"*"`: refused (400, field `version`) when this server has no match. */
  version?: string;
  timeoutMs?: number;
  stdin?: string;
  args?: string[];
  files?: RunFile[];
  /** A brand-new sandbox even with a sessionId. */
  fresh?: boolean;
  /** Aborts the request; the server stops a run whose caller hung up. */
  signal?: AbortSignal;
}

/** `runCode`'s options: with `onStdout`/`onStderr`/`onStart`/`onResult` the run is streamed. */
export type RunCodeOptions = RunOptions & RunStreamCallbacks;

export interface ListRunsOptions {
  /** 1-100, 20 by default. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
  signal?: AbortSignal;
}

export interface WaitOptions {
  /** Between polls; 250 ms by default. */
  intervalMs?: number;
  signal?: AbortSignal;
}

/** Runs code and answers with its result (streamed when a callback is given). */
export async function runCode(
  transport: HttpTransport,
  code: string,
  options: RunCodeOptions,
): Promise<RunResult> {
  const { onStart, onStdout, onStderr, onResult, signal } = options;
  const body = runRequest(code, options);
  if (onStart === undefined && onStdout === undefined && onStderr === undefined && onResult === undefined)
    return transport.json<RunResult>("POST", "/run", { json: body, signal });
  const response = await transport.request("POST", "/run", {
    json: body,
    accept: "text/event-stream",
    signal,
  });
  // A server that does not stream (or an error that came before the stream) answers JSON.
  if (!(response.headers.get("content-type") ?? "").includes("text/event-stream"))
    return (await response.json()) as RunResult;
  if (response.body === null) throw new HangarClientError("BAD_RESPONSE", "the run's stream has no body");
  return readRunStream(response.body, { ...options });
}

/** Judge0-style asynchronous runs: submit, then poll; each owner sees only their own runs. */
export class RunsApi {
  readonly #transport: HttpTransport;

  constructor(transport: HttpTransport) {
    this.#transport = transport;
  }

  /** Queues the run (`wait: false`) and answers at once with its id. */
  submit(code: string, options: RunOptions): Promise<RunAccepted> {
    return this.#transport.json<RunAccepted>("POST", "/run", {
      json: { ...runRequest(code, options), wait: false },
      signal: options.signal,
    });
  }

  /** The result once the run ended, else `{status: "queued" | "running"}`; 404 for another owner's run. */
  get(runId: string, signal?: AbortSignal): Promise<RunResult | PendingRun> {
    return this.#transport.json("GET", `/runs/${encodeURIComponent(runId)}`, { signal });
  }

  /** Polls `get` until the run ended. */
  async wait(runId: string, options: WaitOptions = {}): Promise<RunResult> {
    for (;;) {
      const run = await this.get(runId, options.signal);
      if (!isPending(run)) return run;
      await pause(options.intervalMs ?? 250, options.signal);
    }
  }

  /** The caller's runs, newest first, a page at a time. */
  list(options: ListRunsOptions = {}): Promise<RunList> {
    return this.#transport.json("GET", "/runs", {
      query: { limit: options.limit, cursor: options.cursor },
      signal: options.signal,
    });
  }
}

export function isPending(run: RunResult | PendingRun): run is PendingRun {
  return run.status === "queued" || run.status === "running";
}

export async function listLanguages(transport: HttpTransport, signal?: AbortSignal): Promise<LanguageInfo[]> {
  const answer = await transport.json<{ languages: LanguageInfo[] }>("GET", "/languages", { signal });
  return answer.languages;
}

/** The request body: the options named as the API names them, callbacks and signal left out. */
function runRequest(code: string, options: RunOptions): Record<string, unknown> {
  const { language, sessionId, version, timeoutMs, stdin, args, files, fresh } = options;
  return { code, language, sessionId, version, timeoutMs, stdin, args, files, fresh };
}

function pause(milliseconds: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", abort);
      resolve();
    }, milliseconds);
    const abort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener("abort", abort, { once: true });
  });
}
