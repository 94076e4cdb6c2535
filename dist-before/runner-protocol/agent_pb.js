// The agent runner's gRPC contract: what Hangar's control plane calls on the
// runner inside a sandbox, over a unix socket in the sandbox's channel
// directory. Modelled on RCoder's published agent.proto (package `agent`,
// nuwax-ai/rcoder): the service, method and field names are kept where they
// fit, so RCoder-style tooling can talk to a Hangar runner. Fields RCoder has
// and Hangar does not need are left out; Hangar's additions are numbered from
// 20 so they never collide with RCoder's.
import { enumDesc, fileDesc, messageDesc, serviceDesc } from "@bufbuild/protobuf/codegenv2";
/**
 * Describes the file agent.proto.
 */
export const file_agent = /*@__PURE__*/ fileDesc("CgthZ2VudC5wcm90bxIFYWdlbnQi/wIKC0NoYXRSZXF1ZXN0EhIKCnByb2plY3RfaWQYASABKAkSEgoKc2Vzc2lvbl9pZBgCIAEoCRIOCgZwcm9tcHQYAyABKAkSNQoMbW9kZWxfY29uZmlnGAQgASgLMhouYWdlbnQuTW9kZWxQcm92aWRlckNvbmZpZ0gAiAEBEhcKCnJlcXVlc3RfaWQYBiABKAlIAYgBARIaCg1zeXN0ZW1fcHJvbXB0GAggASgJSAKIAQESMQoMYWdlbnRfY29uZmlnGAogASgLMhYuYWdlbnQuQ2hhdEFnZW50Q29uZmlnSAOIAQESGwoOYWNwX3Nlc3Npb25faWQYFCABKAlIBIgBARIXCgp0cmFuc2NyaXB0GBUgASgJSAWIAQFCDwoNX21vZGVsX2NvbmZpZ0INCgtfcmVxdWVzdF9pZEIQCg5fc3lzdGVtX3Byb21wdEIPCg1fYWdlbnRfY29uZmlnQhEKD19hY3Bfc2Vzc2lvbl9pZEINCgtfdHJhbnNjcmlwdCKTAgoMQ2hhdFJlc3BvbnNlEhIKCnByb2plY3RfaWQYASABKAkSEgoKc2Vzc2lvbl9pZBgCIAEoCRIPCgdzdWNjZXNzGAMgASgIEhIKBWVycm9yGAQgASgJSACIAQESFwoKcmVxdWVzdF9pZBgFIAEoCUgBiAEBEhcKCmVycm9yX2NvZGUYBiABKAlIAogBARIaCg1hZ2VudF92ZXJzaW9uGAogASgJSAOIAQESFgoOYWNwX3Nlc3Npb25faWQYFCABKAkSFgoOc2Vzc2lvbl9vcmlnaW4YFSABKAlCCAoGX2Vycm9yQg0KC19yZXF1ZXN0X2lkQg0KC19lcnJvcl9jb2RlQhAKDl9hZ2VudF92ZXJzaW9uIkkKD1Byb2dyZXNzUmVxdWVzdBISCgpzZXNzaW9uX2lkGAEgASgJEhUKCGZyb21fc2VxGAIgASgESACIAQFCCwoJX2Zyb21fc2VxIpABCg1Qcm9ncmVzc0V2ZW50EhQKDG1lc3NhZ2VfdHlwZRgBIAEoCRIQCghzdWJfdHlwZRgCIAEoCRIPCgdwYXlsb2FkGAMgASgJEhcKCnJlcXVlc3RfaWQYBCABKAlIAIgBARILCgNzZXEYBSABKAQSEQoJdGltZXN0YW1wGAsgASgDQg0KC19yZXF1ZXN0X2lkIkcKDUNhbmNlbFJlcXVlc3QSEgoKc2Vzc2lvbl9pZBgBIAEoCRIOCgZyZWFzb24YAiABKAkSEgoKcHJvamVjdF9pZBgDIAEoCSJsCg5DYW5jZWxSZXNwb25zZRIPCgdzdWNjZXNzGAEgASgIEicKBnJlc3VsdBgCIAEoDjIXLmFnZW50LkNhbmNlbFJlc3VsdFR5cGUSFAoHbWVzc2FnZRgDIAEoCUgAiAEBQgoKCF9tZXNzYWdlIpEBChhSZXNvbHZlUGVybWlzc2lvblJlcXVlc3QSEgoKc2Vzc2lvbl9pZBgBIAEoCRIUCgx0b29sX2NhbGxfaWQYAiABKAkSFgoJb3B0aW9uX2lkGAMgASgJSACIAQESEQoJY2FuY2VsbGVkGAQgASgIEhIKCnByb2plY3RfaWQYBiABKAlCDAoKX29wdGlvbl9pZCLMAQoZUmVzb2x2ZVBlcm1pc3Npb25SZXNwb25zZRIPCgdzdWNjZXNzGAEgASgIEhIKCnNlc3Npb25faWQYAiABKAkSFAoMdG9vbF9jYWxsX2lkGAMgASgJEhkKDG91dGNvbWVfanNvbhgEIAEoCUgAiAEBEhcKCmVycm9yX2NvZGUYBiABKAlIAYgBARIUCgdtZXNzYWdlGAcgASgJSAKIAQFCDwoNX291dGNvbWVfanNvbkINCgtfZXJyb3JfY29kZUIKCghfbWVzc2FnZSI6ChBHZXRTdGF0dXNSZXF1ZXN0EhIKCnByb2plY3RfaWQYASABKAkSEgoKc2Vzc2lvbl9pZBgCIAEoCSJ3ChFHZXRTdGF0dXNSZXNwb25zZRIOCgZzdGF0dXMYASABKAkSEAoIaXNfZm91bmQYAiABKAgSEAoIbGFzdF9zZXEYFCABKAQSFgoOZmlyc3RfaGVsZF9zZXEYFSABKAQSFgoOYWNwX3Nlc3Npb25faWQYFiABKAkiaQoQU3RvcEFnZW50UmVxdWVzdBISCgpwcm9qZWN0X2lkGAEgASgJEhMKBnJlYXNvbhgCIAEoCUgAiAEBEg0KBWZvcmNlGAMgASgIEhIKCnNlc3Npb25faWQYFCABKAlCCQoHX3JlYXNvbiJqChFTdG9wQWdlbnRSZXNwb25zZRIPCgdzdWNjZXNzGAEgASgIEg4KBnJlc3VsdBgCIAEoCRIUCgdtZXNzYWdlGAMgASgJSACIAQESEgoKcHJvamVjdF9pZBgEIAEoCUIKCghfbWVzc2FnZSLYAQoTTW9kZWxQcm92aWRlckNvbmZpZxIKCgJpZBgBIAEoCRIQCghwcm92aWRlchgCIAEoCRINCgVtb2RlbBgDIAEoCRIUCgdhcGlfa2V5GAQgASgJSACIAQESFQoIYXBpX2Jhc2UYBSABKAlIAYgBARIZCgxhcGlfcHJvdG9jb2wYByABKAlIAogBARIVCgh3aXJlX2FwaRgIIAEoCUgDiAEBQgoKCF9hcGlfa2V5QgsKCV9hcGlfYmFzZUIPCg1fYXBpX3Byb3RvY29sQgsKCV93aXJlX2FwaSJbCg9DaGF0QWdlbnRDb25maWcSNwoMYWdlbnRfc2VydmVyGAEgASgLMhwuYWdlbnQuQ2hhdEFnZW50U2VydmVyQ29uZmlnSACIAQFCDwoNX2FnZW50X3NlcnZlciKNBAoVQ2hhdEFnZW50U2VydmVyQ29uZmlnEhUKCGFnZW50X2lkGAEgASgJSACIAQESFAoHY29tbWFuZBgCIAEoCUgBiAEBEgwKBGFyZ3MYAyADKAkSMgoDZW52GAQgAygLMiUuYWdlbnQuQ2hhdEFnZW50U2VydmVyQ29uZmlnLkVudkVudHJ5EjwKCG1ldGFkYXRhGAUgAygLMiouYWdlbnQuQ2hhdEFnZW50U2VydmVyQ29uZmlnLk1ldGFkYXRhRW50cnkSFwoKYWdlbnRfbW9kZRgHIAEoCUgCiAEBEhQKB3ZlcnNpb24YCSABKAlIA4gBARI/Cgpob21lX2ZpbGVzGBQgAygLMisuYWdlbnQuQ2hhdEFnZW50U2VydmVyQ29uZmlnLkhvbWVGaWxlc0VudHJ5EhQKDGNhcGFiaWxpdGllcxgVIAMoCRoqCghFbnZFbnRyeRILCgNrZXkYASABKAkSDQoFdmFsdWUYAiABKAk6AjgBGi8KDU1ldGFkYXRhRW50cnkSCwoDa2V5GAEgASgJEg0KBXZhbHVlGAIgASgJOgI4ARowCg5Ib21lRmlsZXNFbnRyeRILCgNrZXkYASABKAkSDQoFdmFsdWUYAiABKAk6AjgBQgsKCV9hZ2VudF9pZEIKCghfY29tbWFuZEINCgtfYWdlbnRfbW9kZUIKCghfdmVyc2lvbiJAChlHZXRDb250YWluZXJTdGF0dXNSZXF1ZXN0Eg8KB3VzZXJfaWQYASABKAkSEgoKcHJvamVjdF9pZBgCIAEoCSK9AQoaR2V0Q29udGFpbmVyU3RhdHVzUmVzcG9uc2USEQoJaXNfYWN0aXZlGAEgASgIEhQKDGFjdGl2ZV90YXNrcxgCIAEoBRIWCg51cHRpbWVfc2Vjb25kcxgDIAEoAxIOCgZzdGF0dXMYBCABKAkSGAoLY3B1X3BlcmNlbnQYBSABKAFIAIgBARIWCgltZW1vcnlfbWIYBiABKANIAYgBAUIOCgxfY3B1X3BlcmNlbnRCDAoKX21lbW9yeV9tYiJfChNHZXRWbmNTdGF0dXNSZXF1ZXN0EhQKB3VzZXJfaWQYASABKAlIAIgBARIXCgpwcm9qZWN0X2lkGAIgASgJSAGIAQFCCgoIX3VzZXJfaWRCDQoLX3Byb2plY3RfaWQiZwoUR2V0Vm5jU3RhdHVzUmVzcG9uc2USEQoJdm5jX3JlYWR5GAEgASgIEhMKC25vdm5jX3JlYWR5GAIgASgIEg8KB21lc3NhZ2UYAyABKAkSFgoOdXB0aW1lX3NlY29uZHMYBCABKAMiOAoKU3lzdGVtSW5mbxIKCgJvcxgBIAEoCRIMCgRhcmNoGAIgASgJEhAKCHBsYXRmb3JtGAMgASgJIuoBCglBZ2VudEluZm8SEAoIYWdlbnRfaWQYASABKAkSKAoMaW5zdGFsbF90eXBlGAIgASgOMhIuYWdlbnQuSW5zdGFsbFR5cGUSKQoGc3RhdHVzGAMgASgOMhkuYWdlbnQuQWdlbnRJbnN0YWxsU3RhdHVzEhQKB3ZlcnNpb24YBCABKAlIAIgBARIYCgtiaW5hcnlfcGF0aBgFIAEoCUgBiAEBEhkKDGluc3RhbGxlZF9hdBgGIAEoA0gCiAEBQgoKCF92ZXJzaW9uQg4KDF9iaW5hcnlfcGF0aEIPCg1faW5zdGFsbGVkX2F0Ik0KEVN0YXRpY0NoZWNrUmVzdWx0EhMKC2ZpbGVfZXhpc3RzGAEgASgIEhIKCmV4ZWN1dGFibGUYAiABKAgSDwoHaW5fcGF0aBgDIAEoCCL/AQoPQWdlbnREZXRhaWxJbmZvEhAKCGFnZW50X2lkGAEgASgJEigKDGluc3RhbGxfdHlwZRgCIAEoDjISLmFnZW50Lkluc3RhbGxUeXBlEhEKCWluc3RhbGxlZBgDIAEoCBIpCgZzdGF0dXMYBCABKA4yGS5hZ2VudC5BZ2VudEluc3RhbGxTdGF0dXMSFAoHdmVyc2lvbhgFIAEoCUgAiAEBEh8KF3ZlcnNpb25fY2hlY2tfc3VwcG9ydGVkGAYgASgIEi8KDXN0YXRpY19jaGVja3MYByABKAsyGC5hZ2VudC5TdGF0aWNDaGVja1Jlc3VsdEIKCghfdmVyc2lvbiIZChFMaXN0QWdlbnRzUmVxdWVzdEoECAEQAiKCAQoSTGlzdEFnZW50c1Jlc3BvbnNlEiYKC3N5c3RlbV9pbmZvGAEgASgLMhEuYWdlbnQuU3lzdGVtSW5mbxIgCgZhZ2VudHMYAiADKAsyEC5hZ2VudC5BZ2VudEluZm8SDQoFdG90YWwYAyABKAUSEwoLaW5zdGFsbF9kaXIYBCABKAkiRwoRQ2hlY2tBZ2VudFJlcXVlc3QSEAoIYWdlbnRfaWQYASABKAkSFAoHdmVyc2lvbhgCIAEoCUgAiAEBQgoKCF92ZXJzaW9uImMKEkNoZWNrQWdlbnRSZXNwb25zZRImCgtzeXN0ZW1faW5mbxgBIAEoCzIRLmFnZW50LlN5c3RlbUluZm8SJQoFYWdlbnQYAiABKAsyFi5hZ2VudC5BZ2VudERldGFpbEluZm8iSwoVVW5pbnN0YWxsQWdlbnRSZXF1ZXN0EhAKCGFnZW50X2lkGAEgASgJEhQKB3ZlcnNpb24YBCABKAlIAIgBAUIKCghfdmVyc2lvbiKDAQoWVW5pbnN0YWxsQWdlbnRSZXNwb25zZRITCgt1bmluc3RhbGxlZBgBIAEoCBIoCgxpbnN0YWxsX3R5cGUYAiABKA4yEi5hZ2VudC5JbnN0YWxsVHlwZRIQCghhZ2VudF9pZBgDIAEoCRIYChByZW1vdmVkX3ZlcnNpb25zGAUgAygJIo8DChNJbnN0YWxsQWdlbnRSZXF1ZXN0EjUKCG1ldGFkYXRhGAEgASgLMiMuYWdlbnQuSW5zdGFsbEFnZW50UmVxdWVzdC5NZXRhZGF0YRIMCgRkYXRhGAIgASgMGrICCghNZXRhZGF0YRIVCghhZ2VudF9pZBgBIAEoCUgAiAEBEhQKB2NvbW1hbmQYAiABKAlIAYgBARIMCgRhcmdzGAMgAygJEhMKBnNoYTI1NhgEIAEoCUgCiAEBEi0KDGluc3RhbGxfdHlwZRgFIAEoDjISLmFnZW50Lkluc3RhbGxUeXBlSAOIAQESFwoKc291cmNlX3VybBgGIAEoCUgEiAEBEhgKC25wbV9wYWNrYWdlGAcgASgJSAWIAQESFAoHdmVyc2lvbhgIIAEoCUgGiAEBQgsKCV9hZ2VudF9pZEIKCghfY29tbWFuZEIJCgdfc2hhMjU2Qg8KDV9pbnN0YWxsX3R5cGVCDQoLX3NvdXJjZV91cmxCDgoMX25wbV9wYWNrYWdlQgoKCF92ZXJzaW9uIr4BChRJbnN0YWxsQWdlbnRSZXNwb25zZRIQCghhZ2VudF9pZBgBIAEoCRIpCgZzdGF0dXMYAiABKA4yGS5hZ2VudC5BZ2VudEluc3RhbGxTdGF0dXMSEwoLYmluYXJ5X3BhdGgYAyABKAkSFAoHdmVyc2lvbhgHIAEoCUgAiAEBEg4KBmFjdGlvbhgUIAEoCRIRCglpbnN0YWxsZWQYFSABKAgSDwoHbWVzc2FnZRgYIAEoCUIKCghfdmVyc2lvbiqBAQoQQ2FuY2VsUmVzdWx0VHlwZRIdChlDQU5DRUxfUkVTVUxUX1VOU1BFQ0lGSUVEEAASGQoVQ0FOQ0VMX1JFU1VMVF9TVUNDRVNTEAESGAoUQ0FOQ0VMX1JFU1VMVF9GQUlMRUQQAhIZChVDQU5DRUxfUkVTVUxUX1RJTUVPVVQQAyqKAQoLSW5zdGFsbFR5cGUSHAoYSU5TVEFMTF9UWVBFX1VOU1BFQ0lGSUVEEAASGAoUSU5TVEFMTF9UWVBFX0JVSUxUSU4QARIXChNJTlNUQUxMX1RZUEVfQklOQVJZEAISFAoQSU5TVEFMTF9UWVBFX05QTRADEhQKEElOU1RBTExfVFlQRV9VUkwQBCqnAQoSQWdlbnRJbnN0YWxsU3RhdHVzEiQKIEFHRU5UX0lOU1RBTExfU1RBVFVTX1VOU1BFQ0lGSUVEEAASIgoeQUdFTlRfSU5TVEFMTF9TVEFUVVNfQVZBSUxBQkxFEAESHwobQUdFTlRfSU5TVEFMTF9TVEFUVVNfQlJPS0VOEAISJgoiQUdFTlRfSU5TVEFMTF9TVEFUVVNfTk9UX0lOU1RBTExFRBADMr4ECgxBZ2VudFNlcnZpY2USLwoEQ2hhdBISLmFnZW50LkNoYXRSZXF1ZXN0GhMuYWdlbnQuQ2hhdFJlc3BvbnNlEkMKEVN1YnNjcmliZVByb2dyZXNzEhYuYWdlbnQuUHJvZ3Jlc3NSZXF1ZXN0GhQuYWdlbnQuUHJvZ3Jlc3NFdmVudDABEjwKDUNhbmNlbFNlc3Npb24SFC5hZ2VudC5DYW5jZWxSZXF1ZXN0GhUuYWdlbnQuQ2FuY2VsUmVzcG9uc2USVgoRUmVzb2x2ZVBlcm1pc3Npb24SHy5hZ2VudC5SZXNvbHZlUGVybWlzc2lvblJlcXVlc3QaIC5hZ2VudC5SZXNvbHZlUGVybWlzc2lvblJlc3BvbnNlEj4KCUdldFN0YXR1cxIXLmFnZW50LkdldFN0YXR1c1JlcXVlc3QaGC5hZ2VudC5HZXRTdGF0dXNSZXNwb25zZRI+CglTdG9wQWdlbnQSFy5hZ2VudC5TdG9wQWdlbnRSZXF1ZXN0GhguYWdlbnQuU3RvcEFnZW50UmVzcG9uc2USWQoSR2V0Q29udGFpbmVyU3RhdHVzEiAuYWdlbnQuR2V0Q29udGFpbmVyU3RhdHVzUmVxdWVzdBohLmFnZW50LkdldENvbnRhaW5lclN0YXR1c1Jlc3BvbnNlEkcKDEdldFZuY1N0YXR1cxIaLmFnZW50LkdldFZuY1N0YXR1c1JlcXVlc3QaGy5hZ2VudC5HZXRWbmNTdGF0dXNSZXNwb25zZTKyAgoQQWdlbnRNZ210U2VydmljZRJBCgpMaXN0QWdlbnRzEhguYWdlbnQuTGlzdEFnZW50c1JlcXVlc3QaGS5hZ2VudC5MaXN0QWdlbnRzUmVzcG9uc2USSQoMSW5zdGFsbEFnZW50EhouYWdlbnQuSW5zdGFsbEFnZW50UmVxdWVzdBobLmFnZW50Lkluc3RhbGxBZ2VudFJlc3BvbnNlKAESTQoOVW5pbnN0YWxsQWdlbnQSHC5hZ2VudC5Vbmluc3RhbGxBZ2VudFJlcXVlc3QaHS5hZ2VudC5Vbmluc3RhbGxBZ2VudFJlc3BvbnNlEkEKCkNoZWNrQWdlbnQSGC5hZ2VudC5DaGVja0FnZW50UmVxdWVzdBoZLmFnZW50LkNoZWNrQWdlbnRSZXNwb25zZWIGcHJvdG8z");
/**
 * Describes the message agent.ChatRequest.
 * Use `create(ChatRequestSchema)` to create a new message.
 */
