/** Why an address is refused, or undefined when it is a public unicast address. */
export declare function forbiddenReason(address: string): string | undefined;
export declare function isLoopbackAddress(address: string): boolean;
