import { errorCodes } from "fastify";
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
export function acceptJsonWithoutContentType(app) {
    const parseJson = app.getDefaultJsonParser("error", "error");
    app.addContentTypeParser("*", { parseAs: "string" }, (request, body, done) => {
        if (request.headers["content-type"] !== undefined || request.headers.origin !== undefined) {
            done(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(request.headers["content-type"] ?? "(none)"), undefined);
            return;
        }
        void parseJson(request, body.toString(), done);
    });
}
//# sourceMappingURL=json-without-content-type.js.map