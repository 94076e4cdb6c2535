import { constants as osConstants } from "node:os";
/**
 * Why a command ended, shared by every provider. Hitting a kernel limit
 * explains a crash or a hang better than the timeout that finally ended it: a
 * fork bomb that filled the pids limit and then ran out of time is a
 * `pids_limit`. A refused fork counts even when the program shrugged it off and
 * exited 0 (the classic `:(){ :|:& };:` backgrounds itself and its parent exits
 * at once). In a persistent sandbox the counters are the sandbox's: a background
 * process that hits a limit during a run is reported with that run.
 */
export function classifyExit(stopReason, before, after) {
    if (stopReason === "output_limit" || stopReason === "killed")
        return stopReason;
    if (after.oomKills > before.oomKills)
        return "memory_limit";
    if (after.pidsRefused > before.pidsRefused)
        return "pids_limit";
    return stopReason ?? "exited";
}
/** Shells (and bubblewrap) report a command killed by signal N as exit code 128 + N. */
export function signalFromExitCode(code) {
    if (code === null || code === undefined || code <= 128 || code > 128 + 64)
        return null;
    const entry = Object.entries(osConstants.signals).find(([, value]) => value === code - 128);
    return entry?.[0] ?? null;
}
//# sourceMappingURL=exit-classification.js.map