import { Command } from "commander";
/** `timeout`'s convention (coreutils): a program stopped at its time limit exits 124. */
export declare const timeoutExitCode = 124;
export declare function runCommand(): Command;
