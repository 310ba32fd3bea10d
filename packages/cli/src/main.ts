// Command dispatch. Returns the exit status; never lets an exception out (one "heyan: ..." line on stderr instead).
import { readFileSync } from 'node:fs';
import { HELP } from './help.js';
import type { Io } from './io.js';
import { UsageError } from './usage.js';
import { verifyCommand } from './commands/verify.js';
import { signCommand } from './commands/sign.js';
import { keysCommand } from './commands/keys.js';
import { inspectCommand } from './commands/inspect.js';
import { sealCommand } from './commands/seal.js';
import { codeCommand } from './commands/code.js';
import { licenseCommand } from './commands/license.js';
import { credentialCommand } from './commands/credential.js';
import { qrCommand } from './commands/qr.js';
import { isLicenseRegistrySubcommand, licenseRegistryCommand } from './commands/license-registry.js';
import { statusListCommand } from './commands/status-list.js';
import { bundleCommand } from './commands/bundle.js';
import { tsaCommand } from './commands/tsa.js';

export const EXIT = { passed: 0, failed: 1, indeterminate: 2, usage: 3 } as const;

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** One line, no stack, no control characters. */
function oneLine(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  // eslint-disable-next-line no-control-regex
  return m.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim() || (e instanceof Error ? e.name : 'error');
}

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case undefined:
        io.stderr.write(`${HELP.main}\n`);
        return EXIT.usage;
      case '--version':
      case '-V':
      case 'version':
        io.stdout.write(`heyan ${version()}\n`);
        return 0;
      case 'help':
      case '--help':
      case '-h': {
        const topic = rest[0];
        if (topic !== undefined && !(topic in HELP)) throw new UsageError(`no help for "${topic}"; commands: verify, sign, keys, inspect, seal, code, license, credential, qr, status-list, bundle, license-registry, tsa`);
        io.stdout.write(`${HELP[topic ?? 'main']}\n`);
        return 0;
      }
      case 'verify':
        return await verifyCommand(rest, io);
      case 'sign':
        return await signCommand(rest, io);
      case 'keys':
        return await keysCommand(rest, io);
      case 'inspect':
        return await inspectCommand(rest, io);
      case 'seal':
        return await sealCommand(rest, io);
      case 'code':
        return await codeCommand(rest, io);
      case 'license':
        if (isLicenseRegistrySubcommand(rest[0])) return await licenseRegistryCommand(rest, io);
        return await licenseCommand(rest, io);
      case 'credential':
        return await credentialCommand(rest, io);
      case 'qr':
        return await qrCommand(rest, io);
      case 'status-list':
        return await statusListCommand(rest, io);
      case 'bundle':
        return await bundleCommand(rest, io);
      case 'tsa':
        return await tsaCommand(rest, io);
      default:
        throw new UsageError(`unknown command "${command}" (try: heyan help)`);
    }
  } catch (e) {
    io.stderr.write(`heyan: ${oneLine(e)}\n`);
    // A named core error (bad key, wrong password, unsupported algorithm) is a failed operation, not a usage error.
    return e instanceof UsageError ? EXIT.usage : EXIT.failed;
  }
}
