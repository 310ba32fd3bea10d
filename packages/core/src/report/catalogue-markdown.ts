// The check catalogue as a Markdown table, for docs/report.md. Regenerate with
//   npm run build && node -e "import('./packages/core/dist/index.js').then((m) => console.log(m.catalogueMarkdown()))"
import { CHECK_GROUPS } from './catalogue.js';

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function catalogueMarkdown(): string {
  const out: string[] = [];
  for (const [module, group] of Object.entries(CHECK_GROUPS)) {
    out.push(`### ${module}`, '', '| id | checks (passed) | when it fails | sub-indication |', '|---|---|---|---|');
    for (const d of Object.values(group)) {
      const sub = [d.subIndication, d.indeterminateSubIndication && d.indeterminateSubIndication !== d.subIndication ? `${d.indeterminateSubIndication} (indeterminate)` : undefined]
        .filter(Boolean)
        .join(', ');
      out.push(`| \`${d.id}\` | ${cell(d.passed.zh)} / ${cell(d.passed.en)} | ${cell(d.failed.zh)} / ${cell(d.failed.en)} | ${sub || '—'} |`);
    }
    out.push('');
  }
  return out.join('\n');
}
