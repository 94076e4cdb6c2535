import type { ChildProcess } from "node:child_process";
export declare function killProcessGroup(child: ChildProcess, signal?: NodeJS.Signals): void;
