import type { ProviderRegistration } from "./provider-registration.js";
/** The providers `sandbox.provider` may name, looked up by name. */
export declare class ProviderRegistry {
    private readonly byName;
    constructor(registrations: readonly ProviderRegistration[]);
    get names(): string[];
    get registrations(): ProviderRegistration[];
    /** The registration of `name`; an unknown one is a config error naming `sandbox.provider` and the choices. */
    find(name: string): ProviderRegistration;
}
/** Every provider Hangar ships; a new one is one file and one line here. */
export declare const providerRegistry: ProviderRegistry;
