export {};
//# sourceMappingURL=bind-mount.js.map