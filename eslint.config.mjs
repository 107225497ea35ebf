// ESLint: typescript-eslint's strict, type-checked rules (`npm run lint`, part of `npm test`).
// Rules turned off below fight a deliberate style of this code base; each says why.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'out/', 'node_modules/', 'src/generated/', '.test-artifacts/', 'bench-results/', '**/*.d.mts'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Numbers in messages ("8 of 8 members", `relError ${x}`) are the code base's bread and butter.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `a[i]!` marks an index or lookup in range by construction (loops over a length, keys just
      // set); where a value can really be missing the code checks and throws EquiLensError instead.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // `(x) => f(x)` callbacks and `return f()` early exits are the house style, whatever f returns.
      '@typescript-eslint/no-confusing-void-expression': 'off',
      // `||` where '' and false mean "absent" too (descriptions, optional strings), on purpose.
      '@typescript-eslint/prefer-nullish-coalescing': 'off',
      // Index loops over typed arrays stay index loops: the hot paths read several arrays at one index.
      '@typescript-eslint/prefer-for-of': 'off',
      // Records keyed by path or name drop entries with delete.
      '@typescript-eslint/no-dynamic-delete': 'off',
      // Fields of untrusted model JSON are printed as given in error messages; their shape is
      // checked where it matters, not where they are only quoted.
      '@typescript-eslint/no-base-to-string': 'off',
      // `a && a.b` keeps a null (not undefined) where the result is returned or compared: `a?.b`
      // is not the same value everywhere, so the rewrite is left to the author (the safe ones were made).
      '@typescript-eslint/prefer-optional-chain': 'off',
      // String(x) on values typed string that come from untrusted input (escapers, JSON): a guard, kept.
      '@typescript-eslint/no-unnecessary-type-conversion': 'off',
      // No-op hooks and reporters (quiet progress, no Lie hook) are deliberate null objects.
      '@typescript-eslint/no-empty-function': 'off',
      // Values typed from untrusted JSON (model files, reports, webview messages, settings) are
      // checked at run time although their declared types say they cannot be missing.
      '@typescript-eslint/no-unnecessary-condition': 'off',
      // VS Code takes any { dispose() } where its types name the Disposable class.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
      // VS Code events take (listener, thisArg); callback interfaces (ComputeIO, FileSystem) hold plain functions.
      '@typescript-eslint/unbound-method': 'off',
      // Async methods implement async interfaces (FileSystem, hosts) whether or not they await.
      '@typescript-eslint/require-await': 'off',
      // [...text] splits into code points on purpose (titles cut without halving a surrogate pair).
      '@typescript-eslint/no-misused-spread': 'off',
      // `_name` marks a binding left unused on purpose (a key dropped with a rest sibling, a parameter an interface requires).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      // A `let` assigned once after the closures that read it (a cancel subscription made once the handlers exist).
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // The escapers (HTML, XML, terminal) match control characters on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    // Observable Plot's channel callbacks take its `any` datum (its typings), read as the rows passed in.
    files: ['src/webview/panel/charts/*.ts', 'src/webview/panel/pictures/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/restrict-plus-operands': 'off',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowAny: true }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // node:test's test() and describe() return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }] }],
      // package.json's strings are compared with the CommandId enum they must match.
      '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      // Assertion messages print arrays, tuples and nulls as they are.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowArray: true, allowNullish: true }],
    },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      // Tests and scripts read JSON (reports, fixtures, registry answers) and assert on its shape:
      // a wrong shape fails the assertion, so typing every parse would only restate the test.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // Catch callbacks in tests and scripts name the error shape they expect; a wrong one fails them.
      '@typescript-eslint/use-unknown-in-catch-callback-variable': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    // Node scripts: its globals (no browser ones).
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', Buffer: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
