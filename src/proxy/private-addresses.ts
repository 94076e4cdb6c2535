import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { HangarError } from "../core/errors.js";

/**
 * A bearer credential's base URL is chosen by whoever adds the credential, so on a shared
 * server it could point the proxy at the host itself, the cloud metadata address or the
 * private network. Unless `[proxy] allow_private_upstreams` is set, such upstreams are refused:
 * IP literals before connecting, names at connect time through the socket's own DNS lookup
 * (so a name that resolves differently later — DNS rebinding — is checked on every connection).
 */
const privateRanges = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  privateRanges.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["64:ff9b::", 96],
] as const) {
  privateRanges.addSubnet(network, prefix, "ipv6");
}

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return privateRanges.check(address, "ipv4");
  if (family !== 6) return true;
  // IPv4-mapped IPv6 (::ffff:127.0.0.1) is the IPv4 address in disguise.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped !== undefined) return privateRanges.check(mapped, "ipv4");
  return privateRanges.check(address, "ipv6");
}

export function privateUpstreamRefused(): HangarError {
  return new HangarError(
    "PROXY_PRIVATE_UPSTREAM",
    "this credential's base URL points at a loopback, private or link-local address; set [proxy] allow_private_upstreams to allow it",
  );
}

/** A `lookup` for node:http that fails the connection when a name resolves to a private address. */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error !== null) {
      callback(error, "", 0);
      return;
    }
    const allowed = addresses.filter((entry) => !isPrivateAddress(entry.address));
    if (allowed.length === 0 || allowed.length !== addresses.length) {
      callback(privateUpstreamRefused(), "", 0);
      return;
    }
    if (options.all === true) callback(null, allowed);
    else callback(null, allowed[0]?.address ?? "", allowed[0]?.family ?? 4);
  });
};
