import type { CgroupDriver } from "./cgroup-driver.js";
/**
 * cgroup v2: one tree. A group with processes may not also delegate
 * controllers to children ("no internal processes"), so when our own group
 * holds processes we move this server into a `server` leaf first.
 */
export declare function openCgroupV2(root: string, ownPath: string, instance: string): Promise<CgroupDriver | undefined>;
