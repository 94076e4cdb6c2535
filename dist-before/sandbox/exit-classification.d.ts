import type { CgroupCounters } from "./cgroups/cgroup-driver.js";
import type { ExitReason } from "./sandbox-port.js";
/**
 * Why a command ended, shared by every provider. Hitting a kernel limit
 * explains a crash or a hang better than the timeout that finally ended it: a
 * fork bomb that filled the pids limit and then ran out of time is a
 * `pids_limit`. A refused fork counts even when the program shrugged it off and
 * exited 0 (the classic `:(){ :|:& };:` backgrounds itself and its parent exits
 * at once). In a persistent sandbox the counters are the sandbox's: a background
 * process that hits a limit during a run is reported with that run.
 */
export declare function classifyExit(stopReason: ExitReason | undefined, before: CgroupCounters, after: CgroupCounters): ExitReason;
/** Shells (and bubblewrap) report a command killed by signal N as exit code 128 + N. */
export declare function signalFromExitCode(code: number | null | undefined): NodeJS.Signals | null;
