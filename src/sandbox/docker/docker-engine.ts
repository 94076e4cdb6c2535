import type Docker from "dockerode";
import { HangarError, errorMessage } from "../../core/errors.js";

/**
 * Talking to the Docker engine: where it is (for error messages that say
 * exactly what was tried), and turning its failures into errors a user can
 * act on.
 */

interface ModemFields {
  socketPath?: unknown;
  socketPathCache?: unknown;
  host?: unknown;
  port?: string | number;
  protocol?: unknown;
}

/** The engine address dockerode uses, as DOCKER_HOST would spell it. */
export async function describeEndpoint(docker: Docker): Promise<string> {
  const modem = docker.modem as ModemFields;
  if (typeof modem.host === "string" && modem.host !== "") {
    const protocol = typeof modem.protocol === "string" ? modem.protocol : "http";
    return `${protocol === "http" ? "tcp" : protocol}://${modem.host}${modem.port === undefined ? "" : `:${modem.port}`}`;
  }
  let socket = modem.socketPathCache ?? modem.socketPath;
  // dockerode's default looks for the socket itself (a function returning a promise).
  if (typeof socket === "function") socket = await (socket as () => Promise<unknown>)();
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

export function isConnectionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return (
    typeof code === "string" &&
    connectionCodes.has(code) &&
    (error as { statusCode?: unknown }).statusCode === undefined
  );
}

export function statusCodeOf(error: unknown): number | undefined {
  const statusCode = (error as { statusCode?: unknown } | undefined)?.statusCode;
  return typeof statusCode === "number" ? statusCode : undefined;
}

export async function engineUnavailable(docker: Docker, error: unknown): Promise<HangarError> {
  const endpoint = await describeEndpoint(docker);
  return new HangarError(
    "ENGINE_UNAVAILABLE",
    `cannot reach the Docker engine at ${endpoint} (DOCKER_HOST): ${errorMessage(error)}; ` +
      "start one (sudo scripts/docker-engine.sh start) or point DOCKER_HOST at a running engine",
    { cause: error, details: { dockerHost: endpoint } },
  );
}

/** Any engine failure as a HangarError: unreachable engines say where they were looked for. */
export async function engineError(docker: Docker, what: string, error: unknown): Promise<HangarError> {
  if (error instanceof HangarError) return error;
  if (isConnectionError(error)) return engineUnavailable(docker, error);
  return new HangarError("SANDBOX_ERROR", `${what}: ${errorMessage(error)}`, { cause: error });
}

export async function pingEngine(docker: Docker): Promise<void> {
  try {
    await docker.ping();
  } catch (error) {
    throw await engineUnavailable(docker, error);
  }
}

/**
 * An image the engine does not have. The default image is the server's
 * problem (503); one a request asked for is the caller's (400, field `image`).
 */
export function missingImageError(image: string, isDefault: boolean, endpoint: string): HangarError {
  const how = `build it with  hangar image build --tag ${image}  (or docker build / docker import it)`;
  return isDefault
    ? new HangarError(
        "ISOLATION_UNAVAILABLE",
        `the sandbox image ${image} is not in the Docker engine at ${endpoint}: ${how}`,
        { details: { image } },
      )
    : new HangarError("BAD_REQUEST", `image ${image} is not in the Docker engine at ${endpoint}: ${how}`, {
        field: "image",
        details: { image },
      });
}

/** Whether the engine has the image; a missing engine throws ENGINE_UNAVAILABLE. */
export async function hasImage(docker: Docker, image: string): Promise<boolean> {
  try {
    await docker.getImage(image).inspect();
    return true;
  } catch (error) {
    if (statusCodeOf(error) === 404) return false;
    throw await engineError(docker, `cannot inspect image ${image}`, error);
  }
}
