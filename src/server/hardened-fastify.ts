import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Logger } from "pino";
import type { Config } from "../config/config-schema.js";
import { HangarError } from "../core/errors.js";
import { limitConnectionsPerClient } from "./connection-limits.js";
import { registerErrorHandlers, sendError } from "./error-handler.js";

/**
 * A Fastify instance with what every Hangar listener needs before its routes (the API's,
 * and `--mcp-port`'s): logs as `component` with `redactedPaths` censored, body and time
 * limits, connections per client bounded, zod validation, JSON-only bodies, errors in
 * the API's one shape, and SHUTTING_DOWN (with Retry-After) once it is closing.
 */
export function hardenedFastify(options: {
  config: Config;
  logger: Logger | false;
  component: string;
  redactedPaths: string[];
}): FastifyInstance {
  const { config } = options;
  const loggerInstance: FastifyBaseLogger | undefined =
    options.logger === false
      ? undefined
      : options.logger.child(
          { component: options.component },
          { redact: { paths: options.redactedPaths, censor: "[redacted]" } },
        );
  const requestTimeoutMs = config.server.request_timeout_seconds * 1000;
  const app = Fastify({
    ...(loggerInstance === undefined ? { logger: false } : { loggerInstance }),
    bodyLimit: config.server.body_limit_bytes,
    // A trickled body or header must not hold a connection: Node answers 408 past this. It checks
    // only every connectionsCheckingInterval (30 s by default), so check often.
    requestTimeout: requestTimeoutMs,
    http: {
      requestTimeout: requestTimeoutMs,
      headersTimeout: requestTimeoutMs,
      connectionsCheckingInterval: Math.min(1000, requestTimeoutMs / 2),
    },
    // Session ids may be 128 characters; longer ones get a validation error naming the field, not a 414.
    routerOptions: { maxParamLength: 256 },
    // Fastify's own 503 while closing has a different body shape; the API answers SHUTTING_DOWN itself.
    return503OnClosing: false,
    frameworkErrors: (error, request, reply) => {
      void sendError(request, reply, error);
    },
  });
  limitConnectionsPerClient(app.server, config.server.max_connections_per_client);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // The API speaks JSON only; any other body type is answered with 415.
  app.removeContentTypeParser("text/plain");
  registerErrorHandlers(app);
  let isClosing = false;
  app.addHook("preClose", async () => {
    isClosing = true;
  });
  app.addHook("onRequest", async () => {
    if (isClosing)
      throw new HangarError("SHUTTING_DOWN", "the server is shutting down", { retryAfterSeconds: 5 });
  });
  return app;
}