export const ChatRequestSchema = /*@__PURE__*/ messageDesc(file_agent, 0);
/**
 * Describes the message agent.ChatResponse.
 * Use `create(ChatResponseSchema)` to create a new message.
 */
export const ChatResponseSchema = /*@__PURE__*/ messageDesc(file_agent, 1);
/**
 * Describes the message agent.ProgressRequest.
 * Use `create(ProgressRequestSchema)` to create a new message.
 */
export const ProgressRequestSchema = /*@__PURE__*/ messageDesc(file_agent, 2);
/**
 * Describes the message agent.ProgressEvent.
 * Use `create(ProgressEventSchema)` to create a new message.
 */
export const ProgressEventSchema = /*@__PURE__*/ messageDesc(file_agent, 3);
/**
 * Describes the message agent.CancelRequest.
 * Use `create(CancelRequestSchema)` to create a new message.
 */
export const CancelRequestSchema = /*@__PURE__*/ messageDesc(file_agent, 4);
/**
 * Describes the message agent.CancelResponse.
 * Use `create(CancelResponseSchema)` to create a new message.
 */
export const CancelResponseSchema = /*@__PURE__*/ messageDesc(file_agent, 5);
/**
 * Describes the message agent.ResolvePermissionRequest.
 * Use `create(ResolvePermissionRequestSchema)` to create a new message.
 */
