export declare const runnerVersion = "0.1.0";
