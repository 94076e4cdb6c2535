import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { SandboxService } from "../../managed-sandboxes/sandbox-service.js";
export interface SandboxesRoutesOptions {
    sandboxService: SandboxService;
}
/** `/sandboxes/*` and the RCoder aliases `/computer/pod/*`; every call is scoped to request.owner. */
export declare const sandboxesRoutes: FastifyPluginAsyncZod<SandboxesRoutesOptions>;
