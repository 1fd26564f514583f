// The project's import rules (README, "Dependency rules"), checked by `npm test`
// (scripts/depcheck.js). Each says why; test/architecture/dependencyRules.test.ts shows
// that a wrong import fails.
const { existsSync } = require('node:fs');
const path = require('node:path');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-is-pure',
      comment:
        'shared/ runs in the browser (add-in, tab) and in Node: it imports only itself and the pure date and schema libraries; no Node built-ins, no SDKs, nothing of bot/.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { pathNot: ['^shared/', '^(node_modules/)?(date-fns|@date-fns/tz|@date-fns/utc|zod)(/|$)'] },
    },
    {
      name: 'browser-code-stays-out-of-bot',
      comment: 'The add-in and the tab are browser code: they may import shared/ and their own files, never bot/ (Node), test/ or bench/.',
      severity: 'error',
      from: { path: '^(addin|tab)/' },
      to: { path: '^(bot|test|bench)/' },
    },
    {
      name: 'store-below-cli-and-api',
      comment: 'bot/store is used by the CLI and the API; it never imports them.',
      severity: 'error',
      from: { path: '^bot/store/' },
      to: { path: '^bot/(cli|api)/' },
    },
    {
      name: 'faces-write-through-app',
      comment:
        'The faces (the HTTP routes, the Teams bot and its cards) turn a request into a task of bot/app, which checks the caller, parses, writes idempotently and does what follows (letter, reminders). A face writing through the store itself would be a second path for the same task, so it may not import the store\'s writes, runWrite or the letter sender (types are fine).',
      severity: 'error',
      from: { path: '^bot/(api/routes|teams)/' },
      to: {
        path: '^bot/(store/(idempotency|audit|access/|reviews/record|caseload/(importCaseload|importFile)|reminders/(queueNudge|scheduleReminders|enqueueReminder)|contacts/|councilSettings|advice/|meetings/)|letters/produceDecisionLetter)',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'app-below-the-faces',
      comment: 'bot/app is what the faces call; it never imports them (the HTTP API, the Teams bot, the CLI, the server that wires them).',
      severity: 'error',
      from: { path: '^bot/app/' },
      to: { path: '^bot/(api|teams|cli|server)/' },
    },
    {
      name: 'no-circular',
      comment: 'No module reaches itself again through its imports (type-only ones included): a cycle makes the layers meaningless and the load order fragile. Move what both need into a module below both.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'log-is-a-leaf',
      comment: 'bot/log is used by every layer, so it imports nothing else of bot/.',
      severity: 'error',
      from: { path: '^bot/log/' },
      to: { path: '^bot/', pathNot: '^bot/log/' },
    },
    {
      name: 'csv-is-a-leaf',
      comment: 'bot/csv is used by the CLI and the store, so it imports nothing else of bot/.',
      severity: 'error',
      from: { path: '^bot/csv/' },
      to: { path: '^bot/', pathNot: '^bot/csv/' },
    },
    {
      name: 'nothing-imports-test',
      comment: 'test/ holds the tests; nothing imports it but a test (one beside its module may use the shared fixtures). What tests and benchmarks share (the local stand-ins for Graph, Entra, the Bot Connector, office-js and the Teams host) is in testkit/.',
      severity: 'error',
      from: { pathNot: ['^test/', '\\.test\\.tsx?$'] },
      to: { path: '^test/' },
    },
    {
      name: 'teams-sdk-behind-its-adapter',
      comment: 'The Teams SDK (@microsoft/teams.*) is used only through bot/teams/sdk/, so replacing it touches one folder.',
      severity: 'error',
      from: { path: '^bot/', pathNot: '^bot/teams/sdk/' },
      to: { path: '^(node_modules/)?@microsoft/teams\\.' },
    },
    {
      name: 'product-never-imports-testkit-or-bench',
      comment: 'testkit/ and bench/ stand in for Microsoft 365 and measure the product; the product (shared, bot, addin, tab, manifest, scripts) never imports them.',
      severity: 'error',
      from: { path: '^(shared|bot|addin|tab|manifest|scripts)/', pathNot: '\\.test\\.tsx?$' },
      to: { path: '^(testkit|bench)/' },
    },
  ],
  options: {
    // Resolved paths keep node_modules/ in them when node_modules is a symlink (a git worktree sharing the main checkout's).
    preserveSymlinks: true,
    doNotFollow: { path: 'node_modules' },
    // node_modules is not followed, but kept, so rules can name packages (the Teams SDK).
    exclude: { path: '^(dist|data)/' },
    // Type-only imports count too: a type from bot/ in shared/ is still an arrow the wrong way.
    tsPreCompilationDeps: true,
    // typescript 7 has no compiler API yet, so dependency-cruiser parses with swc (installed for jest).
    parser: 'swc',
    ...(existsSync(path.join(process.cwd(), 'tsconfig.json')) ? { tsConfig: { fileName: 'tsconfig.json' } } : {}),
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
