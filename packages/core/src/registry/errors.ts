// A registry operation that cannot be done as asked (unknown licence, a transition the rules forbid, a taken index).
import { HeyanError } from '../errors.js';

export class RegistryError extends HeyanError {
  override readonly code: string = 'ERR_REGISTRY';
}
