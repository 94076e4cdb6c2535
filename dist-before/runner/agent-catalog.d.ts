import type { ServiceImpl } from "@connectrpc/connect";
import { AgentMgmtService, InstallType } from "../runner-protocol/agent_pb.js";
export declare const installRefusal = "agents are installed on the control plane: hangar agents install NAME";
interface InstalledAgent {
    agentId: string;
    version?: string;
    binaryPath: string;
    installType: InstallType;
    installedAt: bigint;
    fileExists: boolean;
    executable: boolean;
    inPath: boolean;
}
export declare function listInstalledAgents(agentsDirectory: string): InstalledAgent[];
export declare function agentManagementService(agentsDirectory: string): ServiceImpl<typeof AgentMgmtService>;
export {};
