/**
 * The keeper: a tiny POSIX shell program that runs every command in a Docker
 * sandbox, as the container's main process (single-use) or as a `docker exec`
 * (persistent). Pure text and parsers, no I/O.
 *
 * Why it exists: the Engine API only says a process ended when every holder
 * of its stdout has closed (and for an exec up to 2 s later), and a container's
 * init keeps the attach stream open for ever. So the keeper says it itself:
 *
 * 1. It prints `\x1ehangar-ready:<pid>\n` on stdout: its pid inside the
 *    container, from which the host finds its host pid (to put it into a
 *    cgroup before it starts anything, and to spare it when killing).
 * 2. It reads `<bytes> <nonce>\n` and then exactly that many bytes of launch
 *    script from stdin (`head -c` never reads past them, so the rest of stdin
 *    is the command's), and runs the script in a subshell that `exec`s the command.
 * 3. When the command ends, a single-use keeper kills every other process in
 *    the container (`kill -1` spares pid 1 and the caller) and waits until
 *    they are gone. Either keeper then writes an exit trailer to stdout and to
 *    stderr. Each pipe is ordered, so a trailer on both means all output before
 *    it has arrived; the status rides on the stderr one.
 * 4. A single-use keeper then idles without stdio, keeping the container (and
 *    so its cgroup counters) alive until the sandbox is destroyed.
 *
 * The nonce arrives on stdin, never in argv or the environment, so a command
 * cannot end its own output early by printing a trailer (it could at most
 * read its parent's memory and misreport its own exit).
 */
export const keeperScript = [
    `printf '\\036hangar-ready:%s\\n' "$$"`,
    `IFS=' ' read -r size nonce || exit 125`,
    `script=$(head -c "$size") || exit 125`,
    `( eval "$script" )`,
    `status=$?`,
    `if [ "$1" = single ]; then`,
    `  kill -KILL -1 2>/dev/null`,
    `  while kill -0 -1 2>/dev/null; do :; done`,
    `fi`,
    `printf '\\036hangar-exit:%s\\n' "$nonce"`,
    `printf '\\036hangar-exit:%s:%s\\n' "$nonce" "$status" >&2`,
    `[ "$1" = single ] && exec /bin/sleep 2147483647 </dev/null >/dev/null 2>&1`,
    `exit "$status"`,
].join("\n");
export function keeperCommand(mode) {
    return ["/bin/sh", "-c", keeperScript, "hangar-keeper", mode];
}
/** What the host writes to the keeper's stdin before the command's own input. */
export function keeperHeader(script, nonce) {
    return Buffer.concat([Buffer.from(`${script.length} ${nonce}\n`), script]);
}
const readyPrefix = "\x1ehangar-ready:";
const readyPattern = new RegExp(`^${readyPrefix}(\\d+)\n`);
const readyMaxBytes = 32;
/**
 * Reads the keeper's greeting from the start of stdout. Returns the keeper's
 * pid inside the container and whatever followed it, `undefined` while more
 * bytes are needed; throws when stdout does not start with a greeting.
 */
export function parseReady(data) {
    const match = readyPattern.exec(data.subarray(0, readyMaxBytes).toString("latin1"));
    if (match)
        return { pid: Number(match[1]), rest: data.subarray(match[0].length) };
    const head = data.subarray(0, readyMaxBytes).toString("latin1");
    const couldStillMatch = data.length < readyMaxBytes &&
        (readyPrefix.startsWith(head) ||
            (head.startsWith(readyPrefix) && /^\d*$/.test(head.slice(readyPrefix.length))));
    if (couldStillMatch)
        return undefined;
    throw new Error(`the sandbox's keeper did not start (it printed ${JSON.stringify(head)})`);
}
/**
 * Finds the keeper's exit trailer in one output stream and passes every other
 * byte through unchanged. A tail that could be the start of the trailer is
 * held back until the next chunk says whether it is.
 */
export class TrailerScanner {
    marker;
    held = Buffer.alloc(0);
    /** Set once the trailer was seen: what followed the marker (`""`, or `:<status>` on stderr). */
    found;
    constructor(nonce) {
        this.marker = Buffer.from(`\x1ehangar-exit:${nonce}`);
    }
    /** Returns the bytes that are output; after the trailer there are none. */
    push(chunk) {
        if (this.found !== undefined)
            return Buffer.alloc(0);
        const data = this.held.length === 0 ? chunk : Buffer.concat([this.held, chunk]);
        this.held = Buffer.alloc(0);
        for (let start = data.indexOf(this.marker); start !== -1; start = data.indexOf(this.marker, start + 1)) {
            const afterMarker = start + this.marker.length;
            const newline = data.indexOf(0x0a, afterMarker);
            const tail = data.subarray(afterMarker, newline === -1 ? data.length : newline).toString("latin1");
            if (newline === -1) {
                if (!/^(:\d{0,5})?$/.test(tail))
                    continue;
                this.held = Buffer.from(data.subarray(start));
                return data.subarray(0, start);
            }
            if (!/^(:\d{1,5})?$/.test(tail))
                continue;
            this.found = tail;
            // Output after the trailer comes from processes being killed because the command ended.
            return data.subarray(0, start);
        }
        const keep = this.partialMarkerAt(data);
        this.held = Buffer.from(data.subarray(keep));
        return data.subarray(0, keep);
    }
    /** The stream ended: anything held back was output after all. */
    flush() {
        const rest = this.held;
        this.held = Buffer.alloc(0);
        return rest;
    }
    /** The exit status carried by a stderr trailer. */
    get status() {
        const match = /^:(\d+)$/.exec(this.found ?? "");
        return match ? Number(match[1]) : undefined;
    }
    /** Where a suffix of `data` that is a proper prefix of the marker starts (data.length when none). */
    partialMarkerAt(data) {
        const first = Math.max(0, data.length - this.marker.length + 1);
        for (let start = data.indexOf(0x1e, first); start !== -1; start = data.indexOf(0x1e, start + 1)) {
            const suffix = data.subarray(start);
            if (this.marker.subarray(0, suffix.length).equals(suffix))
                return start;
        }
        return data.length;
    }
}
//# sourceMappingURL=keeper-protocol.js.map