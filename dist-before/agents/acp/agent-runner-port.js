export {};
//# sourceMappingURL=agent-runner-port.js.map