// `npm start`: install, build the console, start netcanvas and print its URL.
import { spawn } from 'node:child_process';
import { checkNode, ensurePnpm, installDependencies, root, run, say } from './setup.mjs';

checkNode();
ensurePnpm();
installDependencies();
say('building the console');
run('pnpm', ['--filter', '@netcanvas/console', 'build']);
const server = spawn('pnpm', ['netcanvas', 'serve', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
