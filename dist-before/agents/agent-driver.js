export {};
//# sourceMappingURL=agent-driver.js.map