// Agents and terminal commands are spawned detached, each the leader of its own
// process group, so one signal reaches everything they started.
import type { ChildProcess } from "node:child_process";

export function killProcessGroup(child: ChildProcess, signal: NodeJS.Signals = "SIGKILL"): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}
