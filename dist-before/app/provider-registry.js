import { HangarError } from "../core/errors.js";
import { bwrapRegistration } from "./bwrap-registration.js";
import { dockerRegistration } from "./docker-registration.js";
/** The providers `sandbox.provider` may name, looked up by name. */
export class ProviderRegistry {
    byName = new Map();
    constructor(registrations) {
        for (const registration of registrations) {
            if (this.byName.has(registration.name))
                throw new Error(`sandbox provider ${registration.name} is registered twice`);
            this.byName.set(registration.name, registration);
        }
    }
    get names() {
        return [...this.byName.keys()];
    }
    get registrations() {
        return [...this.byName.values()];
    }
    /** The registration of `name`; an unknown one is a config error naming `sandbox.provider` and the choices. */
    find(name) {
        const registration = this.byName.get(name);
        if (registration)
            return registration;
        throw new HangarError("CONFIG_INVALID", `unknown sandbox provider "${name}": sandbox.provider must be one of: ${this.names.join(", ")}`, { field: "sandbox.provider", details: { available: this.names } });
    }
}
/** Every provider Hangar ships; a new one is one file and one line here. */
export const providerRegistry = new ProviderRegistry([bwrapRegistration, dockerRegistration]);
//# sourceMappingURL=provider-registry.js.map