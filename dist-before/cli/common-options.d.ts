import { Command } from "commander";
/** Options every command that reads config accepts. */
export interface CommonOptions {
    config?: string;
    dataDir?: string;
    logLevel?: string;
    logFormat?: string;
}
export declare function withCommonOptions(command: Command): Command;
