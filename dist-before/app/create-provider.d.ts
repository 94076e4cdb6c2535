import type { Config } from "../config/config-schema.js";
import type { CreateProviderOptions, ProviderSetup } from "./provider-registration.js";
export type { CreateProviderOptions, ProviderSetup, ProviderStats, ServerProvider, } from "./provider-registration.js";
/**
 * Builds the configured sandbox provider (`sandbox.provider`, env HANGAR_PROVIDER)
 * from the registry; an unknown name is CONFIG_INVALID naming the field. Nothing
 * is started here: `provider.start()` checks the prerequisites (bwrap on this
 * host; for Docker the engine at DOCKER_HOST and the image, failing with
 * ENGINE_UNAVAILABLE or an error naming the image and `hangar image build`).
 */
export declare function createProvider(config: Config, options: CreateProviderOptions): ProviderSetup;
