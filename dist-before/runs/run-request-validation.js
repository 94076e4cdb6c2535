import { HangarError } from "../core/errors.js";
import { userIdPattern } from "../core/ids.js";
import { validateRelativePath } from "../core/paths.js";
export function validateRunRequest(request, limits) {
    if (typeof request.code !== "string" || request.code.trim() === "") {
        throw invalid("code", "code is required and must be a non-empty string");
    }
    if (Buffer.byteLength(request.code) > limits.maxCodeBytes) {
        throw new HangarError("PAYLOAD_TOO_LARGE", `code is larger than ${limits.maxCodeBytes} bytes`, {
            field: "code",
        });
    }
    if (typeof request.language !== "string" || request.language.trim() === "") {
        throw invalid("language", 'language is required, e.g. "python"');
    }
    if (request.sessionId !== undefined && !userIdPattern.test(request.sessionId)) {
        throw invalid("sessionId", "sessionId must be 1-128 letters, digits, '.', '_', ':' or '-'");
    }
    if (request.timeoutMs !== undefined) {
        if (!Number.isInteger(request.timeoutMs) ||
            request.timeoutMs < 1 ||
            request.timeoutMs > limits.maxTimeoutMs) {
            throw invalid("timeoutMs", `timeoutMs must be an integer from 1 to ${limits.maxTimeoutMs}`);
        }
    }
    if (request.stdin !== undefined) {
        if (typeof request.stdin !== "string")
            throw invalid("stdin", "stdin must be a string");
        if (Buffer.byteLength(request.stdin) > limits.maxStdinBytes) {
            throw new HangarError("PAYLOAD_TOO_LARGE", `stdin is larger than ${limits.maxStdinBytes} bytes`, {
                field: "stdin",
            });
        }
    }
    for (const [index, argument] of (request.args ?? []).entries()) {
        if (typeof argument !== "string" || argument.includes("\u0000")) {
            throw invalid(`args[${index}]`, `args[${index}] must be a string without NUL`);
        }
    }
    const files = request.files ?? [];
    if (files.length > limits.maxFiles)
        throw invalid("files", `at most ${limits.maxFiles} files`);
    const seen = new Set();
    return files.map((file, index) => {
        const path = validateRelativePath(file.path, `files[${index}].path`);
        if (seen.has(path))
            throw invalid(`files[${index}].path`, `files[${index}].path repeats ${path}`);
        seen.add(path);
        const encoding = file.encoding ?? "utf8";
        if (encoding !== "utf8" && encoding !== "base64") {
            throw invalid(`files[${index}].encoding`, `files[${index}].encoding must be "utf8" or "base64"`);
        }
        if (typeof file.content !== "string") {
            throw invalid(`files[${index}].content`, `files[${index}].content must be a string`);
        }
        if (encoding === "base64" && !/^[A-Za-z0-9+/]*={0,2}$/.test(file.content.replace(/\s/g, ""))) {
            throw invalid(`files[${index}].content`, `files[${index}].content is not valid base64`);
        }
        const data = Buffer.from(file.content, encoding);
        if (data.length > limits.maxFileBytes) {
            throw new HangarError("PAYLOAD_TOO_LARGE", `files[${index}] is larger than ${limits.maxFileBytes} bytes`, {
                field: `files[${index}].content`,
            });
        }
        return { path, data };
    });
}
function invalid(field, message) {
    return new HangarError("VALIDATION_FAILED", message, { field });
}
//# sourceMappingURL=run-request-validation.js.map