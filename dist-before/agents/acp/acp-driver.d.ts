import type { AgentDriverContext, AgentPrompt, StartAgentDriver } from "../agent-driver.js";
import type { AgentLaunch, AgentRunners } from "./agent-runner-port.js";
export interface AcpDriverOptions {
    runners: AgentRunners;
    /** The agent's command, environment and model endpoint for this session and prompt. */
    launch(context: AgentDriverContext, prompt: AgentPrompt): Promise<AgentLaunch>;
    /** How long a cancelled prompt may take to end before the driver stops waiting. */
    cancelGraceMs?: number;
}
export declare function acpAgentDriver(options: AcpDriverOptions): StartAgentDriver;
