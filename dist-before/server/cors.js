import fastifyCors from "@fastify/cors";
/**
 * Cross-origin browser access, for the origins in `server.cors_origins` only
 * (`"*"`: any). With none configured no CORS header is sent, so browsers keep
 * pages of other origins from reading answers, as before. Registered before
 * authentication: a preflight carries no key, and is answered here.
 */
export async function registerCors(app, origins) {
    if (origins.length === 0)
        return;
    const isAny = origins.includes("*");
    const allowed = new Set(origins.map((origin) => origin.replace(/\/+$/, "")));
    await app.register(fastifyCors, {
        origin: (origin, callback) => callback(null, origin !== undefined && (isAny || allowed.has(origin))),
        methods: ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"],
        allowedHeaders: ["authorization", "content-type", "last-event-id", "accept"],
        exposedHeaders: ["location", "retry-after"],
        maxAge: 600,
        // The Authorization header is the credential; no cookies are used.
        credentials: false,
    });
}
//# sourceMappingURL=cors.js.map