export const ResolvePermissionRequestSchema = /*@__PURE__*/ messageDesc(file_agent, 6);
/**
 * Describes the message agent.ResolvePermissionResponse.
 * Use `create(ResolvePermissionResponseSchema)` to create a new message.
 */
export const ResolvePermissionResponseSchema = /*@__PURE__*/ messageDesc(file_agent, 7);
/**
 * Describes the message agent.GetStatusRequest.
 * Use `create(GetStatusRequestSchema)` to create a new message.
 */
export const GetStatusRequestSchema = /*@__PURE__*/ messageDesc(file_agent, 8);
/**
 * Describes the message agent.GetStatusResponse.
 * Use `create(GetStatusResponseSchema)` to create a new message.
 */
export const GetStatusResponseSchema = /*@__PURE__*/ messageDesc(file_agent, 9);
/**
 * Describes the message agent.StopAgentRequest.
 * Use `create(StopAgentRequestSchema)` to create a new message.
 */
export const StopAgentRequestSchema = /*@__PURE__*/ messageDesc(file_agent, 10);
/**
 * Describes the message agent.StopAgentResponse.
 * Use `create(StopAgentResponseSchema)` to create a new message.
 */
export const StopAgentResponseSchema = /*@__PURE__*/ messageDesc(file_agent, 11);
/**
 * Describes the message agent.ModelProviderConfig.
 * Use `create(ModelProviderConfigSchema)` to create a new message.
 */
