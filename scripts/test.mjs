// `npm test`: set up everything the tests need on a fresh machine, then run them all.
import {
  checkNode,
  ensurePnpm,
  ensureSystemPackages,
  installDependencies,
  run,
  say,
} from './setup.mjs';

checkNode();
ensurePnpm();
ensureSystemPackages();
installDependencies();

const steps = [
  ['lint (biome: format, lint rules, layer and cycle rules)', ['lint']],
  ['typecheck', ['typecheck']],
  ['unit and integration tests (vitest)', ['test:unit']],
  ['browser tests (playwright, chromium)', ['test:e2e']],
];
// .npmrc silences pnpm for clean `pnpm netcanvas` output; here we want every line
const env = { npm_config_reporter: 'append-only' };
const failed = [];
for (const [label, args] of steps) {
  say(label);
  if (run('pnpm', args, { allowFail: true, env }) !== 0) failed.push(label);
}
if (failed.length > 0) {
  say(`FAILED: ${failed.join('; ')}`);
  process.exit(1);
}
say('all checks passed');
