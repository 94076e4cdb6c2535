import type { ChatAgentServerConfig } from "../runner-protocol/agent_pb.js";
import type { AgentLaunch } from "./agent-process.js";
export declare class LaunchError extends Error {
    readonly code: string;
    constructor(code: string, message: string);
}
export interface LaunchPlaces {
    homeRoot: string;
    workspace: string;
}
export declare function prepareLaunch(server: ChatAgentServerConfig | undefined, places: LaunchPlaces): Promise<AgentLaunch>;
