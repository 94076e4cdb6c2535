import { HangarError, errorMessage } from "../../core/errors.js";
/** The engine address dockerode uses, as DOCKER_HOST would spell it. */
export async function describeEndpoint(docker) {
    const modem = docker.modem;
    if (typeof modem.host === "string" && modem.host !== "") {
        const protocol = typeof modem.protocol === "string" ? modem.protocol : "http";
        return `${protocol === "http" ? "tcp" : protocol}://${modem.host}${modem.port === undefined ? "" : `:${modem.port}`}`;
    }
    let socket = modem.socketPathCache ?? modem.socketPath;
    // dockerode's default looks for the socket itself (a function returning a promise).
    if (typeof socket === "function")
        socket = await socket();
    return `unix://${typeof socket === "string" ? socket : "/var/run/docker.sock"}`;
}
const connectionCodes = new Set([
    "ENOENT",
    "ECONNREFUSED",
    "EACCES",
    "EPERM",
    "ETIMEDOUT",
    "EHOSTUNREACH",
    "ENOTFOUND",
    "ECONNRESET",
    "EPIPE",
]);
export function isConnectionError(error) {
    const code = error?.code;
    return (typeof code === "string" &&
        connectionCodes.has(code) &&
        error.statusCode === undefined);
}
export function statusCodeOf(error) {
    const statusCode = error?.statusCode;
    return typeof statusCode === "number" ? statusCode : undefined;
}
export async function engineUnavailable(docker, error) {
    const endpoint = await describeEndpoint(docker);
    return new HangarError("ENGINE_UNAVAILABLE", `cannot reach the Docker engine at ${endpoint} (DOCKER_HOST): ${errorMessage(error)}; ` +
        "start one (sudo scripts/docker-engine.sh start) or point DOCKER_HOST at a running engine", { cause: error, details: { dockerHost: endpoint } });
}
/** Any engine failure as a HangarError: unreachable engines say where they were looked for. */
export async function engineError(docker, what, error) {
    if (error instanceof HangarError)
        return error;
    if (isConnectionError(error))
        return engineUnavailable(docker, error);
    return new HangarError("SANDBOX_ERROR", `${what}: ${errorMessage(error)}`, { cause: error });
}
export async function pingEngine(docker) {
    try {
        await docker.ping();
    }
    catch (error) {
        throw await engineUnavailable(docker, error);
    }
}
/**
 * An image the engine does not have. The default image is the server's
 * problem (503); one a request asked for is the caller's (400, field `image`).
 */
export function missingImageError(image, isDefault, endpoint) {
    const how = `build it with  hangar image build --tag ${image}  (or docker build / docker import it)`;
    return isDefault
        ? new HangarError("ISOLATION_UNAVAILABLE", `the sandbox image ${image} is not in the Docker engine at ${endpoint}: ${how}`, { details: { image } })
        : new HangarError("BAD_REQUEST", `image ${image} is not in the Docker engine at ${endpoint}: ${how}`, {
            field: "image",
            details: { image },
        });
}
/** Whether the engine has the image; a missing engine throws ENGINE_UNAVAILABLE. */
export async function hasImage(docker, image) {
    try {
        await docker.getImage(image).inspect();
        return true;
    }
    catch (error) {
        if (statusCodeOf(error) === 404)
            return false;
        throw await engineError(docker, `cannot inspect image ${image}`, error);
    }
}
//# sourceMappingURL=docker-engine.js.map