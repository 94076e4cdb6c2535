/**
 * The wire contract of Hangar's HTTP API as zod schemas: the server validates
 * and documents with them, `client/` and every front end use the inferred
 * types. It imports only zod and `core/`.
 */
export * from "./agent-requests.js";
export * from "./api-error.js";
export * from "./identifiers.js";
export * from "./run-messages.js";
export * from "./session-events.js";
export * from "./session-view.js";
export * from "./sandbox-messages.js";
export * from "./bridge-status.js";
export * from "./credential-messages.js";
