import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { SessionService } from "../../sessions/session-service.js";
import { type SseStreamOptions } from "../sse.js";
/**
 * Agent sessions on the RCoder paths: `POST /chat`, the resumable SSE stream
 * `GET /agent/progress/{session_id}`, cancel, stop, status, and JSON views of
 * sessions, their event log and their pending interactions. Every shape is
 * the wire protocol's (`protocol/`).
 */
export interface AgentRoutesOptions {
    sessionService: SessionService;
    sse: SseStreamOptions;
}
export declare const agentRoutes: FastifyPluginAsyncZod<AgentRoutesOptions>;
