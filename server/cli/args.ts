import { parseArgs } from 'node:util';
import type { Deps } from '../services/deps';

/** A failure the operator can act on: printed as one line, no stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Arguments that do not make a command: printed with the usage, exit 2. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
  }
}

export interface OptionSpec {
  required?: boolean;
  /** Values allowed, checked before the database is opened. */
  oneOf?: readonly string[];
}

export type Values = Record<string, string | undefined>;

export interface Command {
  /** The words that name it, as typed: `users add`. */
  name: string;
  /** What follows the name in the usage. */
  synopsis: string;
  options: Record<string, OptionSpec>;
  /** Runs the command and returns the exit code. */
  run(deps: Deps, values: Values): Promise<number>;
}

export function usage(commands: readonly Command[]): string {
  const lines = commands.map((c) => `  ${[c.name, c.synopsis].filter(Boolean).join(' ')}`);
  return ['usage: npm run cli -- <command>', ...lines].join('\n');
}

/** Picks the command named by the first two words and parses its options strictly. */
export function parseCommand(
  argv: readonly string[],
  commands: readonly Command[],
): { command: Command; values: Values } {
  const name = argv.slice(0, 2).join(' ');
  const command = commands.find((c) => c.name === name);
  if (!command) throw new UsageError(name ? `unknown command "${name}"` : 'no command given');
  let values: Values;
  try {
    const options = Object.fromEntries(Object.keys(command.options).map((k) => [k, { type: 'string' as const }]));
    values = parseArgs({ args: argv.slice(2), options, strict: true, allowPositionals: false }).values as Values;
  } catch (e) {
    // node's messages are clear but some span lines; the operator gets one.
    throw new UsageError(`${name}: ${(e as Error).message.replace(/\s*\n\s*/g, ' ')}`);
  }
  for (const [key, spec] of Object.entries(command.options)) {
    const v = values[key];
    if (v === undefined) {
      if (spec.required) throw new UsageError(`${name}: --${key} is required`);
    } else if (spec.oneOf && !spec.oneOf.includes(v)) {
      throw new UsageError(`${name}: --${key} must be ${spec.oneOf.join(' or ')}, not "${v}"`);
    }
  }
  return { command, values };
}

/** An option `parseCommand` already required. */
export function given(values: Values, key: string): string {
  const v = values[key];
  if (v === undefined) throw new UsageError(`--${key} is required`);
  return v;
}

/** Writes one line to standard output. */
export const say = (line: string) => void process.stdout.write(`${line}\n`);
