import Docker from "dockerode";
/** What `hangar doctor` says about the Docker provider: the engine, and the image. */
export interface DockerStatus {
    /** Whether a Docker sandbox could start here: the engine answers and has the image. */
    ok: boolean;
    engine: string;
    reachable: boolean;
    version?: string;
    image: string;
    imagePresent: boolean;
    detail: string;
}
export declare function dockerStatus(image: string, docker?: Docker): Promise<DockerStatus>;
