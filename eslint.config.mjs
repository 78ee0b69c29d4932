import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'devTools/**', 'coverage/**', '.data/**', '.deploy/**', '.ci/.node/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // The migration boundary: only src/teams may import botbuilder or teams-ai (a move to Teams SDK v2 touches one folder).
    files: ['src/**/*.ts'],
    ignores: ['src/teams/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['botbuilder', 'botbuilder-*', 'botframework-*', '@microsoft/teams-ai'] },
      ],
    },
  },
  {
    // Services and domain speak our vocabulary only: no Azure SDK, no Teams types.
    files: ['src/services/**/*.ts', 'src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['botbuilder', 'botbuilder-*', '@microsoft/teams-ai', '@azure/*', '@azure-rest/*', 'restify'] },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: { module: 'writable', require: 'readonly', process: 'readonly', __dirname: 'readonly' },
    },
  },
);
