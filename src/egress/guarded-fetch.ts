import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { HangarError } from "../core/errors.js";
import { forbiddenReason } from "./forbidden-addresses.js";

/**
 * The fetch of the built-in agent's HTTP MCP clients. They run on the host,
 * where a loopback, private or link-local address reaches Hangar's own ports,
 * the LAN and the cloud metadata service; so, unless the operator allowed it
 * for that server (`allow_private_address`), every address the name resolves
 * to must be public, by the same rules as the sandboxes' egress proxy.
 *
 * The name is resolved again by fetch itself: a DNS answer that changes between
 * the two lookups (rebinding) is not caught here. The URL comes from the
 * operator's configuration, never from the model or a request.
 */
export function guardedFetch(options: { allowPrivateAddress: boolean }): typeof fetch {
  return async (input, init) => {
    if (!options.allowPrivateAddress) {
      const url = new URL(input instanceof Request ? input.url : String(input));
      await requirePublicHost(url.hostname);
    }
    return fetch(input, init);
  };
}

export async function requirePublicHost(hostname: string): Promise<void> {
  const bare = hostname.replace(/^\[|\]$/g, "");
  const addresses =
    isIP(bare) !== 0
      ? [bare]
      : (await lookup(bare, { all: true, verbatim: true })).map((entry) => entry.address);
  for (const address of addresses) {
    const reason = forbiddenReason(address);
    if (reason !== undefined) {
      throw new HangarError(
        "FORBIDDEN",
        `${hostname} is a ${reason} address (${address}); set allow_private_address = true on this MCP server to allow it`,
      );
    }
  }
}
