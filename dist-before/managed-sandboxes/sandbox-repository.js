export {};
//# sourceMappingURL=sandbox-repository.js.map