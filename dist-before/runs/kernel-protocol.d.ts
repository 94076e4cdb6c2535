/**
 * The wire format between KernelClient and the kernels in `kernels/` (python-kernel.py,
 * javascript-kernel.cjs), which must agree with it byte for byte.
 *
 * Host → kernel, on stdin, one JSON object per line: first a `KernelHello` carrying the
 * framing nonce, then `KernelRequest`s, one at a time.
 *
 * Kernel → host: stdout and stderr are the user's output at the fd level. A frame is
 * `\x1eHANGAR:<nonce>:<json>\n` and may start anywhere (user output need not end with a
 * newline). Every other byte is user output. Only the kernel knows the nonce, so user
 * code cannot forge a frame without first digging it out of the kernel's memory, which
 * would only confuse its own session. After each request the kernel writes `end` to
 * stderr, then `done` to stdout; the request is complete once both arrived.
 *
 * While a request runs, the host may send a `KernelInterrupt` for it (its timeout ran out):
 * the kernel stops the cell as Ctrl-C would and answers `done` as usual, its state kept.
 * Rich results come as `display` frames on stdout before the request's `done`.
 */
export interface KernelHello {
    type: "hello";
    nonce: string;
}
export interface KernelRequest {
    id: string;
    code: string;
    stdin: string;
}
/** Stop the request `id` if it still runs (SIGINT inside the kernel); ignored otherwise. */
export interface KernelInterrupt {
    type: "interrupt";
    id: string;
}
/** A rich result of request `id` (a MIME bundle, checked by the host: see rich-results.ts). */
export interface KernelDisplay {
    type: "display";
    id: string;
    bundle: unknown;
    /** The value of the cell's last expression. */
    main: boolean;
}
export interface KernelErrorInfo {
    name: string;
    message: string;
    /** Formatted like the language prints it, without the kernel's own frames. */
    traceback: string;
}
export interface KernelDone {
    type: "done";
    id: string;
    ok: boolean;
    exitCode: number;
    /** repr / util.inspect of the last expression, capped at `resultLimit` characters. */
    result?: string;
    error?: KernelErrorInfo;
    /** Display results the kernel did not send for being past the run's bounds. */
    displaysDropped?: number;
}
export type KernelMessage = {
    type: "ready";
    language: string;
    version: string;
} | KernelDone | KernelDisplay | {
    type: "end";
    id: string;
} | {
    type: "protocol_error";
    message: string;
};
/** Kernels cap `result`, `error.message` and `error.traceback` at this many characters. */
export declare const resultLimit = 65536;
/** Frames larger than this are not from a healthy kernel; they are dropped. */
export declare const maxFrameBytes: number;
/** 128 random bits, base64url: short, and safe inside the frame marker. */
export declare function newNonce(): string;
export declare function isValidNonce(nonce: string): boolean;
export declare function frameMarker(nonce: string): Buffer;
/** One protocol line; JSON.stringify escapes newlines, so the line cannot break early. */
export declare function encodeLine(message: KernelHello | KernelRequest | KernelInterrupt): string;
/** Parses and checks a frame's JSON; anything malformed is `undefined`. */
export declare function parseKernelMessage(payload: string): KernelMessage | undefined;
export type StreamPiece = {
    type: "output";
    bytes: Buffer;
} | {
    type: "frame";
    payload: string;
};
/**
 * Splits one output stream into user bytes and frames. Chunks may cut anywhere, even
 * inside the marker or a multi-byte character: a tail that could be the start of a
 * marker is held back until the next chunk decides. User bytes come out in order and
 * undecoded; the caller decodes them.
 */
export declare class KernelStreamParser {
    #private;
    constructor(nonce: string, options?: {
        maxFrameBytes?: number;
    });
    /** Frames that exceeded the size limit and were discarded. */
    get droppedFrames(): number;
    push(chunk: Buffer): StreamPiece[];
    /** The stream ended: whatever was held back is user output; an unfinished frame is lost. */
    end(): StreamPiece[];
}
