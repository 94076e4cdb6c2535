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
export declare const keeperScript: string;
export type KeeperMode = "single" | "exec";
export declare function keeperCommand(mode: KeeperMode): string[];
/** What the host writes to the keeper's stdin before the command's own input. */
export declare function keeperHeader(script: Buffer, nonce: string): Buffer;
/**
 * Reads the keeper's greeting from the start of stdout. Returns the keeper's
 * pid inside the container and whatever followed it, `undefined` while more
 * bytes are needed; throws when stdout does not start with a greeting.
 */
export declare function parseReady(data: Buffer): {
    pid: number;
    rest: Buffer;
} | undefined;
/**
 * Finds the keeper's exit trailer in one output stream and passes every other
 * byte through unchanged. A tail that could be the start of the trailer is
 * held back until the next chunk says whether it is.
 */
export declare class TrailerScanner {
    private readonly marker;
    private held;
    /** Set once the trailer was seen: what followed the marker (`""`, or `:<status>` on stderr). */
    found: string | undefined;
    constructor(nonce: string);
    /** Returns the bytes that are output; after the trailer there are none. */
    push(chunk: Buffer): Buffer;
    /** The stream ended: anything held back was output after all. */
    flush(): Buffer;
    /** The exit status carried by a stderr trailer. */
    get status(): number | undefined;
    /** Where a suffix of `data` that is a proper prefix of the marker starts (data.length when none). */
    private partialMarkerAt;
}
