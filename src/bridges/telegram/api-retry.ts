import type { Transformer } from "grammy";
import type { ApiResponse } from "grammy/types";
import { delay } from "../../core/abort.js";
import { errorMessage } from "../../core/errors.js";
import { fromGrammy } from "./grammy-signal.js";
import type { HealthTracker } from "../health-tracker.js";
import { Backoff, type RetryPolicy, retryAfterMilliseconds } from "../retry-policy.js";

/**
 * A grammY API transformer that makes every call except getUpdates (the poller
 * owns its own retries) persistent: a 429 waits its `retry_after` and repeats the
 * same call; a network failure or a 5xx is retried with exponential backoff and
 * marks the bridge "retrying" until a call gets through. Telegram's other refusals
 * (400, 403) are returned at once: repeating them cannot help. `stopping` aborts
 * every wait, so `stop()` never leaves a retry behind.
 */
export function retryingTransformer(options: {
  readonly policy: RetryPolicy;
  readonly health: HealthTracker;
  readonly stopping: () => AbortSignal;
}): Transformer {
  return async (previous, method, payload, signal) => {
    if (method === "getUpdates") return previous(method, payload, signal);
    const backoff = new Backoff(options.policy);
    for (;;) {
      const stopping = options.stopping();
      const callSignal = fromGrammy(signal);
      const waitSignal = callSignal ? AbortSignal.any([callSignal, stopping]) : stopping;
      let answer: Awaited<ReturnType<typeof previous>>;
      try {
        answer = await previous(method, payload, signal);
      } catch (error) {
        if (waitSignal.aborted) throw error;
        options.health.failed(`${method}: ${errorMessage(error)}`);
        await backoff.wait(waitSignal);
        continue;
      }
      const response = answer as ApiResponse<unknown>;
      if (!response.ok && response.error_code === 429) {
        await delay(retryAfterMilliseconds(response.parameters?.retry_after), waitSignal);
        continue;
      }
      if (!response.ok && response.error_code >= 500) {
        options.health.failed(`${method}: ${response.error_code} ${response.description}`);
        await backoff.wait(waitSignal);
        continue;
      }
      options.health.succeeded();
      // grammY types a call's result per method; a transformer passes it on untouched.
      // eslint-disable-next-line @typescript-eslint/no-unsafe-return
      return answer;
    }
  };
}
