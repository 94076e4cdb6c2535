export {};
//# sourceMappingURL=agent-tool.js.map