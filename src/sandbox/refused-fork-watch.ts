import type { CgroupCounters } from "./cgroups/cgroup-driver.js";

/** How often a running command's cgroup is asked for refused forks: two tiny kernel-file reads. */
const pollIntervalMs = 150;

/**
 * Ends a fork bomb when it hits the pids limit rather than at its timeout.
 * The limit alone holds the bomb at its ceiling, its processes and a core busy
 * until `timeoutMs` (up to a minute); a refused fork is the sign that nothing
 * useful is happening any more, so `onLimit` is called once the counter rises
 * above its value when the command started (`before`). Polled, not watched with
 * inotify: v1's pids.events sends no notification, and a timer only while a
 * command runs costs nothing at spawn. The timer is unref'd so a running
 * command never keeps the server alive. Returns the function that stops watching.
 */
export function watchRefusedForks(
  counters: () => Promise<CgroupCounters>,
  before: CgroupCounters,
  onLimit: () => void,
): () => void {
  let isReading = false;
  const timer = setInterval(() => {
    if (isReading) return;
    isReading = true;
    counters()
      .then((now) => {
        if (now.pidsRefused <= before.pidsRefused) return;
        clearInterval(timer);
        onLimit();
      })
      .catch(() => undefined)
      .finally(() => (isReading = false));
  }, pollIntervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
