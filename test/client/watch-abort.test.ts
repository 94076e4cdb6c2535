import { afterAll, beforeAll, expect, it } from "vitest";
import { HangarClient } from "../../src/client/hangar-client.js";
import { startScriptedHangar } from "../fixtures/scripted-hangar.js";

/**
 * Aborting a watch ends it, wherever the stream is: a consumer that aborts
 * while it handles an event must not wait on the rest of the stream. Aborted
 * at `turn.end`, the session's last events have already arrived and the server
 * has ended the body; reading such an aborted body further hung for good (a
 * chat bridge's stop() hung on it).
 */

let scripted: Awaited<ReturnType<typeof startScriptedHangar>>;
beforeAll(async () => {
  scripted = await startScriptedHangar();
}, 60_000);
afterAll(async () => {
  await scripted?.stop();
});

for (const abortAt of ["turn.start", "message.end", "turn.end", "session.ended"]) {
  it(`ends when aborted while the consumer handles ${abortAt}`, async () => {
    scripted.model.enqueue({ text: "hello" });
    const client = new HangarClient({ baseUrl: scripted.hangar.url });
    const started = await client.chat({ prompt: "say hello", project_id: "watch-abort" });
    const controller = new AbortController();
    const seen: string[] = [];
    for await (const event of client.watch(started.session_id, { signal: controller.signal })) {
      seen.push(event.name);
      if (event.name === abortAt) {
        controller.abort();
        // Meanwhile the rest of the session arrives and the server ends the stream.
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    }
    expect(seen.at(-1)).toBe(abortAt);
  }, 20_000);
}
