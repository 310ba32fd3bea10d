// pdf-lib (≈ 100 ms to load) serves issuing only: it is required on first use, never with an import of @heyan/core
// (verification start-up is benchmarked). The CommonJS build is required so that loading stays synchronous.
import { createRequire } from 'node:module';

export type PdfLib = typeof import('pdf-lib');

let lib: PdfLib | undefined;

/** The pdf-lib module, loaded on the first call. */
export function pdfLib(): PdfLib {
  return (lib ??= createRequire(import.meta.url)('pdf-lib') as PdfLib);
}
