export {};
//# sourceMappingURL=session-turn-repository.js.map