export {};
//# sourceMappingURL=health-report.js.map