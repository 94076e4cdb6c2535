export {};
//# sourceMappingURL=session-events-emitter.js.map