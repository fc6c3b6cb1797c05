// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Source files under the given folders. */
const code = (...dirs) => dirs.map((dir) => `${dir}/**/*.{ts,tsx,js,mjs}`);

// ---------------------------------------------------------------------------------------------------------------
// Import boundaries (see STYLE.md, "Who may import whom").
//
// Our own code is reached by a relative path or by a WXT alias (@/, ~/, @@/, ~~/). A root folder (server,
// components, entrypoints, lib) can only be reached from another root folder by climbing to the root first, so
// `${OURS}server` means "the repository's server/", never a folder that merely happens to be called server.
//
// Flat config replaces a rule's options rather than merging them, so every folder below gets one complete list,
// and more specific folders come later. The rule is typescript-eslint's extension of `no-restricted-imports`
// because only it knows `import type` (allowTypeImports); it needs no type information.
// ---------------------------------------------------------------------------------------------------------------

const OURS = String.raw`^(?:(?:\.{1,2}/)+|[@~]{1,2}/)`;

/** Any relative or aliased import except `./x` and `../<sibling>/x`, for folders that may import only siblings. */
const onlySiblings = (siblings) =>
  String.raw`^(?!\./(?!\.)|\.\./(?:${siblings.join('|')})(?:/|$))(?:\.{1,2}|[@~]{1,2})(?:/|$)`;

const nodeNames = builtinModules.filter((name) => !name.startsWith('_') && !name.includes('/')).join('|');

const noNode = {
  regex: `^(?:node:|(?:${nodeNames})(?:/|$))`,
  message: 'This code runs in the browser (extension) or on both sides (shared lib): Node modules belong in server/.',
};

const noExtensionPackages = {
  regex: String.raw`^(?:react|react-dom|dexie|dexie-react-hooks|zustand|wxt|@wxt-dev/[^/]+|webextension-polyfill|#imports)(?:/|$)`,
  message: 'Extension-only package: the server and the shared lib/ code must not depend on the browser, React or WXT.',
};

const noServerPackages = {
  regex: String.raw`^(?:fastify|@fastify/[^/]+|kysely|pg|better-sqlite3|@trpc/[^/]+)(?:/|$)`,
  message: 'Server/transport package: shared lib/ code is pure and must load in the extension and the server alike.',
};

const noEntrypoints = {
  regex: `${OURS}entrypoints(?:/|$)`,
  message: 'Entrypoints are leaves that wire things together: nothing imports them. Move shared code to lib/.',
};

const noComponents = {
  regex: `${OURS}components(?:/|$)`,
  message: 'lib/ sits below components/: a view may use lib/, never the other way round.',
};

const sharedCore = [
  {
    regex: onlySiblings(['schemas', 'policy']),
    message:
      'lib/schemas and lib/policy are shared by the server and the extension: they import only each other, ' +
      'by relative path (no db, api, crm, components, entrypoints, server).',
  },
  noNode,
  noExtensionPackages,
  noServerPackages,
];

const crm = [
  {
    regex: onlySiblings(['crm', 'schemas', 'policy']),
    message:
      'lib/crm is pure (the server imports it too): it may import only lib/crm, lib/schemas and lib/policy, ' +
      'by relative path.',
  },
  noNode,
  noExtensionPackages,
  noServerPackages,
];

const extensionLib = [
  {
    regex: `${OURS}server(?:/|$)`,
    allowTypeImports: true,
    message: 'The extension never runs server code: use `import type` (e.g. the AppRouter type), nothing at runtime.',
  },
  noEntrypoints,
  noComponents,
  noNode,
];

const server = [
  {
    regex: `${OURS}(?:components|entrypoints)(?:/|$)`,
    message: 'The server imports no views and no extension code.',
  },
  {
    regex: `${OURS}lib/(?!(?:schemas|policy|crm)(?:/|$))`,
    message: 'The server may use only the pure shared code: lib/schemas, lib/policy and lib/crm (not db, api, hooks…).',
  },
  {
    regex: String.raw`^[@~]{1,2}(?:/|$)`,
    message: 'The @/ and ~/ aliases are WXT paths and do not resolve on the server: use a relative import.',
  },
  noExtensionPackages,
];

