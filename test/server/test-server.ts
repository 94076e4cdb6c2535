import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import { type ConfigInput, configSchema } from "../../src/config/config-schema.js";
import type { HealthReport } from "../../src/server/health-report.js";
import { createServer } from "../../src/server/create-server.js";
import type { SseStreamOptions } from "../../src/server/sse.js";
import { FakeRunService } from "../fixtures/fake-run-service.js";

/** A real server on 127.0.0.1 with an ephemeral port, backed by a FakeRunService. */
export interface TestServer {
  baseUrl: string;
  app: FastifyInstance;
  runService: FakeRunService;
  close(): Promise<void>;
}

export interface TestServerOptions {
  config?: ConfigInput;
  logger?: Logger | false;
  sse?: SseStreamOptions;
}

export const testHealth: HealthReport = {
  provider: "fake",
  isolation: {
    ok: true,
    probes: [{ name: "egress", ok: true, detail: "no route to 1.1.1.1" }],
    enforced: { memory: true, network: true },
  },
};

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const runService = new FakeRunService();
  const app = await createServer({
    runService,
    config: configSchema.parse(options.config ?? {}),
    logger: options.logger ?? false,
    version: "9.9.9-test",
    health: () => testHealth,
    ...(options.sse === undefined ? {} : { sse: options.sse }),
  });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === "string") throw new Error("server has no TCP address");
  const close = async (): Promise<void> => {
    const closing = app.close();
    // fetch (undici) may open a spare connection that never sends a request; Node's close()
    // would wait for it until headersTimeout, so tests cut every connection.
    app.server.closeAllConnections();
    await closing;
  };
  return { baseUrl: `http://127.0.0.1:${address.port}`, app, runService, close };
}

export function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

export interface ParsedSseEvent {
  event: string;
  data: string;
  id?: string;
}

/** Parses an SSE body as it arrives; yields each event (comments are skipped). */
export async function* readSseEvents(response: Response): AsyncGenerator<ParsedSseEvent> {
  if (response.body === null) throw new Error("response has no body");
  const decoder = new TextDecoder();
  let buffered = "";
  const reader = response.body.getReader() as ReadableStreamDefaultReader<Uint8Array>;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buffered += decoder.decode(value, { stream: true });
    let boundary = buffered.indexOf("\n\n");
    while (boundary !== -1) {
      const block = buffered.slice(0, boundary);
      buffered = buffered.slice(boundary + 2);
      boundary = buffered.indexOf("\n\n");
      const event: ParsedSseEvent = { event: "message", data: "" };
      const dataLines: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith(":")) continue;
        const colon = line.indexOf(":");
        const name = colon === -1 ? line : line.slice(0, colon);
        const value = colon === -1 ? "" : line.slice(colon + 1).replace(/^ /, "");
        if (name === "event") event.event = value;
        else if (name === "data") dataLines.push(value);
        else if (name === "id") event.id = value;
      }
      if (dataLines.length === 0) continue;
      event.data = dataLines.join("\n");
      yield event;
    }
  }
}
