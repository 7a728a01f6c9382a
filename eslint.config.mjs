import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const CORE_MESSAGE = 'src/core is pure TypeScript: no DOM, framework or storage imports';

export default defineConfig(
  globalIgnores([
    '.scratch/',
    'dist/',
    'node_modules/',
    'coverage/',
    'bench/results/',
    'test-results/',
    '.vite/',
  ]),

  js.configs.recommended,

  // TypeScript and Svelte: type-aware rules through the TS project service (tsconfig.json).
  {
    files: ['**/*.ts', '**/*.svelte'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },

  // Svelte components (and rune modules): svelte-eslint-parser delegating <script lang="ts"> to the TS parser.
  svelte.configs.recommended,
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: {
        parser: tseslint.parser,
        extraFileExtensions: ['.svelte'],
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        svelteConfig,
      },
    },
  },

  // The state classes keep large non-reactive maps and sets on purpose (the validator's indexes, listeners) and
  // signal changes through a `version` rune, so Svelte's reactive collections would only add overhead there.
  {
    files: ['src/state/**/*.svelte.ts'],
    rules: { 'svelte/prefer-svelte-reactivity': 'off' },
  },

  // Browser app code.
  {
    files: ['src/**/*.{ts,svelte}'],
    languageOptions: { globals: { ...globals.browser } },
  },

  // Node-side TypeScript: tests, benchmarks, configs, scripts.
  {
    files: ['tests/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts', '*.config.ts'],
    languageOptions: { globals: { ...globals.node } },
  },

  // Plain JS config files and node ESM scripts: node globals, no type-checked rules.
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node } },
  },

  // Domain core: framework- and platform-free.
  {
    files: ['src/core/**/*.{ts,svelte}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            // svelte, svelte/*, dexie, xlsx, fflate (and subpaths), ag-grid-community, ag-grid-*
            { regex: '^((svelte|dexie|xlsx|fflate)(/.*)?|ag-grid-.*)$', message: CORE_MESSAGE },
            // ../storage, ../state, ../grid, ../ui, ../excel (at any depth, with or without subpath)
            {
              regex: '^(\\.\\./)+(storage|state|grid|ui|excel)(/.*)?$',
              message: CORE_MESSAGE,
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'localStorage', 'indexedDB', 'navigator'].map((name) => ({
          name,
          message: CORE_MESSAGE,
        })),
      ],
    },
  },
);
