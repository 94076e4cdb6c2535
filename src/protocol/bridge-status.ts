import { z } from "zod";

/** One chat bridge as `GET /status` and `hangar bridges status` report it. */
export const bridgeStatusSchema = z.object({
  platform: z.enum(["telegram", "slack"]),
  state: z
    .enum(["starting", "connected", "retrying", "stopped"])
    .describe("retrying: the platform cannot be reached; the bridge keeps trying and sessions go on"),
  last_error: z.string().optional().describe("The last failure talking to the platform, while retrying"),
  since: z.string().describe("ISO 8601: when the bridge entered this state"),
  active_sessions: z.number().int().describe("Sessions being streamed into chats"),
});
export type BridgeStatus = z.infer<typeof bridgeStatusSchema>;