const components = [
  {
    regex: `${OURS}lib/(?:db|api)(?:/|$)`,
    message:
      'Components read and write through hooks and stores in lib/ (lib/hooks, lib/stores), never lib/db or lib/api.',
  },
  {
    regex: String.raw`^(?:dexie|@trpc/[^/]+)(?:/|$)`,
    message: 'Components reach storage and the API only through hooks and stores in lib/.',
  },
  {
    regex: `${OURS}server(?:/|$)`,
    message: 'Components never import server code; shared types live in lib/schemas.',
  },
  noEntrypoints,
  noNode,
];

/**
 * Entrypoints: a file `depth` folders below entrypoints/ reaches another entrypoint by climbing exactly `depth`
 * levels (`./x` from a single-file entrypoint, `../x` from entrypoints/popup/main.tsx, ...).
 */
const entrypoints = (depth) => [
  {
    regex: depth === 0 ? String.raw`^\./` : String.raw`^(?:\.\./){${depth}}(?!\.\./)`,
    message: 'Entrypoints never import each other: move what they share to lib/ or components/.',
  },
  noEntrypoints,
  {
    regex: `${OURS}server/trpc/router$`,
    allowTypeImports: true,
    message: 'Only `import type { AppRouter }` from the server router: the extension never bundles server code.',
  },
  {
    regex: `${OURS}server(?:/(?!trpc/router$)|$)`,
    message: 'Entrypoints never import server code (only the AppRouter type, from server/trpc/router).',
  },
  noNode,
];

const boundaries = (files, patterns) => ({
  files,
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
});

// ---------------------------------------------------------------------------------------------------------------
// HTML sinks: AI text is untrusted and is rendered as text, never parsed as HTML.
// ---------------------------------------------------------------------------------------------------------------

const HTML_SINK =
  'AI text is untrusted and is rendered as text: build nodes with textContent / React children, not HTML.';

const TESTS = ['**/*.test.{ts,tsx}', 'test/**', 'bench/**'];

export default defineConfig(
  globalIgnores(['.output/', '.wxt/', 'node_modules/', 'data/', 'coverage/', 'test-results/', '.bench/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: HTML_SINK },
        { property: 'outerHTML', message: HTML_SINK },
        { property: 'insertAdjacentHTML', message: HTML_SINK },
        { property: 'createContextualFragment', message: HTML_SINK },
        { property: 'srcdoc', message: HTML_SINK },
        { object: 'document', property: 'write', message: HTML_SINK },
        { object: 'document', property: 'writeln', message: HTML_SINK },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: HTML_SINK },
        { selector: "JSXAttribute[name.name='srcDoc']", message: HTML_SINK },
      ],
    },
  },
  {
    ...reactHooks.configs.flat.recommended,
    files: ['{components,entrypoints,lib/hooks}/**/*.{ts,tsx}'],
  },

  boundaries(code('lib'), extensionLib),
  boundaries(code('lib/crm'), crm),
  boundaries(code('lib/schemas', 'lib/policy'), sharedCore),
  boundaries(code('server'), server),
  boundaries(code('components'), components),
  boundaries(['entrypoints/*.{ts,tsx,js,mjs}'], entrypoints(0)),
  boundaries(['entrypoints/*/*.{ts,tsx,js,mjs}'], entrypoints(1)),
  boundaries(['entrypoints/*/*/*.{ts,tsx,js,mjs}'], entrypoints(2)),
  boundaries(['entrypoints/*/*/*/**/*.{ts,tsx,js,mjs}'], entrypoints(3)), // deeper still: rare, left approximate

  {
    files: TESTS,
    rules: {
      '@typescript-eslint/no-restricted-imports': 'off',
      'no-restricted-properties': 'off',
      'no-restricted-syntax': 'off',
      // Tests read loosely typed HTTP bodies and page objects; types there would only restate the assertions.
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
