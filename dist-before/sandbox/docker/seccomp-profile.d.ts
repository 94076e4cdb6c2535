export interface SeccompProfile {
    defaultAction: "SCMP_ACT_ALLOW";
    architectures: string[];
    syscalls: {
        names: string[];
        action: "SCMP_ACT_ERRNO";
        errnoRet: number;
        args?: {
            index: number;
            value: number;
            valueTwo: number;
            op: "SCMP_CMP_MASKED_EQ";
        }[];
    }[];
}
export declare function seccompProfile(architecture?: string): SeccompProfile;
