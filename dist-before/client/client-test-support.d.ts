import { type IncomingMessage, type ServerResponse } from "node:http";
import type { SessionEventName, SessionEventPayloads } from "../protocol/index.js";
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
export declare function startScriptedServer(handler: ScriptedHandler): Promise<ScriptedServer>;
/** One session event as the progress stream frames it. */
export declare function sseFrame<Name extends SessionEventName>(seq: number, name: Name, data: SessionEventPayloads[Name]): string;
export declare function openStream(response: ServerResponse): void;
/** Sends the text, then cuts the TCP connection without ending the response. */
export declare function sendThenDrop(response: ServerResponse, text: string): void;
export declare function sendJson(response: ServerResponse, body: unknown, status?: number): void;
