import { randomBytes } from "node:crypto";
/** Kernels cap `result`, `error.message` and `error.traceback` at this many characters. */
export const resultLimit = 65_536;
/** Frames larger than this are not from a healthy kernel; they are dropped. */
export const maxFrameBytes = 16 * 1024 * 1024;
const noncePattern = /^[A-Za-z0-9_-]{22,128}$/;
/** 128 random bits, base64url: short, and safe inside the frame marker. */
export function newNonce() {
    return randomBytes(16).toString("base64url");
}
export function isValidNonce(nonce) {
    return noncePattern.test(nonce);
}
export function frameMarker(nonce) {
    return Buffer.from(`\x1eHANGAR:${nonce}:`, "ascii");
}
/** One protocol line; JSON.stringify escapes newlines, so the line cannot break early. */
export function encodeLine(message) {
    return `${JSON.stringify(message)}\n`;
}
function isRecord(value) {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
function parseErrorInfo(value) {
    if (!isRecord(value))
        return undefined;
    const { name, message, traceback } = value;
    if (typeof name !== "string" || typeof message !== "string" || typeof traceback !== "string")
        return undefined;
    return { name, message, traceback };
}
/** Parses and checks a frame's JSON; anything malformed is `undefined`. */
export function parseKernelMessage(payload) {
    let value;
    try {
        value = JSON.parse(payload);
    }
    catch {
        return undefined;
    }
    if (!isRecord(value))
        return undefined;
    switch (value.type) {
        case "ready":
            return typeof value.language === "string" && typeof value.version === "string"
                ? { type: "ready", language: value.language, version: value.version }
                : undefined;
        case "end":
            return typeof value.id === "string" ? { type: "end", id: value.id } : undefined;
        case "protocol_error":
            return typeof value.message === "string"
                ? { type: "protocol_error", message: value.message }
                : undefined;
        case "display":
            return typeof value.id === "string"
                ? { type: "display", id: value.id, bundle: value.bundle, main: value.main === true }
                : undefined;
        case "done": {
            const { id, ok, exitCode, result, error, displaysDropped } = value;
            if (typeof id !== "string" || typeof ok !== "boolean" || typeof exitCode !== "number")
                return undefined;
            const done = { type: "done", id, ok, exitCode };
            if (typeof result === "string")
                done.result = result;
            const errorInfo = parseErrorInfo(error);
            if (errorInfo)
                done.error = errorInfo;
            if (typeof displaysDropped === "number" && Number.isInteger(displaysDropped) && displaysDropped > 0)
                done.displaysDropped = displaysDropped;
            return done;
        }
        default:
            return undefined;
    }
}
/**
 * Splits one output stream into user bytes and frames. Chunks may cut anywhere, even
 * inside the marker or a multi-byte character: a tail that could be the start of a
 * marker is held back until the next chunk decides. User bytes come out in order and
 * undecoded; the caller decodes them.
 */
export class KernelStreamParser {
    #marker;
    #maxFrameBytes;
    #heldBack = Buffer.alloc(0);
    #frameParts;
    #frameBytes = 0;
    #droppedFrames = 0;
    constructor(nonce, options = {}) {
        this.#marker = frameMarker(nonce);
        this.#maxFrameBytes = options.maxFrameBytes ?? maxFrameBytes;
    }
    /** Frames that exceeded the size limit and were discarded. */
    get droppedFrames() {
        return this.#droppedFrames;
    }
    push(chunk) {
        const pieces = [];
        let data = this.#heldBack.length > 0 ? Buffer.concat([this.#heldBack, chunk]) : chunk;
        this.#heldBack = Buffer.alloc(0);
        while (data.length > 0) {
            if (this.#frameParts) {
                data = this.#continueFrame(data, pieces);
                continue;
            }
            const start = data.indexOf(this.#marker);
            if (start >= 0) {
                if (start > 0)
                    pieces.push({ type: "output", bytes: data.subarray(0, start) });
                this.#frameParts = [];
                this.#frameBytes = 0;
                data = data.subarray(start + this.#marker.length);
                continue;
            }
            const keep = this.#partialMarkerLength(data);
            if (data.length > keep)
                pieces.push({ type: "output", bytes: data.subarray(0, data.length - keep) });
            // Copied: the caller may reuse the chunk's memory.
            this.#heldBack = Buffer.from(data.subarray(data.length - keep));
            break;
        }
        return pieces;
    }
    /** The stream ended: whatever was held back is user output; an unfinished frame is lost. */
    end() {
        const pieces = [];
        if (this.#frameParts)
            this.#droppedFrames++;
        else if (this.#heldBack.length > 0)
            pieces.push({ type: "output", bytes: this.#heldBack });
        this.#heldBack = Buffer.alloc(0);
        this.#frameParts = undefined;
        return pieces;
    }
    #continueFrame(data, pieces) {
        const parts = this.#frameParts ?? [];
        const newline = data.indexOf(0x0a);
        const body = newline >= 0 ? data.subarray(0, newline) : data;
        this.#frameBytes += body.length;
        if (this.#frameBytes > this.#maxFrameBytes) {
            // Not from a healthy kernel; resynchronise on the frame's end and carry on.
            this.#frameParts = newline >= 0 ? undefined : [];
            if (newline >= 0)
                this.#droppedFrames++;
            return newline >= 0 ? data.subarray(newline + 1) : Buffer.alloc(0);
        }
        parts.push(Buffer.from(body));
        if (newline < 0)
            return Buffer.alloc(0);
        pieces.push({ type: "frame", payload: Buffer.concat(parts).toString("utf8") });
        this.#frameParts = undefined;
        return data.subarray(newline + 1);
    }
    /** Length of the longest tail of `data` that is a proper prefix of the marker. */
    #partialMarkerLength(data) {
        const first = this.#marker[0] ?? 0;
        for (let start = Math.max(0, data.length - this.#marker.length + 1); start < data.length; start++) {
            if (data[start] !== first)
                continue;
            const tail = data.subarray(start);
            if (this.#marker.subarray(0, tail.length).equals(tail))
                return tail.length;
        }
        return 0;
    }
}
//# sourceMappingURL=kernel-protocol.js.map