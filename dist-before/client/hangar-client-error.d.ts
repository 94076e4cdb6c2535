/**
 * What every failed client call throws: the server's `{error: {code, message,
 * field}}` when it answered, else a client-side code (`UNREACHABLE` when the
 * server could not be reached, `BAD_RESPONSE` when the answer was not ours).
 */
export declare class HangarClientError extends Error {
    readonly code: string;
    /** The HTTP status; undefined when no answer came. */
    readonly status: number | undefined;
    readonly field: string | undefined;
    constructor(code: string, message: string, options?: {
        status?: number;
        field?: string;
        cause?: unknown;
    });
}
/** Builds the error from a non-2xx response, whatever its body. */
export declare function errorFromResponse(response: Response): Promise<HangarClientError>;
