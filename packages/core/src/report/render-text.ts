// The terminal view of a Report. Default = EU DSS "simple report" (verdicts, signer, what went wrong);
// `verbose` = "detailed report" (every check with its stable id and details). No terminal access here:
// the caller decides about colour (the CLI turns it on for a TTY unless NO_COLOR is set).
import type { CertificateSummary, Check, Indication, Message, Report, SignatureReport } from './types.js';
import { INDICATION_LABELS, STATUS_LABELS, subIndicationLabel } from './labels.js';

export type Language = 'zh' | 'en' | 'both';

export interface TextRenderOptions {
  /** List every check with its id and details (the detailed report). */
  verbose?: boolean;
  /** ANSI colours. Off unless asked. */
  colour?: boolean;
  /** Which language(s) to print; default both (Chinese first). */
  language?: Language;
}

const ANSI = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', green: '\x1b[32m', yellow: '\x1b[33m' };
type Style = keyof typeof ANSI;

const MARK: Record<string, string> = {
  PASSED: '✓',
  FAILED: '✗',
  INDETERMINATE: '?',
  passed: '✓',
  failed: '✗',
  warning: '!',
  indeterminate: '?',
  skipped: '-',
};

const STYLE_OF: Record<string, Style> = {
  PASSED: 'green',
  FAILED: 'red',
  INDETERMINATE: 'yellow',
  passed: 'green',
  failed: 'red',
  warning: 'yellow',
  indeterminate: 'yellow',
  skipped: 'dim',
};

/**
 * Names, subjects and messages come from hostile files: strip terminal control characters (ESC, C0, C1, DEL,
 * bidi overrides) so a crafted certificate cannot rewrite the screen or hide a verdict.
 */
export function sanitizeForTerminal(s: string): string {
  return s
    .replace(/[\t\n]/g, ' ')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

class Writer {
  readonly lines: string[] = [];
  constructor(private readonly opts: Required<TextRenderOptions>) {}
  paint(style: Style, s: string): string {
    return this.opts.colour ? `${ANSI[style]}${s}${ANSI.reset}` : s;
  }
  line(indent: number, s: string): void {
    this.lines.push(`${'  '.repeat(indent)}${s}`);
  }
  /** A label pair "签名者 Signer" in the chosen language(s). */
  label(m: Message): string {
    return this.opts.language === 'zh' ? m.zh : this.opts.language === 'en' ? m.en : `${m.zh} ${m.en}`;
  }
  /** A message in the chosen language(s); both → "zh / en". */
  text(m: Message): string {
    const zh = sanitizeForTerminal(m.zh);
    const en = sanitizeForTerminal(m.en);
    return this.opts.language === 'zh' ? zh : this.opts.language === 'en' ? en : zh === en ? zh : `${zh} / ${en}`;
  }
  verdict(indication: Indication, sub?: string, label?: Message): string {
    const base = `${MARK[indication] ?? ''} ${this.label(INDICATION_LABELS[indication] ?? { zh: indication, en: indication })}`;
    const withSub = sub ? `${base} (${this.text(label ?? subIndicationLabel(sub))}; ${sub})` : base;
    return this.paint('bold', this.paint(STYLE_OF[indication] ?? 'reset', withSub));
  }
}

const L = {
  verdict: { zh: '结论', en: 'Verdict' },
  format: { zh: '格式', en: 'Format' },
  time: { zh: '验证时间', en: 'Validation time' },
  signature: { zh: '签名', en: 'Signature' },
  signer: { zh: '签名者', en: 'Signer' },
  issuer: { zh: '颁发者', en: 'Issuer' },
  validity: { zh: '有效期', en: 'Validity' },
  serial: { zh: '序列号', en: 'Serial' },
  signingTime: { zh: '声称的签名时间', en: 'Claimed signing time' },
  timestamp: { zh: '时间戳', en: 'Timestamp' },
  algorithm: { zh: '算法', en: 'Algorithm' },
  chain: { zh: '证书链', en: 'Chain' },
  coverage: { zh: '覆盖范围', en: 'Coverage' },
  modifications: { zh: '签名后修改', en: 'Modifications' },
  document: { zh: '文档检查', en: 'Document checks' },
  checks: { zh: '检查项', en: 'Checks' },
  advice: { zh: '建议', en: 'Advice' },
  license: { zh: '证照信息', en: 'Licence' },
  noSignature: { zh: '未找到签名', en: 'no signature found' },
  field: { zh: '签名域', en: 'Field' },
  padesLevel: { zh: 'PAdES 级别', en: 'PAdES level' },
  dictionary: { zh: '签名字典（被签名修订版）', en: 'Signature dictionary (signed revision)' },
  docMdp: { zh: '认证签名 DocMDP', en: 'Certification DocMDP' },
  changes: { zh: '签名后的修改', en: 'Changes after signing' },
  facets: { zh: '完整 / 有效 / 可信', en: 'Intact / valid / trusted' },
} satisfies Record<string, Message>;

const MAX_CHANGES_SHOWN = 10;

/** The PDF block of a signature: field, facets, PAdES level, the signed dictionary's values, changes after signing. */
function renderPdf(w: Writer, s: SignatureReport, verbose: boolean): void {
  const p = s.pdf;
  if (!p) return;
  const yn = (b: boolean): string => (b ? '✓' : '✗');
  if (p.field !== undefined) w.line(2, `${w.label(L.field)}: ${sanitizeForTerminal(p.field)}${p.subFilter ? ` (${sanitizeForTerminal(p.subFilter)})` : ''}`);
  w.line(2, `${w.label(L.facets)}: ${yn(p.intact)} / ${yn(p.valid)} / ${yn(p.trusted)}`);
  if (p.padesLevel) w.line(2, `${w.label(L.padesLevel)}: ${sanitizeForTerminal(p.padesLevel)}`);
  if (p.docMdp !== undefined) w.line(2, `${w.label(L.docMdp)}: P=${p.docMdp}${p.docMdpOk === undefined ? '' : ` ${yn(p.docMdpOk)}`}`);
  const d = p.dictionary;
  if (d) {
    const parts = [
      d.reason !== undefined && `/Reason ${JSON.stringify(d.reason)}`,
      d.location !== undefined && `/Location ${JSON.stringify(d.location)}`,
      d.name !== undefined && `/Name ${JSON.stringify(d.name)}`,
      d.m !== undefined && `/M ${d.m}`,
      verbose && d.contactInfo !== undefined && `/ContactInfo ${JSON.stringify(d.contactInfo)}`,
    ].filter((x): x is string => typeof x === 'string');
    if (parts.length) w.line(2, `${w.label(L.dictionary)}: ${sanitizeForTerminal(parts.join(', '))}`);
  }
  const ch = p.changes ?? [];
  if (ch.length) {
    w.line(2, `${w.label(L.changes)}:`);
    const shown = verbose ? ch : ch.slice(0, MAX_CHANGES_SHOWN);
    for (const c of shown) {
      const where = [c.object, c.page !== undefined ? `p.${c.page}` : undefined].filter(Boolean).join(', ');
      w.line(3, `- [${sanitizeForTerminal(c.category)}] ${sanitizeForTerminal(c.detail)}${where ? ` (${sanitizeForTerminal(where)})` : ''}, rev ${c.revision}`);
    }
    if (shown.length < ch.length) w.line(3, w.paint('dim', `… +${ch.length - shown.length}`));
  }
}

function certLine(c: CertificateSummary): string {
  return sanitizeForTerminal(c.subject);
}

function renderCheck(w: Writer, indent: number, c: Check, verbose: boolean): void {
  const mark = w.paint(STYLE_OF[c.status] ?? 'reset', `${MARK[c.status] ?? '·'} ${w.label(STATUS_LABELS[c.status] ?? { zh: c.status, en: c.status })}`);
  w.line(indent, `${mark}: ${w.text(c.message)} ${w.paint('dim', `[${sanitizeForTerminal(c.id)}]`)}`);
  if (verbose && c.details && Object.keys(c.details).length > 0) {
    let d: string;
    try {
      d = JSON.stringify(c.details, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
    } catch {
      d = '[unprintable details]';
    }
    if (d.length > 400) d = `${d.slice(0, 400)}…`;
    w.line(indent + 2, w.paint('dim', sanitizeForTerminal(d)));
  }
}

function shownChecks(checks: readonly Check[], verbose: boolean): Check[] {
  return verbose ? [...checks] : checks.filter((c) => c.status === 'failed' || c.status === 'warning' || c.status === 'indeterminate');
}

function renderSignature(w: Writer, s: SignatureReport, verbose: boolean): void {
  w.line(1, `${w.label(L.signature)} #${s.index + 1} [${sanitizeForTerminal(s.kind)}]: ${w.verdict(s.indication, s.subIndication)}`);
  if (s.signer) {
    w.line(2, `${w.label(L.signer)}: ${certLine(s.signer)}`);
    w.line(2, `${w.label(L.issuer)}: ${sanitizeForTerminal(s.signer.issuer)}`);
    if (verbose) {
      w.line(2, `${w.label(L.serial)}: ${sanitizeForTerminal(s.signer.serialNumber)}`);
      w.line(2, `${w.label(L.validity)}: ${sanitizeForTerminal(s.signer.notBefore)} — ${sanitizeForTerminal(s.signer.notAfter)}`);
    }
  }
  if (s.signingTime) w.line(2, `${w.label(L.signingTime)}: ${sanitizeForTerminal(s.signingTime)}`);
  if (s.timestamp) {
    const t = s.timestamp;
    w.line(2, `${w.label(L.timestamp)}: ${sanitizeForTerminal(t.time)} ${w.verdict(t.indication, t.subIndication)}${t.tsa ? ` (${certLine(t.tsa)})` : ''}`);
  }
  if (s.algorithm) w.line(2, `${w.label(L.algorithm)}: ${sanitizeForTerminal(s.algorithm)}`);
  if (s.chain && s.chain.length > 0 && (verbose || s.chain.length > 1)) {
    w.line(2, `${w.label(L.chain)}: ${s.chain.map(certLine).join(' → ')}`);
  }
  if (s.coverage) w.line(2, `${w.label(L.coverage)}: ${sanitizeForTerminal(s.coverage)}`);
  if (s.modifications) w.line(2, `${w.label(L.modifications)}: ${sanitizeForTerminal(s.modifications)}`);
  renderPdf(w, s, verbose);
  for (const c of shownChecks(s.checks, verbose)) renderCheck(w, 2, c, verbose);
}

interface LicenseField {
  label: Message;
  value: string;
}

function isLicenseField(f: unknown): f is LicenseField {
  if (typeof f !== 'object' || f === null) return false;
  const o = f as Record<string, unknown>;
  const l = o.label as Record<string, unknown> | undefined;
  return typeof o.value === 'string' && typeof l === 'object' && l !== null && typeof l.zh === 'string' && typeof l.en === 'string';
}

/** The licence fields a clerk compares with the applicant's papers, in the order the licence type displays them. */
function renderLicense(w: Writer, license: Report['license']): void {
  const fields = Array.isArray(license?.fields) ? (license.fields as unknown[]).filter(isLicenseField) : [];
  if (fields.length === 0) return;
  w.line(1, `${w.label(L.license)}:`);
  for (const f of fields) w.line(2, `${w.label(f.label)}: ${sanitizeForTerminal(f.value)}`);
}

/** Render one report; the result ends without a newline. */
/** A licence's own revocation or suspension decided the verdict: say licence, not certificate. */
function licenceVerdictLabel(report: Report): Message | undefined {
  const status = (report.license as { status?: unknown } | undefined)?.status;
  if (report.indication !== 'FAILED') return undefined;
  if (status === 'revoked' && report.subIndication === 'REVOKED') return { zh: '证照已吊销', en: 'licence revoked' };
  if (status === 'suspended' && report.subIndication === 'GENERIC') return { zh: '证照已暂扣', en: 'licence suspended' };
  return undefined;
}

export function renderText(report: Report, options: TextRenderOptions = {}): string {
  const opts: Required<TextRenderOptions> = {
    verbose: options.verbose ?? false,
    colour: options.colour ?? false,
    language: options.language ?? 'both',
  };
  const w = new Writer(opts);
  const name = report.input.name !== undefined ? sanitizeForTerminal(report.input.name) : `sha256:${report.input.sha256.slice(0, 16)}…`;
  w.line(0, w.paint('bold', name));
  w.line(1, `${w.label(L.verdict)}: ${w.verdict(report.indication, report.subIndication, licenceVerdictLabel(report))}`);
  w.line(1, `${w.label(L.format)}: ${sanitizeForTerminal(report.format)}, ${report.input.size} B${opts.verbose ? `, sha256 ${report.input.sha256}` : ''}`);
  w.line(1, `${w.label(L.time)}: ${sanitizeForTerminal(report.validationTime)}`);
  const doc = shownChecks(report.checks, opts.verbose);
  if (doc.length > 0) {
    w.line(1, `${w.label(L.document)}:`);
    for (const c of doc) renderCheck(w, 2, c, opts.verbose);
  }
  renderLicense(w, report.license);
  if (report.signatures.length === 0 && report.format !== 'unknown') w.line(1, w.paint('dim', w.text(L.noSignature)));
  for (const s of report.signatures) renderSignature(w, s, opts.verbose);
  if (report.advice) w.line(1, `${w.label(L.advice)}: ${w.text(report.advice)}`);
  return w.lines.join('\n');
}
