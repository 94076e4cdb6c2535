/**
 * What every failed client call throws: the server's `{error: {code, message,
 * field}}` when it answered, else a client-side code (`UNREACHABLE` when the
 * server could not be reached, `BAD_RESPONSE` when the answer was not ours).
 */
export class HangarClientError extends Error {
  readonly code: string;
  /** The HTTP status; undefined when no answer came. */
  readonly status: number | undefined;
  readonly field: string | undefined;

  constructor(
    code: string,
    message: string,
    options: { status?: number; field?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "HangarClientError";
    this.code = code;
    this.status = options.status;
    this.field = options.field;
  }
}

/** Builds the error from a non-2xx response, whatever its body. */
export async function errorFromResponse(response: Response): Promise<HangarClientError> {
  const text = await response.text().catch(() => "");
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown; field?: unknown } };
    const error = body.error;
    if (error !== undefined && typeof error.code === "string" && typeof error.message === "string") {
      return new HangarClientError(error.code, error.message, {
        status: response.status,
        ...(typeof error.field === "string" ? { field: error.field } : {}),
      });
    }
  } catch {
    // Not JSON: a proxy or something that is not Hangar answered.
  }
  const detail = text.trim().slice(0, 200);
  return new HangarClientError(
    `HTTP_${response.status}`,
    `the server answered ${response.status}${detail ? `: ${detail}` : ""}`,
    {
      status: response.status,
    },
  );
}
