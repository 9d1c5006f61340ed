// ESLint 10 flat config with typescript-eslint 8 type-aware rules (issue 17).
// `pnpm lint` runs it; the projectService gives each file the program of its nearest tsconfig.json.
// Rules are recommendedTypeChecked as published, none turned off: every finding so far had a plain fix
// (a typed JSON.parse, Promise.resolve instead of an async function with no await, a dropped cast).
// An exception needs a one-line reason here, or an eslint-disable comment with `-- reason` at the line.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

// Every TypeScript folder that holds code we write: package sources, tests, tools, benchmarks and scripts.
const TS_FILES = [
  'packages/*/{src,test,tools,bench,scripts}/**/*.{ts,mts,cts,tsx}',
  'examples/*/{src,app,test,scripts,tools}/**/*.{ts,mts,cts,tsx}',
];

export default defineConfig(
  {
    // Generated, vendored or data files, and the Python training pipeline.
    ignores: ['**/dist/**', '**/node_modules/**', 'docs/api/**', 'coverage/**', 'bench-results/**', 'training/**', '**/test/fixtures/**'],
  },
  {
    files: TS_FILES,
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Async code must be awaited, returned, or marked `void` on purpose.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // A leading `_` marks a parameter or binding that is unused on purpose, e.g. `(_current, signal) =>`.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
);
