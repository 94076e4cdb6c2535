import type { Duplex } from "node:stream";
import type Docker from "dockerode";
type Sink = (chunk: Buffer) => void;
/**
 * The hijacked, multiplexed stream of one keeper (a container attach or an
 * exec): demultiplexed with dockerode's `demuxStream`, the keeper's greeting
 * taken off the front of stdout, and the output routed to whoever runs the
 * command once it is known.
 */
export declare class KeeperConnection {
    readonly stream: Duplex;
    /** Resolves when the stream has ended, closed or failed: the keeper can no longer be heard. */
    readonly ended: Promise<void>;
    private stdoutSink;
    private stderrSink;
    private pendingStdout;
    private pendingStderr;
    private greeting;
    private readonly greeted;
    private isEnded;
    constructor(docker: Docker, stream: Duplex);
    /** The keeper's pid inside the container, once it greeted. */
    ready(timeoutMs: number): Promise<number>;
    /** From now on output goes to these sinks (with whatever arrived after the greeting first). */
    route(stdout: Sink, stderr: Sink): void;
    get hasEnded(): boolean;
    close(): void;
    private onStdout;
    private onStderr;
    /** What the keeper said on stderr before it could start: usually why it could not. */
    private earlyErrors;
}
export {};
