export const maxRunsPerPage = 1000;
//# sourceMappingURL=run-repository.js.map