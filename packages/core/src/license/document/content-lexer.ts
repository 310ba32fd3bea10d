// Content streams (ISO 32000-1 7.8.2) and the PostScript-like syntax of CMap streams, read by the PDF object parser
// (pdf/lexer.ts Parser.operator: one tokenizer for objects and content, same character classes, words, names, numbers
// and strings): each operator is handed to the caller with its operands, strings decoded. Inline images
// (BI … ID <binary> EI) are skipped so their bytes are never read as operators. Never throws; hostile input ends the
// scan early with `stopped` saying why.
import { decodePendingStrings } from '../../pdf/document/value.js';
import { Parser, type LexObj } from '../../pdf/lexer.js';

/** An operand: a value as the object parser builds it (never a reference: `R` is an operator in content). */
export type Operand = LexObj;

export interface ScanLimits {
  /** Operators handed to the caller (shared by every scan that uses the same budget object). */
  budget: { operators: number };
  /** Operands (array elements and dictionary keys and values included) waiting for one operator. */
  maxOperands: number;
  /** Array / dictionary nesting. */
  maxDepth: number;
}

export interface ScanResult {
  /** Why the scan ended before the data did ('operator limit', 'operand limit', 'nesting limit', 'stopped by caller'). */
  stopped?: string;
}

/**
 * Tokenize `data`, calling `onOp(operator, operands)` for each operator (operands in order). `onOp` returning false
 * stops the scan. Words that start like a number but are none are read by Number() (0 when not finite), unknown
 * keywords are operators (the caller ignores them).
 */
export function scanContent(data: Uint8Array, onOp: (op: string, operands: Operand[]) => boolean | void, limits: ScanLimits): ScanResult {
  const px = new Parser(data, 0, { maxBytes: data.length, maxDepth: limits.maxDepth, maxValues: limits.maxOperands }, true, false);
  for (;;) {
    const operands: Operand[] = [];
    const op = px.operator(limits.budget, operands);
    if (op === undefined) return px.stopped ? { stopped: px.stopped } : {};
    decodePendingStrings(px);
    if (onOp(op, operands) === false) return { stopped: 'stopped by caller' };
  }
}