export const ModelProviderConfigSchema = /*@__PURE__*/ messageDesc(file_agent, 12);
/**
 * Describes the message agent.ChatAgentConfig.
 * Use `create(ChatAgentConfigSchema)` to create a new message.
 */
export const ChatAgentConfigSchema = /*@__PURE__*/ messageDesc(file_agent, 13);
/**
 * Describes the message agent.ChatAgentServerConfig.
 * Use `create(ChatAgentServerConfigSchema)` to create a new message.
 */
export const ChatAgentServerConfigSchema = /*@__PURE__*/ messageDesc(file_agent, 14);
/**
 * Describes the message agent.GetContainerStatusRequest.
 * Use `create(GetContainerStatusRequestSchema)` to create a new message.
 */
export const GetContainerStatusRequestSchema = /*@__PURE__*/ messageDesc(file_agent, 15);
/**
 * Describes the message agent.GetContainerStatusResponse.
 * Use `create(GetContainerStatusResponseSchema)` to create a new message.
 */
export const GetContainerStatusResponseSchema = /*@__PURE__*/ messageDesc(file_agent, 16);
/**
 * Describes the message agent.GetVncStatusRequest.
 * Use `create(GetVncStatusRequestSchema)` to create a new message.
 */
export const GetVncStatusRequestSchema = /*@__PURE__*/ messageDesc(file_agent, 17);
/**
 * Describes the message agent.GetVncStatusResponse.
 * Use `create(GetVncStatusResponseSchema)` to create a new message.
 */
