// One lint configuration for the whole repo: typescript-eslint's recommended rules, React
// hooks rules for the mini-program, and a few of our own (no console in the BFF: use pino).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
