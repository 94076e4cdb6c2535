import { webApi } from "@slack/bolt";
import { delay } from "../../core/abort.js";
import { HangarError, errorMessage } from "../../core/errors.js";
import type { HealthTracker } from "../health-tracker.js";
import { Backoff, type RetryPolicy } from "../retry-policy.js";

/** Slack answers these with `ok:false` when the fault is on its side: trying again can help. */
const transientErrors = new Set(["internal_error", "fatal_error", "service_unavailable", "request_timeout"]);

/**
 * Runs one Web API call until Slack answers it: a 429 waits its `Retry-After`
 * (the client is built with `rejectRateLimitedCalls`, so the wait is ours and
 * abortable), a network failure, a 5xx or a transient `ok:false` is retried with
 * exponential backoff and marks the bridge "retrying". Any other `ok:false` is a
 * refusal: it rejects at once with Slack's error code in the message.
 */
export async function persistently<T>(
  method: string,
  call: () => Promise<T>,
  context: {
    readonly policy: RetryPolicy;
    readonly health: Pick<HealthTracker, "succeeded" | "failed">;
    readonly stopping: AbortSignal;
  },
): Promise<T> {
  const backoff = new Backoff(context.policy);
  for (;;) {
    if (context.stopping.aborted) throw context.stopping.reason as Error;
    try {
      const result = await call();
      context.health.succeeded();
      return result;
    } catch (error) {
      if (context.stopping.aborted) throw context.stopping.reason as Error;
      if (isRateLimited(error)) {
        // Slack counts the wait from its answer: the header's seconds are a lower bound.
        await delay(Math.max(1, error.retryAfter) * 1000, context.stopping);
        continue;
      }
      const refusal = slackError(error);
      if (refusal !== undefined && !transientErrors.has(refusal)) throw refused(method, refusal, error);
      if (refusal === undefined && !isUnreachable(error)) throw error;
      context.health.failed(`${method}: ${refusal ?? errorMessage(error)}`);
      await backoff.wait(context.stopping);
    }
  }
}

/** Slack's error code of an `ok:false` answer (`invalid_blocks`, `channel_not_found`…). */
export function slackError(error: unknown): string | undefined {
  return error instanceof Error && (error as { code?: unknown }).code === webApi.ErrorCode.PlatformError
    ? (error as webApi.WebAPIPlatformError).data.error
    : undefined;
}

function isRateLimited(error: unknown): error is webApi.WebAPIRateLimitedError {
  return error instanceof Error && (error as { code?: unknown }).code === webApi.ErrorCode.RateLimitedError;
}

function isUnreachable(error: unknown): boolean {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  if (code === webApi.ErrorCode.RequestError) return true;
  return code === webApi.ErrorCode.HTTPError && (error as webApi.WebAPIHTTPError).statusCode >= 500;
}

function refused(method: string, slackCode: string, cause: unknown): HangarError {
  const code =
    slackCode === "invalid_auth" || slackCode === "not_authed" || slackCode === "token_revoked"
      ? "UNAUTHORIZED"
      : slackCode === "not_in_channel" || slackCode === "missing_scope" || slackCode === "channel_not_found"
        ? "FORBIDDEN"
        : "BAD_REQUEST";
  return new HangarError(code, `Slack refused ${method}: ${slackCode}`, {
    cause,
    details: { error: slackCode },
  });
}
