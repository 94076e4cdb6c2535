import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, ResponseSerializationError } from "fastify-type-provider-zod";
import { type ErrorCode, HangarError, isHangarError } from "../core/errors.js";
import { describeValidationError } from "./validation-message.js";

/**
 * The one place where error codes become HTTP status codes, and where every
 * failure becomes `{"error": {"code", "message", "field"?}}`. Nothing a caller
 * sees ever contains a stack trace or an internal message.
 */
export const statusForCode: Readonly<Record<ErrorCode, number>> = {
  BAD_REQUEST: 400,
  INVALID_JSON: 400,
  VALIDATION_FAILED: 400,
  UNKNOWN_LANGUAGE: 400,
  INVALID_PATH: 400,
  UNKNOWN_MODEL: 400,
  MISSING_API_KEY: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  SESSION_NOT_FOUND: 404,
  SESSION_BUSY: 409,
  CONFLICT: 409,
  AGENT_NOT_INSTALLED: 409,
  SANDBOX_GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  AGENT_STEP_LIMIT: 422,
  AGENT_FAILED: 502,
  TOO_MANY_REQUESTS: 429,
  QUOTA_EXCEEDED: 429,
  CONFIG_INVALID: 500,
  SANDBOX_ERROR: 500,
  INTERNAL: 500,
  MODEL_ERROR: 502,
  ISOLATION_UNAVAILABLE: 503,
  ENGINE_UNAVAILABLE: 503,
  SHUTTING_DOWN: 503,
  CAPACITY: 503,
  PROXY_ID_MISSING: 400,
  PROXY_PATH_REJECTED: 400,
  PROXY_GRANT_NOT_FOUND: 404,
  PROXY_GRANT_REVOKED: 403,
  PROXY_GRANT_EXPIRED: 403,
  PROXY_TARGET_MISMATCH: 403,
  PROXY_PATH_NOT_ALLOWED: 403,
  PROXY_METHOD_NOT_ALLOWED: 403,
  PROXY_SESSION_MISMATCH: 403,
  PROXY_PRIVATE_UPSTREAM: 403,
  PROXY_REDIRECT_REFUSED: 502,
  PROXY_UPSTREAM_ERROR: 502,
  PROXY_RESPONSE_TOO_LARGE: 502,
  PROXY_UPSTREAM_TIMEOUT: 504,
  GITHUB_ERROR: 502,
};

/** HTTP-only codes that have no HangarError counterpart (nothing below server/ can cause them). */
export type ResponseErrorCode = ErrorCode | "UNSUPPORTED_MEDIA_TYPE";

/** Clients are told to back off even when the thrower did not say for how long. */
const defaultRetryAfterSeconds: Partial<Record<ErrorCode, number>> = {
  TOO_MANY_REQUESTS: 1,
  SHUTTING_DOWN: 5,
};

export interface ErrorBody {
  error: { code: ResponseErrorCode; message: string; field?: string };
}

export interface ErrorResponse {
  statusCode: number;
  body: ErrorBody;
  retryAfterSeconds: number | undefined;
  /** True when the real cause must be logged because the caller only sees a generic message. */
  isInternal: boolean;
}

const internalMessage = "internal server error; the details were logged";

function response(
  statusCode: number,
  code: ResponseErrorCode,
  message: string,
  field?: string,
  retryAfterSeconds?: number,
): ErrorResponse {
  const body: ErrorBody = { error: field === undefined ? { code, message } : { code, message, field } };
  return { statusCode, body, retryAfterSeconds, isInternal: statusCode >= 500 && code === "INTERNAL" };
}

/** Maps anything thrown while serving a request to what the caller gets to see. */
export function toErrorResponse(error: unknown): ErrorResponse {
  if (isHangarError(error)) {
    return response(
      statusForCode[error.code],
      error.code,
      error.message,
      error.field,
      error.retryAfterSeconds ?? defaultRetryAfterSeconds[error.code],
    );
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const [first] = error.validation;
    if (first !== undefined) {
      const problem = describeValidationError(first, error.validationContext);
      return response(400, "VALIDATION_FAILED", problem.message, problem.field);
    }
  }
  if (error instanceof ResponseSerializationError) {
    return response(500, "INTERNAL", internalMessage);
  }
  return fromFastifyError(error as Partial<FastifyError>);
}

function fromFastifyError(error: Partial<FastifyError>): ErrorResponse {
  switch (error.code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return response(400, "INVALID_JSON", "request body is not valid JSON");
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return response(400, "INVALID_JSON", "request body is empty but Content-Type is application/json");
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return response(413, "PAYLOAD_TOO_LARGE", "request body is larger than the server's body limit");
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return response(415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type must be application/json");
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return response(400, "BAD_REQUEST", "Content-Length does not match the body");
    default:
      break;
  }
  // Fastify's own client errors (bad URL, bad header...) have safe messages; anything else is ours.
  const statusCode = error.statusCode;
  if (typeof error.code === "string" && error.code.startsWith("FST_") && statusCode !== undefined) {
    if (statusCode >= 400 && statusCode < 500) {
      return response(statusCode, "BAD_REQUEST", error.message ?? "bad request");
    }
  }
  return response(500, "INTERNAL", internalMessage);
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply {
  const mapped = toErrorResponse(error);
  if (mapped.isInternal) request.log.error({ err: error }, "request failed");
  else request.log.info({ code: mapped.body.error.code, statusCode: mapped.statusCode }, "request rejected");
  if (mapped.retryAfterSeconds !== undefined) {
    reply.header("retry-after", String(Math.max(0, Math.ceil(mapped.retryAfterSeconds))));
  }
  if (mapped.statusCode === 401) reply.header("www-authenticate", 'Bearer realm="hangar"');
  return (
    reply
      .code(mapped.statusCode)
      .type("application/json; charset=utf-8")
      // Not through the route's response schema: its code enum documents the usual codes, and a
      // code it does not list must still reach the caller rather than fail serialisation as a 500.
      .serializer((body) => JSON.stringify(body))
      .send(mapped.body)
  );
}

export function registerErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => sendError(request, reply, error));
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?", 1)[0]?.slice(0, 200) ?? "";
    return sendError(request, reply, new HangarError("NOT_FOUND", `no route for ${request.method} ${path}`));
  });
}
