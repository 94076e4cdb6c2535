import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";

/** Headers that describe one connection, not the message, and never cross a proxy (RFC 9110 §7.6.1). */
const hopByHopHeaders = new Set([
  "connection",
  "keep-alive",
  "proxy-authenticate",
  "proxy-authorization",
  "proxy-connection",
  "te",
  "trailer",
  "transfer-encoding",
  "upgrade",
]);

/** The end-to-end headers of a message, without the ones named in `dropped` or in its `Connection` header. */
export function endToEndHeaders(
  headers: IncomingHttpHeaders,
  dropped: Iterable<string> = [],
): OutgoingHttpHeaders {
  const skipped = new Set(dropped);
  const connection = headers.connection;
  if (typeof connection === "string") {
    for (const name of connection.split(",")) skipped.add(name.trim().toLowerCase());
  }
  const kept: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || hopByHopHeaders.has(name) || skipped.has(name)) continue;
    kept[name] = value;
  }
  return kept;
}

/** Whether a request's headers announce a body (a length other than 0, or a transfer coding). */
export function announcesBody(headers: IncomingHttpHeaders): boolean {
  const length = headers["content-length"];
  return headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}
