import { Command } from "commander";
export declare function buildCli(): Command;
