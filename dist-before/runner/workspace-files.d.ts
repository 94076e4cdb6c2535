import type { ReadTextFileRequest, ReadTextFileResponse, WriteTextFileRequest } from "@agentclientprotocol/sdk";
export declare function readTextFile(workspace: string, request: ReadTextFileRequest): Promise<ReadTextFileResponse>;
export declare function writeTextFile(workspace: string, request: WriteTextFileRequest): Promise<void>;
