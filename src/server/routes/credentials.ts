import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { HangarError } from "../../core/errors.js";
import type { Credential, Credentials, ProxyGrant } from "../../credentials/credentials.js";
import {
  addCredentialRequestSchema,
  addCredentialResponseSchema,
  createProxyGrantRequestSchema,
  credentialListSchema,
  credentialSchema,
  proxyGrantListSchema,
  proxyGrantSchema,
} from "../../protocol/index.js";
import { errorResponses, jsonBodyErrorCodes } from "../error-responses.js";
import { nameSchema } from "../openapi-components.js";

export interface CredentialsRoutesOptions {
  credentials: Credentials;
  now?: () => number;
}

const nameParamsSchema = z.object({ name: z.string().min(1).max(128) });
const idParamsSchema = z.object({ id: z.string().min(1).max(128) });

/** A stored credential or grant as the caller may see it: never the token. */
export function credentialToWire(credential: Credential): z.infer<typeof credentialSchema> {
  return {
    id: credential.id,
    name: credential.name,
    kind: credential.kind,
    base_url: credential.baseUrl ?? null,
    created_at: new Date(credential.createdAt).toISOString(),
  };
}

export function grantToWire(grant: ProxyGrant): z.infer<typeof proxyGrantSchema> {
  return {
    id: grant.id,
    credential_id: grant.credentialId,
    expires_at: grant.expiresAt === undefined ? null : new Date(grant.expiresAt).toISOString(),
    path_prefixes: grant.allowedPathPrefixes,
    methods: grant.allowedMethods,
    session_id: grant.sessionId ?? null,
    revoked_at: grant.revokedAt === undefined ? null : new Date(grant.revokedAt).toISOString(),
    created_at: new Date(grant.createdAt).toISOString(),
  };
}

function notFound(name: string): HangarError {
  return new HangarError("NOT_FOUND", `no credential '${name}'`, { field: "name" });
}

/**
 * `/credentials` and `/proxy-ids`: the caller's credentials and proxy ids. Every
 * call is scoped to request.owner (another owner's credential is a 404), and
 * the token is write-only: accepted by POST, in no response, in no log.
 */
export const credentialsRoutes: FastifyPluginAsyncZod<CredentialsRoutesOptions> = async (app, options) => {
  const { credentials } = options;
  const now = options.now ?? Date.now;
  const tags = ["credentials"];
  nameSchema(credentialSchema, "Credential");
  nameSchema(proxyGrantSchema, "ProxyId");
  nameSchema(addCredentialRequestSchema, "AddCredentialRequest");
  nameSchema(createProxyGrantRequestSchema, "CreateProxyIdRequest");

  app.post(
    "/credentials",
    {
      schema: {
        operationId: "addCredential",
        summary: "Store a credential (token encrypted) and get its first proxy id",
        description:
          "The token is write-only: no route returns it. 409 CONFLICT when the caller already has a credential of that name; " +
          "429 QUOTA_EXCEEDED past 256 credentials per owner.",
        tags,
        body: addCredentialRequestSchema,
        response: {
          201: addCredentialResponseSchema,
          ...errorResponses(...jsonBodyErrorCodes, "CONFLICT", "QUOTA_EXCEEDED"),
        },
      },
    },
    async (request, reply) => {
      const { name, kind, token, base_url: baseUrl } = request.body;
      const { credential, grant } = await credentials.add({
        owner: request.owner,
        name,
        kind,
        token,
        ...(baseUrl === undefined ? {} : { baseUrl }),
      });
      return reply.code(201).send({ credential: credentialToWire(credential), proxy_id: grant.id });
    },
  );

  app.get(
    "/credentials",
    {
      schema: {
        operationId: "listCredentials",
        summary: "The caller's credentials, by name (no tokens)",
        tags,
        response: { 200: credentialListSchema, ...errorResponses() },
      },
    },
    async (request) => ({ credentials: (await credentials.list(request.owner)).map(credentialToWire) }),
  );

  app.get(
    "/credentials/:name",
    {
      schema: {
        operationId: "getCredential",
        summary: "One credential, by name or id (no token)",
        tags,
        params: nameParamsSchema,
        response: { 200: credentialSchema, ...errorResponses("VALIDATION_FAILED", "NOT_FOUND") },
      },
    },
    async (request) => {
      const credential = await credentials.get(request.owner, request.params.name);
      if (credential === undefined) throw notFound(request.params.name);
      return credentialToWire(credential);
    },
  );

  app.delete(
    "/credentials/:name",
    {
      schema: {
        operationId: "removeCredential",
        summary: "Remove a credential and every proxy id of it",
        tags,
        params: nameParamsSchema,
        response: {
          204: z.undefined().describe("Removed"),
          ...errorResponses("VALIDATION_FAILED", "NOT_FOUND"),
        },
      },
    },
    async (request, reply) => {
      if (!(await credentials.remove(request.owner, request.params.name)))
        throw notFound(request.params.name);
      return reply.code(204).send();
    },
  );

  app.post(
    "/credentials/:name/proxy-ids",
    {
      schema: {
        operationId: "createProxyId",
        summary: "A new proxy id for a credential, optionally expiring and limited to paths and methods",
        tags,
        params: nameParamsSchema,
        body: createProxyGrantRequestSchema,
        response: {
          201: proxyGrantSchema,
          ...errorResponses(...jsonBodyErrorCodes, "NOT_FOUND", "QUOTA_EXCEEDED"),
        },
      },
    },
    async (request, reply) => {
      const { expires_in_seconds: expiresIn, path_prefixes: pathPrefixes, methods } = request.body;
      const grant = await credentials.createGrant({
        owner: request.owner,
        credential: request.params.name,
        ...(expiresIn === undefined ? {} : { expiresAt: now() + expiresIn * 1000 }),
        ...(pathPrefixes === undefined ? {} : { allowedPathPrefixes: pathPrefixes }),
        ...(methods === undefined ? {} : { allowedMethods: methods }),
      });
      return reply.code(201).send(grantToWire(grant));
    },
  );

  app.get(
    "/credentials/:name/proxy-ids",
    {
      schema: {
        operationId: "listProxyIds",
        summary: "A credential's proxy ids, oldest first (revoked ones included, with revoked_at)",
        tags,
        params: nameParamsSchema,
        response: { 200: proxyGrantListSchema, ...errorResponses("VALIDATION_FAILED", "NOT_FOUND") },
      },
    },
    async (request) => ({
      proxy_ids: (await credentials.listGrants(request.owner, request.params.name)).map(grantToWire),
    }),
  );

  app.delete(
    "/proxy-ids/:id",
    {
      schema: {
        operationId: "revokeProxyId",
        summary: "Revoke a proxy id (kept, with revoked_at, for audit)",
        tags,
        params: idParamsSchema,
        response: {
          204: z.undefined().describe("Revoked"),
          ...errorResponses("VALIDATION_FAILED", "NOT_FOUND"),
        },
      },
    },
    async (request, reply) => {
      if (!(await credentials.revokeGrant(request.owner, request.params.id))) {
        throw new HangarError("NOT_FOUND", `no proxy id '${request.params.id}'`, { field: "id" });
      }
      return reply.code(204).send();
    },
  );
};
