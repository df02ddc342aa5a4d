// Layer boundaries (docs/architecture.md): shared/ is pure, only main/electron/ touches Electron,
// the renderer talks to nothing but shared/ and the bridge.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'crypto', 'http', 'https', 'net', 'tls', 'url',
  'util', 'stream', 'events', 'zlib', 'worker_threads', 'module', 'process', 'buffer',
];
const NATIVE_PACKAGES = ['better-sqlite3', 'pcsclite', 'drizzle-orm', 'drizzle-orm/*', 'ws', 'pg'];

const restrict = (...groups) => ['error', { patterns: groups.map(([group, message]) => ({ group, message })) }];

// "Now" and "today" come from the core's injected clock (main/clock.ts): the UI asks for them
// (clock.get, clock.dayChanged) and shared/ takes them as arguments, never reading the time.
const CLOCK_READING = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: "new Date() reads the browser's clock: take today from useToday() (renderer) or as an argument (shared/)" },
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: "Date.now() reads the browser's clock: take today from useToday() (renderer) or as an argument (shared/); performance.now() for elapsed time" },
];

// Test doubles and fixtures live in test/ and are for tests only: the app never ships or runs them.
const TEST_FOLDER = '/(^|\\/)test\\//';
const TEST_IMPORTS = ['ImportDeclaration', 'ImportExpression', 'ExportAllDeclaration', 'ExportNamedDeclaration'].map((node) => ({
  selector: `${node}[source.value=${TEST_FOLDER}]`,
  message: 'production code never imports from test/ (doubles, fixtures, support): move what it needs out of test/',
}));

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'main/store/migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', URL: 'readonly', Buffer: 'readonly', __dirname: 'readonly', __filename: 'readonly', require: 'readonly', fetch: 'readonly', TextDecoder: 'readonly', TextEncoder: 'readonly', structuredClone: 'readonly', queueMicrotask: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-imports': restrict([['electron'], 'only main/electron/ may import electron']),
      'no-restricted-syntax': ['error', ...TEST_IMPORTS],
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [['electron', 'react', 'react-dom', ...NODE_BUILTINS, ...NATIVE_PACKAGES], 'shared/ is pure TypeScript: no Node, DOM, Electron or native packages'],
        [['**/main/**', '**/native/**', '**/renderer/**', '../main', '../native', '../renderer'], 'shared/ depends on nothing else in the project'],
      ),
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname', '__filename', 'window', 'document', 'navigator', 'localStorage', 'sessionStorage', 'fetch'],
      'no-restricted-syntax': ['error', ...CLOCK_READING, ...TEST_IMPORTS],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { window: 'readonly', document: 'readonly', location: 'readonly', history: 'readonly', sessionStorage: 'readonly', WebSocket: 'readonly', HTMLElement: 'readonly', HTMLInputElement: 'readonly', KeyboardEvent: 'readonly', navigator: 'readonly', performance: 'readonly' } },
    rules: {
      'no-restricted-syntax': ['error', ...CLOCK_READING, ...TEST_IMPORTS],
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': restrict(
        [['electron', ...NODE_BUILTINS, ...NATIVE_PACKAGES], 'the renderer runs in a sandboxed page: it reaches the core only through the bridge'],
        [['**/main/**', '**/native/**', '../main', '../native'], 'the renderer may import only from shared/'],
      ),
    },
  },
  {
    files: ['main/electron/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['main/**/*.ts', 'native/**/*.ts'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': restrict(
        [['electron'], 'only main/electron/ may import electron'],
        [['react', 'react-dom', '**/renderer/**'], 'the core does not depend on the UI'],
      ),
    },
  },
  {
    // Handlers are given services: never the store, never the whole core (no import cycle).
    files: ['main/api/handlers/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [['electron'], 'only main/electron/ may import electron'],
        [['**/store/**', '**/core', '../../core'], 'a handler works through the services it is given, never the store or the core'],
      ),
    },
  },
  {
    // The store keeps its own row types: the contract is the services' to answer with.
    files: ['main/store/**/*.ts'],
    ignores: ['main/store/**/*.test.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [['electron'], 'only main/electron/ may import electron'],
        [['react', 'react-dom', '**/renderer/**'], 'the core does not depend on the UI'],
        [['**/shared/contract/**', '**/shared/api'], 'the store does not depend on the API contract: return its own row types'],
      ),
    },
  },
  {
    // Tests may use the doubles; those of the renderer and shared/ still never read the clock.
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['renderer/**/*.test.{ts,tsx}', 'shared/**/*.test.ts'],
    rules: { 'no-restricted-syntax': ['error', ...CLOCK_READING] },
  },
);
