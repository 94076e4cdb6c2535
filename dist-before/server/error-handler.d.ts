import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type ErrorCode } from "../core/errors.js";
/**
 * The one place where error codes become HTTP status codes, and where every
 * failure becomes `{"error": {"code", "message", "field"?}}`. Nothing a caller
 * sees ever contains a stack trace or an internal message.
 */
export declare const statusForCode: Readonly<Record<ErrorCode, number>>;
/** HTTP-only codes that have no HangarError counterpart (nothing below server/ can cause them). */
export type ResponseErrorCode = ErrorCode | "UNSUPPORTED_MEDIA_TYPE";
export interface ErrorBody {
    error: {
        code: ResponseErrorCode;
        message: string;
        field?: string;
    };
}
export interface ErrorResponse {
    statusCode: number;
    body: ErrorBody;
    retryAfterSeconds: number | undefined;
    /** True when the real cause must be logged because the caller only sees a generic message. */
    isInternal: boolean;
}
/** Maps anything thrown while serving a request to what the caller gets to see. */
export declare function toErrorResponse(error: unknown): ErrorResponse;
export declare function sendError(request: FastifyRequest, reply: FastifyReply, error: unknown): FastifyReply;
export declare function registerErrorHandlers(app: FastifyInstance): void;
