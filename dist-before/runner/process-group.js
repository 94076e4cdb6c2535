export function killProcessGroup(child, signal = "SIGKILL") {
    if (child.pid === undefined)
        return;
    try {
        process.kill(-child.pid, signal);
    }
    catch {
        // The group is already gone.
    }
}
//# sourceMappingURL=process-group.js.map