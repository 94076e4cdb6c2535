import type Docker from "dockerode";
import { HangarError } from "../../core/errors.js";
/** The engine address dockerode uses, as DOCKER_HOST would spell it. */
export declare function describeEndpoint(docker: Docker): Promise<string>;
export declare function isConnectionError(error: unknown): boolean;
export declare function statusCodeOf(error: unknown): number | undefined;
export declare function engineUnavailable(docker: Docker, error: unknown): Promise<HangarError>;
/** Any engine failure as a HangarError: unreachable engines say where they were looked for. */
export declare function engineError(docker: Docker, what: string, error: unknown): Promise<HangarError>;
export declare function pingEngine(docker: Docker): Promise<void>;
/**
 * An image the engine does not have. The default image is the server's
 * problem (503); one a request asked for is the caller's (400, field `image`).
 */
export declare function missingImageError(image: string, isDefault: boolean, endpoint: string): HangarError;
/** Whether the engine has the image; a missing engine throws ENGINE_UNAVAILABLE. */
export declare function hasImage(docker: Docker, image: string): Promise<boolean>;
