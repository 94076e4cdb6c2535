/**
 * A fetch that tells whether the server answered: the client reconnects on
 * its own (`watch` resumes with Last-Event-ID), and this is how the status
 * bar learns it is reconnecting and when it is live again. A request we
 * aborted ourselves (quitting, `/new`) says nothing.
 */
export function connectionReportingFetch(
  report: (isReachable: boolean) => void,
  underlying: typeof fetch = globalThis.fetch,
): typeof fetch {
  return async (input, init) => {
    try {
      const response = await underlying(input, init);
      report(response.status < 500);
      return response;
    } catch (error) {
      if (init?.signal?.aborted !== true) report(false);
      throw error;
    }
  };
}
