// Lint rules that encode this project's standards, not just style (formatting is Prettier's job).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'test-artifacts/**', '.playground/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      eqeqeq: ['error', 'always'],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src/client/**/*.ts'],
    rules: {
      // Sidebars render data as text: never HTML built from data.
      'no-restricted-syntax': [
        'error',
        {
          selector: 'AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]',
          message: 'Render data with textContent, never innerHTML.',
        },
        {
          selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
          message: 'Render data with textContent, never HTML.',
        },
        {
          selector: "CallExpression[callee.property.name='write'][callee.object.name='document']",
          message: 'No document.write.',
        },
      ],
    },
  },
  {
    files: ['src/server/**/*.ts', 'src/shared/**/*.ts'],
    rules: {
      // Spreadsheet access happens in blocks (one read, column-block writes): these calls are per-row/per-cell
      // patterns that make an add-on slow (docs/apps-script/spreadsheet.md §17).
      'no-restricted-properties': [
        'error',
        { property: 'appendRow', message: 'Append rows in one block write (workbook layer), never appendRow.' },
        { property: 'flush', message: 'No SpreadsheetApp.flush(): writes are batched by Apps Script.' },
      ],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: {
      // Shared code runs in sidebars too: no Apps Script globals.
      'no-restricted-globals': [
        'error',
        'SpreadsheetApp',
        'Session',
        'PropertiesService',
        'LockService',
        'ScriptApp',
        'MailApp',
        'HtmlService',
        'Utilities',
        'Sheets',
        'CacheService',
      ],
    },
  },
  {
    // An Apps Script project: top-level functions are its entry points, services are globals.
    files: ['test/fixtures/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: {
        SpreadsheetApp: 'readonly',
        LockService: 'readonly',
        PropertiesService: 'readonly',
        ScriptApp: 'readonly',
        Session: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-unused-vars': 'off' },
  },
  {
    files: ['**/*.cjs', 'scripts/**/*.mjs'],
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        console: 'readonly',
        __dirname: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
