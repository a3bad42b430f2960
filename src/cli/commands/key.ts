import { keyPath, loadOrCreateSigningKey } from '../../custody/index.ts';
import { parseCommandArgs } from '../args.ts';
import type { CliDeps, Command } from '../command.ts';

const USAGE = `Usage: corroborate key [--pem] [--json]

Prints the public half of the custody signing key (CORROBORATE_HOME/custody.key, mode 0600, created
on first use): its id and the raw 32-byte Ed25519 public key in base64, which verifiers of proofs and
checkpoints need. The private key is never printed.

Options:
  --pem    print the public key as a PEM SubjectPublicKeyInfo (for openssl)
  --json   print { keyId, publicKey, pem, path }
`;

/** `corroborate key`: print the custody public key (creating the key pair on first use). */
export const keyCommand: Command = {
  name: 'key',
  describe: 'print the public key that signs custody checkpoints',
  usage: USAGE,
  run(args: readonly string[], deps: CliDeps): Promise<number> {
    const { values } = parseCommandArgs(args, USAGE, {
      pem: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    });
    const key = loadOrCreateSigningKey(deps.config.home);
    const pem = key.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    if (values.json) {
      const path = keyPath(deps.config.home);
      deps.stdout.write(
        `${JSON.stringify({ keyId: key.keyId, publicKey: key.publicKeyBase64, pem, path }, null, 2)}\n`,
      );
    } else if (values.pem) {
      deps.stdout.write(pem);
    } else {
      deps.stdout.write(`${key.publicKeyBase64}\n`);
      deps.stderr.write(`key id ${key.keyId} (Ed25519, ${keyPath(deps.config.home)})\n`);
    }
    return Promise.resolve(0);
  },
};
