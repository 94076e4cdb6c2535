import type { Cgroup, CgroupDriver, CgroupEnforcement, CgroupLimits } from "./cgroup-driver.js";
import { type CgroupVersion } from "./host-cgroup.js";
export interface HostCgroupDriverInput {
    version: CgroupVersion;
    /** This instance's directory in each v1 hierarchy (keyed by controller), or its one v2 directory (""). */
    bases: Map<string, string>;
    enforcement: CgroupEnforcement;
    notes: string[];
    /** Writes a new group's limits into its directories, keyed like `bases`. */
    writeLimits(paths: Map<string, string>, limits: CgroupLimits): Promise<void>;
}
/**
 * Sandbox groups as directories under this instance's base(s). What differs
 * between cgroup v1 and v2 (how the bases are found, how limits are spelled)
 * comes in from `cgroup-v1.ts` and `cgroup-v2.ts`.
 */
export declare class HostCgroupDriver implements CgroupDriver {
    private readonly input;
    readonly version: CgroupVersion;
    readonly enforcement: CgroupEnforcement;
    readonly notes: string[];
    constructor(input: HostCgroupDriverInput);
    create(name: string, limits: CgroupLimits): Promise<Cgroup>;
    reapAll(keep?: ReadonlySet<string>): Promise<number>;
    close(): Promise<void>;
    private pathsOf;
}
