import type { FastifyInstance } from "fastify";
import type { Config } from "../config/config-schema.js";
import { type App, type CreateAppOptions } from "./create-app.js";
/** A Hangar server that owns its data directory and listens; what `serve` and in-process `task` share. */
export interface RunningServer {
    app: App;
    http: FastifyInstance;
    /** `http://host:port`, with the port actually bound (config port 0 picks a free one). */
    url: string;
    /** Stops listening (cutting idle keep-alive connections after `graceMs`), stops the app, releases the lock. */
    stop(graceMs?: number): Promise<void>;
}
export interface StartServerOptions extends Pick<CreateAppOptions, "logger" | "skipProbes"> {
    /** When another server holds the data directory: what the user can do instead, and the flag to name. */
    whenTaken?: {
        alternative: string;
        field: string;
    };
}
/**
 * The one start-up order of a server: refuse an unsafe binding before spending
 * seconds on probes; claim the data directory (start-up reconciles and reaps
 * what is there, so only its owner may); build the app; listen; and only then
 * resume the agent sessions a previous run left active, so watchers can connect.
 */
export declare function startServer(config: Config, options?: StartServerOptions): Promise<RunningServer>;
