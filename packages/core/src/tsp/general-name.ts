// GeneralName (RFC 5280 4.2.1.6) as display text, for the TSTInfo `tsa` field. Input strings are hostile: control
// characters are escaped so a name cannot drive a terminal.
import { FormatError } from '../errors.js';
import { children, content, decodeOid, encoding, isConstructed, latin1, toHex, type El } from '../asn1/index.js';
import { parseNameDer } from '../pki/name.js';

const escape = (s: string): string => s.replace(/[\x00-\x1f\x7f]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

/** Text of one GeneralName and, for a directoryName, the DER of the Name. Throws FormatError. */
export function readGeneralName(g: El, what: string): { text: string; directoryName?: Uint8Array } {
  if ((g.tag & 0xc0) !== 0x80) throw new FormatError(`${what}: GeneralName must be context-tagged`);
  switch (g.num) {
    case 1:
      return { text: `email:${escape(latin1(content(g)))}` };
    case 2:
      return { text: `dns:${escape(latin1(content(g)))}` };
    case 6:
      return { text: `uri:${escape(latin1(content(g)))}` };
    case 4: {
      // directoryName [4] EXPLICIT Name: Name is a CHOICE, so the tag is always explicit.
      if (!isConstructed(g)) throw new FormatError(`${what}: directoryName must be constructed`);
      const [name, ...rest] = children(g, what, 2);
      if (!name || rest.length) throw new FormatError(`${what}: directoryName must hold one Name`);
      const der = encoding(name).slice();
      return { text: parseNameDer(der).text, directoryName: der };
    }
    case 7:
      return { text: `ip:${toHex(content(g))}` };
    case 8:
      return { text: `oid:${decodeOid(content(g), what)}` };
    default:
      return { text: `[${g.num}]:${toHex(encoding(g)).slice(0, 64)}` };
  }
}
