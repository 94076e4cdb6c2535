import { BlockList, isIPv4, isIPv6 } from "node:net";
const ipv4Ranges = [
    { network: "0.0.0.0", prefix: 8, reason: "unspecified" },
    { network: "10.0.0.0", prefix: 8, reason: "private" },
    { network: "100.64.0.0", prefix: 10, reason: "carrier-grade NAT" },
    { network: "127.0.0.0", prefix: 8, reason: "loopback" },
    { network: "169.254.0.0", prefix: 16, reason: "link-local (cloud metadata)" },
    { network: "172.16.0.0", prefix: 12, reason: "private" },
    { network: "192.0.0.0", prefix: 24, reason: "special-purpose" },
    { network: "192.168.0.0", prefix: 16, reason: "private" },
    { network: "198.18.0.0", prefix: 15, reason: "benchmarking" },
    { network: "224.0.0.0", prefix: 4, reason: "multicast" },
    { network: "240.0.0.0", prefix: 4, reason: "reserved" },
];
const ipv6Ranges = [
    { network: "::", prefix: 128, reason: "unspecified" },
    { network: "::1", prefix: 128, reason: "loopback" },
    { network: "100::", prefix: 64, reason: "discard" },
    { network: "fc00::", prefix: 7, reason: "private (unique local, cloud metadata)" },
    { network: "fe80::", prefix: 10, reason: "link-local" },
    { network: "fec0::", prefix: 10, reason: "site-local" },
    { network: "ff00::", prefix: 8, reason: "multicast" },
];
const blockLists = ipv4Ranges.concat(ipv6Ranges).map((range) => {
    const list = new BlockList();
    list.addSubnet(range.network, range.prefix, isIPv4(range.network) ? "ipv4" : "ipv6");
    return { list, ...range };
});
/** Why an address is refused, or undefined when it is a public unicast address. */
export function forbiddenReason(address) {
    const embedded = embeddedIpv4(address);
    if (embedded !== undefined) {
        const reason = forbiddenReason(embedded);
        return reason === undefined ? undefined : `${reason} (in IPv6 form)`;
    }
    const family = isIPv4(address) ? "ipv4" : isIPv6(address) ? "ipv6" : undefined;
    if (family === undefined)
        return "not an IP address";
    for (const { list, reason } of blockLists)
        if (list.check(address, family))
            return reason;
    return undefined;
}
export function isLoopbackAddress(address) {
    return forbiddenReason(address)?.startsWith("loopback") === true;
}
/** The IPv4 address inside an IPv4-mapped, IPv4-compatible, NAT64 or 6to4 IPv6 address. */
function embeddedIpv4(address) {
    if (!isIPv6(address))
        return undefined;
    const groups = groupsOf(address);
    if (groups === undefined)
        return undefined;
    const lastTwo = (high, low) => [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
    const isZero = (from, to) => groups.slice(from, to).every((group) => group === 0);
    const [g0, g1, , , , g5, g6, g7] = groups;
    // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (compatible; ::, ::1 stay IPv6 loopback/unspecified).
    if (isZero(0, 5) && g5 === 0xffff)
        return lastTwo(g6, g7);
    if (isZero(0, 6) && (g6 !== 0 || g7 > 1))
        return lastTwo(g6, g7);
    // 64:ff9b::a.b.c.d (NAT64) and 2002:AABB:CCDD:: (6to4).
    if (g0 === 0x64 && g1 === 0xff9b && isZero(2, 6))
        return lastTwo(g6, g7);
    if (g0 === 0x2002)
        return lastTwo(g1, groups[2]);
    return undefined;
}
/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 part included). */
function groupsOf(address) {
    let text = address.split("%")[0] ?? "";
    const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
    if (dotted !== null) {
        const [a, b, c, d] = dotted.slice(1).map(Number);
        text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
    }
    const [head = "", tail] = text.split("::");
    const parse = (part) => part === "" ? [] : part.split(":").map((group) => parseInt(group, 16));
    const front = parse(head);
    const back = tail === undefined ? [] : parse(tail);
    const missing = 8 - front.length - back.length;
    if (missing < 0 || (tail === undefined && missing !== 0))
        return undefined;
    return [...front, ...new Array(missing).fill(0), ...back];
}
//# sourceMappingURL=forbidden-addresses.js.map