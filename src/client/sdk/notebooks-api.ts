import type { NotebookInfo, RunResult } from "../../protocol/index.js";
import { HangarClientError } from "../hangar-client-error.js";
import type { HttpTransport } from "../http-transport.js";
import { runCode, type RunCodeOptions } from "./runs-api.js";

/**
 * Notebook sessions: runs that share a `sessionId` share one sandbox and, for
 * python and javascript/typescript, one live interpreter, so variables and
 * imports persist. The server opens a session on its first run, so `create`
 * only chooses the id; `close` ends it and destroys its sandbox.
 */
export interface NotebookOptions {
  /** The language `run` uses when it is not told another; python by default. */
  language?: string;
  /** The session id; a fresh `nb-<uuid>` by default. */
  id?: string;
}

export type NotebookRunOptions = Omit<RunCodeOptions, "language" | "sessionId"> & { language?: string };

export class Notebook {
  readonly id: string;
  readonly language: string;
  readonly #transport: HttpTransport;

  constructor(transport: HttpTransport, options: NotebookOptions = {}) {
    this.#transport = transport;
    this.id = options.id ?? `nb-${globalThis.crypto.randomUUID()}`;
    this.language = options.language ?? "python";
  }

  /** Runs a cell; `result` is the last expression's value. */
  run(code: string, options: NotebookRunOptions = {}): Promise<RunResult> {
    return runCode(this.#transport, code, {
      ...options,
      language: options.language ?? this.language,
      sessionId: this.id,
    });
  }

  /** Ends the session and destroys its sandbox; true when there was one. */
  close(signal?: AbortSignal): Promise<boolean> {
    return deleteNotebook(this.#transport, this.id, signal);
  }
}

export class NotebooksApi {
  readonly #transport: HttpTransport;

  constructor(transport: HttpTransport) {
    this.#transport = transport;
  }

  create(options: NotebookOptions = {}): Notebook {
    return new Notebook(this.#transport, options);
  }

  /** The caller's live sessions. */
  async list(signal?: AbortSignal): Promise<NotebookInfo[]> {
    const answer = await this.#transport.json<{ sessions: NotebookInfo[] }>("GET", "/run/sessions", {
      signal,
    });
    return answer.sessions;
  }

  /** Ends a session by id; false when the caller has no such session. */
  delete(id: string, signal?: AbortSignal): Promise<boolean> {
    return deleteNotebook(this.#transport, id, signal);
  }
}

async function deleteNotebook(transport: HttpTransport, id: string, signal?: AbortSignal): Promise<boolean> {
  try {
    await transport.request("DELETE", `/run/sessions/${encodeURIComponent(id)}`, { signal });
    return true;
  } catch (error) {
    if (error instanceof HangarClientError && error.code === "SESSION_NOT_FOUND") return false;
    throw error;
  }
}
