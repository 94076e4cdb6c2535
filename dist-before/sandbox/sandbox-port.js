export {};
//# sourceMappingURL=sandbox-port.js.map