export const GetVncStatusResponseSchema = /*@__PURE__*/ messageDesc(file_agent, 18);
/**
 * Describes the message agent.SystemInfo.
 * Use `create(SystemInfoSchema)` to create a new message.
 */
export const SystemInfoSchema = /*@__PURE__*/ messageDesc(file_agent, 19);
/**
 * Describes the message agent.AgentInfo.
 * Use `create(AgentInfoSchema)` to create a new message.
 */
export const AgentInfoSchema = /*@__PURE__*/ messageDesc(file_agent, 20);
/**
 * Describes the message agent.StaticCheckResult.
 * Use `create(StaticCheckResultSchema)` to create a new message.
 */
export const StaticCheckResultSchema = /*@__PURE__*/ messageDesc(file_agent, 21);
/**
 * Describes the message agent.AgentDetailInfo.
 * Use `create(AgentDetailInfoSchema)` to create a new message.
 */
export const AgentDetailInfoSchema = /*@__PURE__*/ messageDesc(file_agent, 22);
/**
 * Describes the message agent.ListAgentsRequest.
 * Use `create(ListAgentsRequestSchema)` to create a new message.
 */
export const ListAgentsRequestSchema = /*@__PURE__*/ messageDesc(file_agent, 23);
/**
 * Describes the message agent.ListAgentsResponse.
 * Use `create(ListAgentsResponseSchema)` to create a new message.
 */
