import type {
  EnsureSandboxResponse,
  Sandbox,
  SandboxCounts,
  SandboxFileList,
  SandboxPage,
  WrittenFile,
} from "../../protocol/index.js";
import type { HttpTransport } from "../http-transport.js";

/** Managed sandboxes: one per owner, user and project, with a workspace that lasts. */
export interface EnsureSandboxOptions {
  userId: string;
  projectId: string;
  /** Docker: the image to run; the provider's default when absent. */
  image?: string;
  signal?: AbortSignal;
}

export interface ListSandboxesOptions {
  /** 1-1000, 100 by default. */
  limit?: number;
  /** The `next_cursor` of the previous page. */
  cursor?: string;
  signal?: AbortSignal;
}

export class SandboxesApi {
  readonly files: SandboxFilesApi;
  readonly #transport: HttpTransport;

  constructor(transport: HttpTransport) {
    this.#transport = transport;
    this.files = new SandboxFilesApi(transport);
  }

  /** Gets the live sandbox of the user and project, creating it if needed (`created` says which). */
  ensure(options: EnsureSandboxOptions): Promise<EnsureSandboxResponse> {
    const { userId, projectId, image, signal } = options;
    return this.#transport.json("POST", "/sandboxes/ensure", {
      json: { user_id: userId, project_id: projectId, image },
      signal,
    });
  }

  list(options: ListSandboxesOptions = {}): Promise<SandboxPage> {
    return this.#transport.json("GET", "/sandboxes", {
      query: { limit: options.limit, cursor: options.cursor },
      signal: options.signal,
    });
  }

  count(signal?: AbortSignal): Promise<SandboxCounts> {
    return this.#transport.json("GET", "/sandboxes/count", { signal });
  }

  get(id: string, signal?: AbortSignal): Promise<Sandbox> {
    return this.#transport.json("GET", sandboxPath(id), { signal });
  }

  /** Removes the sandbox and its files. */
  async delete(id: string, signal?: AbortSignal): Promise<void> {
    await this.#transport.request("DELETE", sandboxPath(id), { signal });
  }
}

/** Files in a sandbox's workspace; paths are relative to it. */
export class SandboxFilesApi {
  readonly #transport: HttpTransport;

  constructor(transport: HttpTransport) {
    this.#transport = transport;
  }

  /** The file as UTF-8 text. */
  async read(id: string, path: string, signal?: AbortSignal): Promise<string> {
    return new TextDecoder().decode(await this.readBytes(id, path, signal));
  }

  async readBytes(id: string, path: string, signal?: AbortSignal): Promise<Uint8Array> {
    const response = await this.#transport.request("GET", `${sandboxPath(id)}/files/content`, {
      query: { path },
      accept: "application/octet-stream",
      signal,
    });
    return new Uint8Array(await response.arrayBuffer());
  }

  /** Writes the file (text as UTF-8), creating missing directories. */
  write(id: string, path: string, content: string | Uint8Array, signal?: AbortSignal): Promise<WrittenFile> {
    return this.#transport.json("PUT", `${sandboxPath(id)}/files/content`, {
      query: { path },
      bytes: content,
      signal,
    });
  }

  /** The entries under a directory (the workspace when `path` is absent), 16 levels deep at most. */
  list(id: string, path?: string, signal?: AbortSignal): Promise<SandboxFileList> {
    return this.#transport.json("GET", `${sandboxPath(id)}/files`, { query: { path }, signal });
  }
}

function sandboxPath(id: string): string {
  return `/sandboxes/${encodeURIComponent(id)}`;
}
