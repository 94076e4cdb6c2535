import type { ProviderUpstream } from "../llm/model-registry.js";
import type { ObserveModelRequest } from "../core/model-request-observation.js";
import type { SessionEventPayloads } from "../protocol/session-events.js";
import { type WireFormat } from "./wire-formats.js";
/**
 * The model relay: the control plane's end of an external agent's model calls.
 * Inside a sandbox the agent's base URL is the agent runner on the sandbox's
 * loopback, which pipes each connection to `<channel>/relay.sock`; the relay
 * listens there, checks the session's relay token (it must have been granted for
 * the sandbox whose socket it arrived on), the model and the token budget, puts
 * the real key in place of the token and streams the request to the provider's
 * upstream and the answer back, chunk by chunk. The real key lives only here:
 * never in an answer, an event or the sandbox.
 */
/** Where a grant's requests go: the wire format the provider speaks, its API root and key. */
export interface RelayProvider {
    /** The provider's name in `[llm]`, for metrics. */
    name?: string;
    format: WireFormat;
    baseUrl: string;
    apiKey?: string;
}
/** The relay's view of a configured provider (`ModelRegistry.upstream`). */
export declare function relayProviderOf(upstream: ProviderUpstream): RelayProvider;
export interface RelayEvent {
    name: "error";
    data: SessionEventPayloads["error"];
}
export interface RelayGrantOptions {
    sessionId: string;
    /** The sandbox whose relay socket the token is accepted on, and no other. */
    sandboxId: string;
    /** Model ids as the upstream names them (`gpt-4.1`, not `openai:gpt-4.1`). */
    allowedModels: readonly string[];
    provider: RelayProvider;
    /** Tokens the session may still spend; at zero or below a request is answered 429. */
    remainingTokens: () => number;
    /** The usage an answer reported, once it has been passed on (or the agent went away). */
    onUsage: (inputTokens: number, outputTokens: number) => void;
    onEvent: (event: RelayEvent) => void;
}
export interface RelayGrant {
    /** What the sandbox holds (as its model API key). Not kept by the relay. */
    token: string;
    /** What the relay keeps, and a store may persist, to `restoreGrant` after a restart. */
    tokenHash: string;
    revoke(): void;
}
export interface ModelRelayOptions {
    /** Largest request body forwarded; default 32 MiB. */
    maxRequestBytes?: number;
    /** Largest answer passed on; default 256 MiB (long streamed answers are far smaller). */
    maxResponseBytes?: number;
    /** Told of every request forwarded upstream, once its answer has ended (metrics). */
    onModelRequest?: ObserveModelRequest;
}
export declare class ModelRelay {
    #private;
    constructor(options?: ModelRelayOptions);
    /** A new token for a session; the relay keeps only its hash. */
    grant(options: RelayGrantOptions): RelayGrant;
    /** Accepts again a token granted before a restart, known by its stored hash. */
    restoreGrant(tokenHash: string, options: RelayGrantOptions): Omit<RelayGrant, "token">;
    /** Serves the relay socket of one sandbox (a stale socket file left by a crash is replaced). */
    listen(socketPath: string, sandboxId: string): Promise<void>;
    /** Stops serving a socket: open requests (and their upstream requests) are cut. */
    close(socketPath: string): Promise<void>;
    closeAll(): Promise<void>;
}
