export {};
//# sourceMappingURL=model-request-observation.js.map