export const ListAgentsResponseSchema = /*@__PURE__*/ messageDesc(file_agent, 24);
/**
 * Describes the message agent.CheckAgentRequest.
 * Use `create(CheckAgentRequestSchema)` to create a new message.
 */
export const CheckAgentRequestSchema = /*@__PURE__*/ messageDesc(file_agent, 25);
/**
 * Describes the message agent.CheckAgentResponse.
 * Use `create(CheckAgentResponseSchema)` to create a new message.
 */
export const CheckAgentResponseSchema = /*@__PURE__*/ messageDesc(file_agent, 26);
/**
 * Describes the message agent.UninstallAgentRequest.
 * Use `create(UninstallAgentRequestSchema)` to create a new message.
 */
export const UninstallAgentRequestSchema = /*@__PURE__*/ messageDesc(file_agent, 27);
/**
 * Describes the message agent.UninstallAgentResponse.
 * Use `create(UninstallAgentResponseSchema)` to create a new message.
 */
export const UninstallAgentResponseSchema = /*@__PURE__*/ messageDesc(file_agent, 28);
/**
 * Describes the message agent.InstallAgentRequest.
 * Use `create(InstallAgentRequestSchema)` to create a new message.
 */
export const InstallAgentRequestSchema = /*@__PURE__*/ messageDesc(file_agent, 29);
/**
 * Describes the message agent.InstallAgentRequest.Metadata.
 * Use `create(InstallAgentRequest_MetadataSchema)` to create a new message.
 */
