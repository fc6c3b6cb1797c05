import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { demoCrmPlugin } from './demo/plugin';
import { seedDemo, type SeedResult } from './demo/seed';
import { startServer } from './main';

const EXTENSION_DIR = fileURLToPath(new URL('../.output/chrome-mv3', import.meta.url));

function tokenLines(seed: SeedResult): string[] {
  if (seed.created) {
    const { dana, alex } = seed.people;
    return [
      `  Reviewer token (Dana, rep)  ${dana.token}`,
      `  Admin token (Alex)          ${alex.token}`,
      '  Keep them: they are shown this once, and only their hashes are stored.',
    ];
  }
  const idOf = (name: string) => seed.existing.find((u) => u.name === name)?.id ?? 'USER_ID';
  return [
    '  The demo data exists already; its tokens were shown when it was created. For a new one:',
    `    npm run cli -- tokens issue --user ${idOf('Dana')}    (Dana, rep)`,
    `    npm run cli -- tokens issue --user ${idOf('Alex')}    (Alex, admin)`,
  ];
}

function banner(origin: string, seed: SeedResult): string {
  const built = existsSync(EXTENSION_DIR) ? '' : '   (not built yet: run npm run build)';
  return [
    '',
    '  Countersign demo is running',
    '',
    `  Demo CRM    ${origin}/demo/`,
    `  Extension   ${EXTENSION_DIR}${built}`,
    '',
    ...tokenLines(seed),
    '',
    '  1. In chrome://extensions, turn on Developer mode, choose "Load unpacked" and pick the folder above.',
    `  2. Open the extension's options page; sign in to ${origin} with Dana's token (or Alex's, to administer).`,
    `  3. Open a demo deal, such as ${origin}/demo/deals/d-1001, and decide on its suggestions in the panel.`,
    '',
    '',
  ].join('\n');
}

/** `npm start`: the server with the demo CRM and its connector, seeded on first run. */
async function main() {
  const { app, deps } = await startServer({ plugins: [demoCrmPlugin] });
  const seed = await seedDemo(deps);
  const { port } = app.server.address() as AddressInfo;
  process.stdout.write(banner(`http://localhost:${port}`, seed));
}

main().catch((e: unknown) => {
  process.stderr.write(`countersign demo: ${(e as Error).message}\n`);
  process.exit(1);
});
