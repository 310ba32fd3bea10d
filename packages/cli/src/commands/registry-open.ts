// Open the registry named by --registry for a command. Commands that change or read licences need an existing
// file; `license register` creates one.
import { openRegistry, type Registry } from '@heyan/core';
import { exists } from '../io.js';
import { UsageError } from '../usage.js';

export function openRegistryFile(path: string, create: boolean, readonly = false): Registry {
  if (!create && !exists(path)) throw new UsageError(`cannot read registry ${path}: no such file (heyan license register creates one)`);
  return openRegistry(path, create ? {} : readonly ? { readonly: true } : { mustExist: true });
}