export const InstallAgentRequest_MetadataSchema = /*@__PURE__*/ messageDesc(file_agent, 29, 0);
/**
 * Describes the message agent.InstallAgentResponse.
 * Use `create(InstallAgentResponseSchema)` to create a new message.
 */
export const InstallAgentResponseSchema = /*@__PURE__*/ messageDesc(file_agent, 30);
/**
 * @generated from enum agent.CancelResultType
 */
export var CancelResultType;
(function (CancelResultType) {
    /**
     * @generated from enum value: CANCEL_RESULT_UNSPECIFIED = 0;
     */
    CancelResultType[CancelResultType["CANCEL_RESULT_UNSPECIFIED"] = 0] = "CANCEL_RESULT_UNSPECIFIED";
    /**
     * @generated from enum value: CANCEL_RESULT_SUCCESS = 1;
     */
    CancelResultType[CancelResultType["CANCEL_RESULT_SUCCESS"] = 1] = "CANCEL_RESULT_SUCCESS";
    /**
     * @generated from enum value: CANCEL_RESULT_FAILED = 2;
     */
    CancelResultType[CancelResultType["CANCEL_RESULT_FAILED"] = 2] = "CANCEL_RESULT_FAILED";
    /**
     * @generated from enum value: CANCEL_RESULT_TIMEOUT = 3;
     */
    CancelResultType[CancelResultType["CANCEL_RESULT_TIMEOUT"] = 3] = "CANCEL_RESULT_TIMEOUT";
})(CancelResultType || (CancelResultType = {}));
/**
 * Describes the enum agent.CancelResultType.
 */
