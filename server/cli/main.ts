import { systemClock } from '../clock';
import { readEnvOrExit } from '../env';
import { openDeps } from '../services';
import { AppError } from '../services/errors';
import { CliError, parseCommand, usage, UsageError, type Command } from './args';
import { auditCommands } from './audit';
import { userCommands } from './users';

const commands: readonly Command[] = [...userCommands, ...auditCommands];

const fail = (line: string) => void process.stderr.write(`${line}\n`);

/** The exit code for an error; expected ones are one line (or one per field), never a stack trace. */
function report(e: unknown, command: Command): number {
  if (e instanceof UsageError) {
    fail(`error: ${e.message}\n\n${usage(commands)}`);
    return 2;
  }
  if (e instanceof CliError) {
    fail(`error: ${e.message}`);
    return e.exitCode;
  }
  if (e instanceof AppError) {
    const fields = e.code === 'BAD_INPUT' ? (e.details?.fields as Record<string, string[]> | undefined) : undefined;
    if (!fields) {
      fail(`error: ${e.message}`);
      return 1;
    }
    fail(`error: ${command.name}: ${e.message}`);
    for (const [field, messages] of Object.entries(fields)) {
      // Fields of the input are the command's options where the names match.
      const name = field in command.options ? `--${field}` : field;
      for (const m of messages) fail(`  ${name}: ${m}`);
    }
    return 2;
  }
  fail(e instanceof Error ? (e.stack ?? e.message) : String(e));
  return 1;
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') {
    process.stdout.write(`${usage(commands)}\n`);
    return 0;
  }
  let parsed: ReturnType<typeof parseCommand>;
  try {
    parsed = parseCommand(argv, commands);
  } catch (e) {
    fail(`error: ${(e as Error).message}\n\n${usage(commands)}`);
    return 2;
  }
  const env = readEnvOrExit();
  let opened: Awaited<ReturnType<typeof openDeps>>;
  try {
    opened = await openDeps(env.database, systemClock);
  } catch (e) {
    fail(`error: cannot open the database: ${(e as Error).message}`);
    return 1;
  }
  try {
    return await parsed.command.run(opened.deps, parsed.values);
  } catch (e) {
    return report(e, parsed.command);
  } finally {
    await opened.store.close();
  }
}

// A reader that goes away early (`| head`) is not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

process.exitCode = await main(process.argv.slice(2));
