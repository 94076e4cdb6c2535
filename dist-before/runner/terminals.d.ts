import type { CreateTerminalRequest, TerminalExitStatus, TerminalOutputResponse } from "@agentclientprotocol/sdk";
export declare class Terminals {
    private readonly workspace;
    private readonly environment;
    private readonly running;
    private nextId;
    constructor(workspace: string, environment: NodeJS.ProcessEnv);
    create(request: CreateTerminalRequest): string;
    output(id: string): TerminalOutputResponse;
    waitForExit(id: string): Promise<TerminalExitStatus>;
    kill(id: string): void;
    release(id: string): void;
    releaseAll(): void;
    private get;
}
