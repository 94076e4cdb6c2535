export declare function prettyLogLine(line: string, options: {
    color: boolean;
}): string;
