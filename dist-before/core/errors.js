export class HangarError extends Error {
    code;
    field;
    retryAfterSeconds;
    details;
    constructor(code, message, options = {}) {
        super(message, options.cause === undefined ? undefined : { cause: options.cause });
        this.name = "HangarError";
        this.code = code;
        this.field = options.field;
        this.retryAfterSeconds = options.retryAfterSeconds;
        this.details = options.details;
    }
}
export function isHangarError(error) {
    return error instanceof HangarError;
}
export function errorMessage(error) {
    return error instanceof Error ? error.message : String(error);
}
//# sourceMappingURL=errors.js.map