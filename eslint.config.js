// One lint configuration for the whole repo: typescript-eslint's recommended rules, React
// hooks rules for the mini-program, and a few of our own (no console in the BFF: use pino).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const FACE = 'import a feature through its index.ts (its public face), not a file inside it';
/** `…/features/<f>/<file>` from anywhere. */
const FEATURE_INSIDE = { regex: '(^|/)features/[^/]+/.', message: FACE };
/** `../<f>/<file>` from a file of another feature (a sibling folder's inside). */
const SIBLING_FEATURE_INSIDE = { regex: '^\\.\\./[^./][^/]*/.', message: FACE };

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'test-results/**', '.yima/**', 'miniprogram/babel.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['bff/src/**/*.ts'],
    ignores: ['bff/src/cli/**', 'bff/src/server.ts'],
    rules: { 'no-console': 'error' },
  },
  // A feature's public face is its index.ts (STYLE.md, 13): another feature imports
  // `../<feature>`, never `../<feature>/<file>`; code outside features (app.ts, cli, tests)
  // imports `features/<feature>`. test/build/staticChecks.test.ts shows a violation failing.
  {
    files: ['bff/src/features/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [FEATURE_INSIDE, SIBLING_FEATURE_INSIDE] }] },
  },
  {
    files: ['bff/src/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['bff/src/features/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [FEATURE_INSIDE] }] },
  },
  {
    files: ['miniprogram/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, YIMA_API_BASE: 'readonly', defineAppConfig: 'readonly', definePageConfig: 'readonly' } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // The response contracts are zod schemas: the mini-program takes their types only, so
      // zod's runtime stays out of the bundle (docs/decisions/0014-contract-and-openapi.md).
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zod', message: 'the mini-program does not bundle zod', allowTypeImports: true }],
          patterns: [{ group: ['@yima/shared/contracts/*'], message: 'import contract types from @yima/shared with `import type`', allowTypeImports: true }],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
