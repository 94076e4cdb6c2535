import { readFile } from "node:fs/promises";
/** How often a running command's cgroup is asked for refused forks: two tiny kernel-file reads. */
const pollIntervalMs = 150;
/**
 * A command holding at least this share of its sandbox's pids limit when
 * forks are refused is taken for the bomb. An idle notebook kernel or a quiet
 * command beside it holds a few tasks and is left alone; two commands bombing
 * at once both qualify. A share of the limit, not of the tasks alive: once the
 * bomb is killed, the kernel beside it holds most of what is left.
 */
const culpritShare = 0.25;
/**
 * Ends a fork bomb when it hits the pids limit rather than at its timeout.
 * The limit alone holds the bomb at its ceiling, its processes and a core busy
 * until `timeoutMs` (up to a minute); a refused fork is the sign that nothing
 * useful is happening any more, so `onLimit` is called once the counter rises
 * above its value at spawn. Polled, not watched with inotify: v1's
 * pids.events sends no notification, and a timer only while a command runs
 * costs nothing at spawn. The timer is unref'd so a running command never
 * keeps the server alive. Returns the function that stops watching.
 */
export function watchRefusedForks(watch) {
    let baseline = watch.before.pidsRefused;
    let isReading = false;
    const check = async () => {
        const refused = (await watch.counters()).pidsRefused;
        if (refused <= baseline)
            return;
        if (watch.isCulprit && !(await watch.isCulprit())) {
            // Another command filled the sandbox; look again only when forks are refused anew.
            baseline = refused;
            return;
        }
        clearInterval(timer);
        watch.onLimit();
    };
    const timer = setInterval(() => {
        if (isReading)
            return;
        isReading = true;
        check()
            .catch(() => undefined)
            .finally(() => (isReading = false));
    }, pollIntervalMs);
    timer.unref();
    return () => clearInterval(timer);
}
/** Whether `own` tasks are enough of the sandbox's `limit` for their command to be taken for the bomb. */
export function holdsCulpritShare(own, limit) {
    return own >= limit * culpritShare;
}
/**
 * Processes plus threads of the process tree under `root` among `pids` (read
 * from /proc). Only asked when the limit was hit, so a hundred small reads are fine.
 */
export async function treeTasks(pids, root) {
    const tasks = new Map();
    await Promise.all(pids.map(async (pid) => {
        const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
        const parent = Number(/^PPid:\s+(\d+)$/m.exec(status)?.[1] ?? 0);
        const threads = Number(/^Threads:\s+(\d+)$/m.exec(status)?.[1] ?? 0);
        tasks.set(pid, { parent, threads });
    }));
    let own = 0;
    for (const [pid, task] of tasks) {
        // Orphans are reparented to the sandbox's pid 1, so every process of a command stays under its root.
        let current = pid;
        for (let depth = 0; current !== undefined && depth < 4096; depth++) {
            if (current === root) {
                own += task.threads;
                break;
            }
            current = tasks.get(current)?.parent;
        }
    }
    return own;
}
//# sourceMappingURL=refused-fork-watch.js.map