import type { CgroupDriver } from "./cgroup-driver.js";
/** cgroup v1: one hierarchy per controller, each with its own directory for a group. */
export declare function openCgroupV1(mountRoot: string, ownGroups: Map<string, string>, instance: string): Promise<CgroupDriver | undefined>;
