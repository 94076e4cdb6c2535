import { HangarClient } from "../hangar-client.js";
import { HttpTransport } from "../http-transport.js";
import { AgentApi } from "./agent-api.js";
import { NotebooksApi } from "./notebooks-api.js";
import { RunsApi, listLanguages, runCode } from "./runs-api.js";
import { SandboxesApi } from "./sandboxes-api.js";
/**
 * Hangar's TypeScript SDK (`import { Hangar } from "hangar/client"`): code
 * runs, notebook sessions, asynchronous runs, managed sandboxes and their
 * files, and agent sessions, over one HTTP transport. Every failure is a
 * `HangarClientError` with the server's `status`, `code` and `field`.
 */
export class Hangar {
    runs;
    notebooks;
    sandboxes;
    agent;
    #transport;
    constructor(options) {
        this.#transport = new HttpTransport({
            baseUrl: options.url,
            apiKey: options.apiKey,
            ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
        });
        this.runs = new RunsApi(this.#transport);
        this.notebooks = new NotebooksApi(this.#transport);
        this.sandboxes = new SandboxesApi(this.#transport);
        const client = new HangarClient({
            transport: this.#transport,
            ...(options.reconnect === undefined ? {} : { reconnect: options.reconnect }),
        });
        this.agent = new AgentApi(client);
    }
    /**
     * Runs code and answers with its result. With `onStdout`, `onStderr`, `onResult`
     * or `onStart` the output arrives as it is printed (`/run` as an event stream).
     */
    runCode(code, options) {
        return runCode(this.#transport, code, options);
    }
    /** The languages this server runs, with their versions. */
    languages(signal) {
        return listLanguages(this.#transport, signal);
    }
}
//# sourceMappingURL=hangar.js.map