export const CancelResultTypeSchema = /*@__PURE__*/ enumDesc(file_agent, 0);
/**
 * @generated from enum agent.InstallType
 */
export var InstallType;
(function (InstallType) {
    /**
     * @generated from enum value: INSTALL_TYPE_UNSPECIFIED = 0;
     */
    InstallType[InstallType["UNSPECIFIED"] = 0] = "UNSPECIFIED";
    /**
     * @generated from enum value: INSTALL_TYPE_BUILTIN = 1;
     */
    InstallType[InstallType["BUILTIN"] = 1] = "BUILTIN";
    /**
     * @generated from enum value: INSTALL_TYPE_BINARY = 2;
     */
    InstallType[InstallType["BINARY"] = 2] = "BINARY";
    /**
     * @generated from enum value: INSTALL_TYPE_NPM = 3;
     */
    InstallType[InstallType["NPM"] = 3] = "NPM";
    /**
     * @generated from enum value: INSTALL_TYPE_URL = 4;
     */
    InstallType[InstallType["URL"] = 4] = "URL";
})(InstallType || (InstallType = {}));
/**
 * Describes the enum agent.InstallType.
 */
export const InstallTypeSchema = /*@__PURE__*/ enumDesc(file_agent, 1);
/**
 * @generated from enum agent.AgentInstallStatus
 */
export var AgentInstallStatus;
(function (AgentInstallStatus) {
    /**
     * @generated from enum value: AGENT_INSTALL_STATUS_UNSPECIFIED = 0;
     */
    AgentInstallStatus[AgentInstallStatus["UNSPECIFIED"] = 0] = "UNSPECIFIED";
    /**
     * @generated from enum value: AGENT_INSTALL_STATUS_AVAILABLE = 1;
     */
    AgentInstallStatus[AgentInstallStatus["AVAILABLE"] = 1] = "AVAILABLE";
    /**
     * @generated from enum value: AGENT_INSTALL_STATUS_BROKEN = 2;
     */
    AgentInstallStatus[AgentInstallStatus["BROKEN"] = 2] = "BROKEN";
    /**
     * @generated from enum value: AGENT_INSTALL_STATUS_NOT_INSTALLED = 3;
     */
    AgentInstallStatus[AgentInstallStatus["NOT_INSTALLED"] = 3] = "NOT_INSTALLED";
})(AgentInstallStatus || (AgentInstallStatus = {}));
/**
 * Describes the enum agent.AgentInstallStatus.
 */
export const AgentInstallStatusSchema = /*@__PURE__*/ enumDesc(file_agent, 2);
/**
 * @generated from service agent.AgentService
 */
export const AgentService = /*@__PURE__*/ serviceDesc(file_agent, 0);
/**
 * Agents are installed by the control plane (`hangar agents install`) and
 * mounted read-only into the sandbox; the runner lists and checks them but
 * never downloads (the sandbox has no network).
 *
 * @generated from service agent.AgentMgmtService
 */
export const AgentMgmtService = /*@__PURE__*/ serviceDesc(file_agent, 1);
//# sourceMappingURL=agent_pb.js.map