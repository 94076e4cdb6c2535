import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";
/** The end-to-end headers of a message, without the ones named in `dropped` or in its `Connection` header. */
export declare function endToEndHeaders(headers: IncomingHttpHeaders, dropped?: Iterable<string>): OutgoingHttpHeaders;
