export {};
//# sourceMappingURL=event-repository.js.map