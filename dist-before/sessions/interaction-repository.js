export {};
//# sourceMappingURL=interaction-repository.js.map