import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { Config } from "../config/config-schema.js";
import { CodeRunService } from "../runs/code-run-service.js";
import { type IsolationReport } from "../sandbox/isolation-probes.js";
import type { SandboxLimits } from "../sandbox/sandbox-port.js";
import type { SandboxService } from "../managed-sandboxes/sandbox-service.js";
import { type Store } from "../store/create-store.js";
import { type AgentServices } from "./create-agent-services.js";
import { type ServerProvider } from "./create-provider.js";
/**
 * The composition root: the only place that knows every adapter. It turns
 * the parsed config into services, and owns their start and stop.
 */
export interface App {
    config: Config;
    logger: Logger;
    provider: ServerProvider;
    runService: CodeRunService;
    /** Managed, long-lived sandboxes (`/sandboxes`, `hangar sandbox`). */
    sandboxService: SandboxService;
    store: Store;
    /** Agent sessions (`POST /chat`, `hangar task`); resumed by `startAgents()`. */
    agents: AgentServices;
    isolation: IsolationReport;
    version: string;
    /** Resumes the agent sessions a previous run left active; call once the server can be reached. */
    startAgents(): Promise<number>;
    /** Builds the HTTP server (not listening). */
    createHttpServer(): Promise<FastifyInstance>;
    stop(): Promise<void>;
}
export interface CreateAppOptions {
    logger?: Logger;
    /** Skip the isolation probes (tests that probe separately); the server still refuses without them. */
    skipProbes?: boolean;
    /**
     * A one-off command (`hangar run`) beside whatever server may own the data
     * directory: it gets its own provider instance, and never reconciles, reaps or
     * recovers what the data directory's owner holds (managed sandboxes, agent sessions).
     */
    oneOff?: {
        instance: string;
    };
}
export declare function sandboxLimits(config: Config): SandboxLimits;
export declare function createApp(config: Config, options?: CreateAppOptions): Promise<App>;
