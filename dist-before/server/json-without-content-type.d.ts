import { type FastifyInstance } from "fastify";
/**
 * Lets the routes of `app` (one plugin's context) take a body without a
 * Content-Type as JSON: Coderunner's Go clients post JSON with none. Any other
 * type stays a 415, as everywhere else.
 *
 * A browser can send a body without a Content-Type (fetch with an ArrayBuffer)
 * to any origin without a CORS preflight, so a web page could run code on a
 * keyless loopback server. Browsers always send `Origin` with such a request and
 * API clients do not: with an Origin, the Content-Type stays required.
 */
export declare function acceptJsonWithoutContentType(app: FastifyInstance): void;
