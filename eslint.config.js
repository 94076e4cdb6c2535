import js from "@eslint/js";
import tseslint from "typescript-eslint";
import { layerConfig } from "./eslint/layer-rule.js";

export default tseslint.config(
  {
    ignores: [
      "dist/",
      "dist-bench/",
      "bench/results/",
      "node_modules/",
      "coverage/",
      "scripts/",
      "src/runs/kernels/*.cjs",
      "src/runs/kernels/*.py",
      "src/sandbox/docker/*.cjs",
      "test/fixtures/**/*.mjs",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { arguments: false } }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/require-await": "off",
    },
  },
  layerConfig,
  {
    files: ["eslint.config.js", "eslint/*.js"],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
