import { type Server } from "node:net";
export declare function listenPipe(port: number, unixSocketPath: string): Promise<{
    server: Server;
    port: number;
}>;
