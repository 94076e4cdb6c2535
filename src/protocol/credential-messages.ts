import { z } from "zod";

/**
 * The credential store on the wire (`/credentials`, `/proxy-ids`). There is no
 * token field in any response: tokens are write-only.
 */
export const credentialKindSchema = z
  .enum(["github", "graph", "bearer"], "kind must be github, graph or bearer")
  .describe("github and graph use the [proxy] upstreams; bearer needs base_url");

export const addCredentialRequestSchema = z.strictObject({
  name: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
      "must be 1-64 letters, digits, . _ - (starting with a letter or digit)",
    ),
  kind: credentialKindSchema,
  token: z
    .string()
    .min(1)
    .max(16 * 1024)
    .describe("Stored encrypted; never returned by any route"),
  base_url: z
    .string()
    .max(2048)
    .optional()
    .describe("Only for bearer: the fixed upstream, http(s), without user info, query or fragment"),
});

export const credentialSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: credentialKindSchema,
  base_url: z.string().nullable(),
  created_at: z.string(),
});

export const proxyGrantSchema = z.object({
  id: z.string().describe("The proxy id: send it as X-Proxy-Id"),
  credential_id: z.string(),
  expires_at: z.string().nullable(),
  path_prefixes: z.array(z.string()).describe("Allowed path prefixes; empty = any"),
  methods: z.array(z.string()).describe("Allowed methods; empty = any"),
  session_id: z.string().nullable(),
  revoked_at: z.string().nullable(),
  created_at: z.string(),
});

export const addCredentialResponseSchema = z.object({
  credential: credentialSchema,
  proxy_id: z.string().describe("The credential's first proxy id (prx_…)"),
});

export const credentialListSchema = z.object({ credentials: z.array(credentialSchema) });

export const createProxyGrantRequestSchema = z.strictObject({
  expires_in_seconds: z
    .number()
    .int()
    .min(1)
    .max(10 * 365 * 86_400)
    .optional()
    .describe("The proxy id stops working after this; never when absent"),
  path_prefixes: z.array(z.string().max(512)).max(32).optional(),
  methods: z.array(z.string().max(16)).max(16).optional(),
});

export const proxyGrantListSchema = z.object({ proxy_ids: z.array(proxyGrantSchema) });

export type AddCredentialRequest = z.infer<typeof addCredentialRequestSchema>;
export type AddCredentialResponse = z.infer<typeof addCredentialResponseSchema>;
export type CredentialView = z.infer<typeof credentialSchema>;
export type ProxyGrantView = z.infer<typeof proxyGrantSchema>;
export type CreateProxyGrantRequest = z.infer<typeof createProxyGrantRequestSchema>;
export type CredentialList = z.infer<typeof credentialListSchema>;
export type ProxyGrantList = z.infer<typeof proxyGrantListSchema>;
