import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { SessionEvent, SessionEventName, SessionEventPayloads } from "../protocol/index.js";

/**
 * A tiny local HTTP server that plays the API's part for client tests: each
 * test scripts what every request gets, including streams cut in the middle.
 */
export type ScriptedHandler = (request: IncomingMessage, response: ServerResponse, index: number) => void;

export interface ScriptedServer {
  url: string;
  requests: IncomingMessage[];
  close(): Promise<void>;
}

export async function startScriptedServer(handler: ScriptedHandler): Promise<ScriptedServer> {
  const requests: IncomingMessage[] = [];
  const server: Server = createServer((request, response) => {
    requests.push(request);
    handler(request, response, requests.length - 1);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** One session event as the progress stream frames it. */
export function sseFrame<Name extends SessionEventName>(
  seq: number,
  name: Name,
  data: SessionEventPayloads[Name],
): string {
  const event: SessionEvent<Name> = {
    session_id: "ses_1",
    seq,
    name,
    data,
    created_at: new Date(0).toISOString(),
  };
  return `id: ${seq}\nevent: ${name}\ndata: ${JSON.stringify(event)}\n\n`;
}

export function openStream(response: ServerResponse): void {
  response.writeHead(200, { "content-type": "text/event-stream" });
  response.write(": connected\n\n");
}

/** Sends the text, then cuts the TCP connection without ending the response. */
export function sendThenDrop(response: ServerResponse, text: string): void {
  response.write(text, () => setTimeout(() => response.socket?.destroy(), 20));
}

export function sendJson(response: ServerResponse, body: unknown, status = 200): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}
