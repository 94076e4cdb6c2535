import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { EventLog } from "../events/event-log.js";
import type { GitHubOperations } from "../github/github-operations.js";
import type { SandboxService } from "../managed-sandboxes/sandbox-service.js";
import type { RunService } from "../runs/run-types.js";
import type { SessionService } from "../sessions/session-service.js";
import { toErrorResponse } from "../server/error-handler.js";
import { toolError, toolResult } from "./tool-results.js";

/** The services Hangar's MCP tools are thin calls into; the composition root hands them over. */
export interface McpServices {
  runService: RunService;
  sandboxService?: SandboxService;
  sessionService?: SessionService;
  /** The agent sessions' event log (for counting followers in tests and metrics). */
  events?: EventLog;
  /** The `github_*` tools are registered only when this is given. */
  github?: GitHubOperations;
  /** The limits `POST /run` validates against, so `run_code` validates the same. */
  runLimits: { maxTimeoutMs: number; maxCodeBytes: number };
  version: string;
  /** Told about errors the caller only sees as "internal server error". */
  onInternalError?: (error: unknown) => void;
}

/** What every tool group needs: whose tools these are, and the services. */
export interface ToolContext {
  /** Every call is scoped to this owner, as `request.owner` scopes an HTTP call. */
  owner: string;
  services: McpServices;
  /** Runs a service call; a thrown error becomes an MCP tool error naming its code and field. */
  answer(call: () => Promise<object>): Promise<CallToolResult>;
}

export function createToolContext(owner: string, services: McpServices): ToolContext {
  return {
    owner,
    services,
    answer: async (call) => {
      try {
        return toolResult((await call()) as Record<string, unknown>);
      } catch (error) {
        if (toErrorResponse(error).isInternal) services.onInternalError?.(error);
        return toolError(error);
      }
    },
  };
}
