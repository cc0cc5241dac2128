import { parseArgs } from 'node:util';
import { ModelError } from '@netcanvas/model';
import { templateCommand } from './commands/template.ts';
import { validateCommand } from './commands/validate.ts';
import { whatIfCommand } from './commands/what-if.ts';
import { DesignFileError } from './design-file.ts';
import { type CommandResult, EXIT } from './output.ts';

const USAGE = `netcanvas — design, plan and apply virtual networks on OVN

usage: pnpm netcanvas <command> [options]

  validate FILE [--json]              check a design (JSON or YAML); exit 1 on errors
  what-if FILE --from A --to B [--protocol tcp|udp|sctp|icmp] [--port N] [--json]
                                      trace a packet through the design
  template [ID] [--name NAME] [--json] list templates, or print one as a design file
  serve [--port N] [--host H] [--data DIR] [--tls-cert FILE --tls-key FILE]
                                      start the server and console (PORT, NETCANVAS_DATA);
                                      HTTPS with PEM files (NETCANVAS_TLS_CERT, NETCANVAS_TLS_KEY)
  plan FILE --controller URL [--json] what apply would change on the controller
  apply FILE --controller URL [--json] make the controller hold the design (one transaction)
  import --controller URL [--name NAME] [--tenant T] [--json]
                                      print the NB's networks (not netcanvas's) as a design file
  snapshot create --controller URL --app TENANT/APP [--design FILE] [--json] > snap.yaml
  snapshot diff A B | snapshot diff A --controller URL
  snapshot restore FILE --controller URL [--remap REMAP.yaml] [--yes]
  snapshot verify FILE                check the checksum and schema version
  snapshot create|list|export|import|diff|restore --server URL --token nct_… [--app T/A]
                                      snapshots kept by a server (pnpm netcanvas snapshot for details)
  sflow decode FILE [--port N]        one JSON line per sFlow sample of a pcap/pcapng capture
  sflow listen [--port N] [--host H] [--seconds S] [--json]
                                      collect sFlow and show top flows every second

  exit status: 0 ok, 1 the design has errors, 2 usage or unreadable file,
               3 a resource is busy (e.g. the sFlow port), 4 the controller refused or could not be reached
`;

async function run(argv: string[]): Promise<CommandResult> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      name: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      protocol: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      controller: { type: 'string' },
      tenant: { type: 'string' },
      seconds: { type: 'string' },
      app: { type: 'string' },
      design: { type: 'string' },
      remap: { type: 'string' },
      yes: { type: 'boolean', default: false },
      server: { type: 'string' },
      token: { type: 'string' },
      format: { type: 'string' },
    },
  });
  const [command, ...args] = positionals;
  if (!command || values.help || command === 'help')
    return { exitCode: command ? EXIT.ok : EXIT.usage, stdout: USAGE };
  const needFile = (what: string) => ({
    exitCode: EXIT.usage,
    stderr: `${what} needs a design FILE\n\n${USAGE}`,
  });
  switch (command) {
    case 'validate':
      return args[0] ? validateCommand(args[0], { json: values.json }) : needFile('validate');
    case 'what-if':
      return args[0] ? whatIfCommand(args[0], values) : needFile('what-if');
    case 'plan':
    case 'apply': {
      if (!args[0]) return needFile(command);
      const { applyCommand, planCommand } = await import('./commands/controller.ts');
      return (command === 'plan' ? planCommand : applyCommand)(args[0], values);
    }
    case 'import': {
      const { importCommand } = await import('./commands/controller.ts');
      return importCommand({ ...values, tenant: values.tenant });
    }
    case 'template':
      return templateCommand(args[0], {
        json: values.json,
        ...(values.name ? { name: values.name } : {}),
      });
    case 'snapshot': {
      const { snapshotCommand } = await import('./commands/snapshot.ts');
      return snapshotCommand(args, values);
    }
    case 'sflow': {
      const { sflowCommand } = await import('./commands/sflow.ts');
      return sflowCommand(args, {
        json: values.json,
        port: values.port,
        host: values.host,
        seconds: values.seconds,
      });
    }
    case 'serve': {
      const { serveCommand } = await import('./commands/serve.ts');
      return serveCommand(values);
    }
    default:
      return { exitCode: EXIT.usage, stderr: `unknown command "${command}"\n\n${USAGE}` };
  }
}

/** Runs the CLI and maps every expected failure to a message and an exit status. */
export async function main(argv: string[]): Promise<number> {
  try {
    const result = await run(argv);
    if (result.stdout) process.stdout.write(result.stdout);
    if (result.stderr) process.stderr.write(result.stderr);
    return result.exitCode;
  } catch (err) {
    if (err instanceof DesignFileError || err instanceof ModelError) {
      process.stderr.write(`${err.message}\n`);
      return EXIT.usage;
    }
    if (
      err instanceof TypeError &&
      'code' in err &&
      String(err.code).startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(`${err.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    throw err;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv.slice(2)).then((code) => {
    if (code !== 0 || !process.argv.includes('serve')) process.exitCode = code;
  });
}
