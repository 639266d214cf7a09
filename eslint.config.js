// ESLint 9 flat config: the recommended JavaScript and typescript-eslint rules on everything the
// repository compiles or runs (sources, tests, benchmarks, scripts). Part of `npm test`.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  { ignores: ["dist/", "build/", "node_modules/", "runs/", "src/engine/asm/", "**/*.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "no-duplicate-imports": ["error", { includeExports: false }],
      eqeqeq: ["error", "always"],
      "no-restricted-syntax": ["error", {
        selector: "MemberExpression[object.name='Math'][property.name='random']",
        message: "every random step takes a seed: use createRng(seed) from src/engine",
      }],
    },
  },
  {
    files: ["scripts/browser-check/**", "src/serve/assets/**"],
    languageOptions: { globals: { ...globals.browser } },
  },
);
