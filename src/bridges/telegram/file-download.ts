import { HangarError } from "../../core/errors.js";

/**
 * Fetches a file a user attached: getFile gives its path, the bytes come from
 * `<apiRoot>/file/bot<token>/<path>`. A size Telegram already told us is checked
 * before asking; the body is counted while it arrives, so a file larger than
 * `maxBytes` is never held whole.
 */
export async function downloadFile(request: {
  readonly getFilePath: () => Promise<string | undefined>;
  readonly url: (path: string) => string;
  readonly knownSize: number | undefined;
  readonly maxBytes: number;
  readonly signal: AbortSignal;
}): Promise<Uint8Array> {
  const tooLarge = (size: number) =>
    new HangarError(
      "PAYLOAD_TOO_LARGE",
      `the attached file is ${size} bytes; the limit is ${request.maxBytes}`,
    );
  if (request.knownSize !== undefined && request.knownSize > request.maxBytes)
    throw tooLarge(request.knownSize);
  const path = await request.getFilePath();
  if (path === undefined)
    throw new HangarError("NOT_FOUND", "Telegram has no download path for the attached file");
  const response = await fetch(request.url(path), { signal: request.signal });
  if (!response.ok || !response.body) {
    throw new HangarError("BAD_REQUEST", `downloading the attached file failed: HTTP ${response.status}`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > request.maxBytes) {
      await reader.cancel();
      throw tooLarge(total);
    }
    chunks.push(value);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
