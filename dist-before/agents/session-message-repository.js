export {};
//# sourceMappingURL=session-message-repository.js.map