import { type CgroupDriver } from "./cgroup-driver.js";
export interface CgroupDriverOptions {
    /** Separates Hangar instances that share a machine (derived from the data directory). */
    instance: string;
    mountRoot?: string;
}
/** Picks v2 when the unified hierarchy has the controllers we need, else v1, else none. */
export declare function detectCgroupDriver(options: CgroupDriverOptions): Promise<CgroupDriver | undefined>;
