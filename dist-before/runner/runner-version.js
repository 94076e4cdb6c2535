// Reported in the ready line, so the control plane can tell which runner a sandbox runs.
export const runnerVersion = "0.1.0";
//# sourceMappingURL=runner-version.js.map