import type { Diagnostic, Severity } from '../model/diagnostic.js';
import { clockTime } from '../formats/shared/clock-time.js';
import { frameRateLabel, framesToDropFrameLabel, msToFrames, nominalFps } from '../model/frame-rate.js';
import type { FrameRate, Ms } from '../model/track.js';
import { SHEET_CSS, SHEET_SCRIPT } from './html-assets.js';
import { escapeHtml, findTerms, renderTagged, type TermHighlight } from './html-text.js';
import { plainOf } from '../model/tagged-text.js';
import type { ReviewCue, ReviewPackage, ReviewState } from './types.js';

const CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'";

const STATE_LABEL: Record<ReviewState, string> = {
  untranslated: 'Untranslated',
  machine: 'Machine',
  memory: 'Memory',
  fuzzy: 'Fuzzy',
  'needs-review': 'Needs review',
  reviewed: 'Reviewed',
  approved: 'Approved',
};

const SETTLED: ReadonlySet<ReviewState> = new Set(['reviewed', 'approved']);
const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/**
 * Which metric a QC rule speaks about, so the number it found too high is
 * shown in red beside the finding. Matched on the rule part of `qc/<rule>`.
 */
const METRIC_OF_RULE: [RegExp, Metric][] = [
  [/reading-speed|cps/, 'cps'],
  [/chars-per-line|line-length/, 'cpl'],
  [/line-count|max-lines/, 'lines'],
  [/duration/, 'duration'],
];
type Metric = 'cps' | 'cpl' | 'lines' | 'duration';

/**
 * The review sheet: one self-contained HTML page (no network, no external
 * fonts or scripts) with every cue's timing, source and draft side by side,
 * reading speed, glossary terms, state and QC findings, and a filter down to
 * the cues that need attention. Made in pieces, a row a cue between its
 * head and its end, so its writer can let the event loop turn while it is made.
 */
export function* reviewSheetParts(pkg: ReviewPackage): Generator<string> {
  const attention = pkg.cues.filter(needsAttention).length;
  const errors = countFindings(pkg.cues, 'error');
  const warnings = countFindings(pkg.cues, 'warning');
  const title = `${pkg.title} — ${pkg.targetLang} review`;
  const meta = [
    `${pkg.sourceLang} → ${pkg.targetLang}`,
    `${pkg.cues.length} cues`,
    ...(pkg.frameRate ? [`${frameRateLabel(pkg.frameRate)} fps`] : []),
    `profile ${pkg.profile}`,
    `generated ${pkg.generatedAt}`,
  ];
  yield `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${SHEET_CSS}</style>
</head>
<body>
<header class="top">
<h1>${escapeHtml(pkg.title)} <span class="sub">· ${escapeHtml(pkg.targetLang)} review</span></h1>
<p class="meta">${meta.map((m) => `<span>${escapeHtml(m)}</span>`).join('')}</p>
<div class="bar">
<p class="summary" id="summary"><strong>${attention}</strong> of ${pkg.cues.length} cues need attention${errors > 0 ? ` · <span class="n-error">${plural(errors, 'error')}</span>` : ''}${warnings > 0 ? ` · <span class="n-warning">${plural(warnings, 'warning')}</span>` : ''}</p>
<form id="filters" class="bar">
<fieldset><legend>Show</legend><span class="segmented">
<label><input type="radio" name="view" value="all" checked>All cues</label>
<label><input type="radio" name="view" value="attention">Needs attention</label>
</span></fieldset>
<label class="legend" for="severity">Severity</label>
<select id="severity" name="severity">
<option value="any" selected>Any severity</option>
<option value="error">Errors</option>
<option value="warning">Warnings</option>
</select>
<output id="shown" aria-live="polite">Showing all ${pkg.cues.length} cues</output>
</form>
</div>
</header>
<main>
<table>
<caption>Cues of ${escapeHtml(pkg.title)}, ${escapeHtml(pkg.sourceLang)} source and ${escapeHtml(pkg.targetLang)} draft</caption>
<colgroup><col class="c-id"><col class="c-time"><col class="c-source"><col class="c-target"><col class="c-metrics"><col class="c-state"></colgroup>
<thead><tr><th scope="col">Cue</th><th scope="col">Time</th><th scope="col">Source (${escapeHtml(pkg.sourceLang)})</th><th scope="col">Draft (${escapeHtml(pkg.targetLang)})</th><th scope="col">Reading</th><th scope="col">State</th></tr></thead>
<tbody>
`;
  for (const [k, cue] of pkg.cues.entries()) yield k === 0 ? cueRow(cue, pkg) : `\n${cueRow(cue, pkg)}`;
  yield `
</tbody>
</table>
<p id="empty" class="empty" hidden>No cue matches this filter.</p>
</main>
<script>${SHEET_SCRIPT}</script>
</body>
</html>
`;
}

/** A cue needs a person when something was found on it or nobody has signed its translation off. */
export function needsAttention(cue: ReviewCue): boolean {
  return cue.findings.length > 0 || !SETTLED.has(cue.state);
}

function cueRow(cue: ReviewCue, pkg: ReviewPackage): string {
  const worst = worstSeverity(cue.findings);
  const severities = (['error', 'warning', 'info'] as const).filter((s) => cue.findings.some((f) => f.severity === s));
  const over = new Set(cue.findings.flatMap((f) => metricsOf(f.code)));
  const attrs = [
    `class="cue${cue.findings.length > 0 ? ' has-finding' : ''}"`,
    `data-cue-id="${escapeHtml(cue.id)}"`,
    `data-state="${cue.state}"`,
    ...(worst ? [`data-severity="${worst}"`] : []),
    `data-findings="${severities.join(' ')}"`,
    `data-attention="${needsAttention(cue)}"`,
  ];
  return `<tr ${attrs.join(' ')}>
<th scope="row">${escapeHtml(cue.id)}</th>
<td class="time">${timeCell(cue, pkg.frameRate, over.has('duration'))}</td>
<td class="text source" lang="${escapeHtml(pkg.sourceLang)}" dir="auto">${renderTagged(cue.source, sourceMarks(cue))}</td>
<td class="target"><div class="text" lang="${escapeHtml(pkg.targetLang)}" dir="auto">${targetText(cue)}</div>${suggestion(cue, pkg)}${comment(cue)}${findingList(cue.findings)}</td>
<td>${metricsList(cue, over)}</td>
<td>${badge(cue)}</td>
</tr>`;
}

function timeCell(cue: ReviewCue, rate: FrameRate | undefined, overDuration: boolean): string {
  const at = (ms: Ms) => `<span class="tc">${clockTime(ms, ',')}</span>${rate ? `<span class="frames">${smpte(ms, rate)}</span>` : ''}`;
  const durationFrames = rate ? ` · ${msToFrames(cue.end, rate) - msToFrames(cue.start, rate)} f` : '';
  const duration = `<span class="dur${overDuration ? ' over' : ''}">${(cue.metrics.durationMs / 1000).toFixed(3)} s${durationFrames}</span>`;
  return `<div class="times${rate ? ' with-frames' : ''}">${at(cue.start)}${at(cue.end)}</div>${duration}`;
}

/** `HH:MM:SS:FF`, or `HH:MM:SS;FF` in drop-frame, counting frames at the nominal rate. */
function smpte(ms: Ms, rate: FrameRate): string {
  const frames = msToFrames(ms, rate);
  const two = (n: number) => String(n).padStart(2, '0');
  if (rate.dropFrame) {
    const [h, m, s, f] = framesToDropFrameLabel(frames, rate);
    return `${two(h)}:${two(m)}:${two(s)};${two(f)}`;
  }
  const fps = nominalFps(rate);
  const seconds = Math.floor(frames / fps);
  return `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}:${two(frames % fps)}`;
}

/** Source terms, outlined in red when the draft has none of the renderings the glossary accepts (as QC's glossary rule judges). */
function sourceMarks(cue: ReviewCue): TermHighlight[] {
  const draft = cue.target === null ? '' : plainOf(cue.target);
  return cue.terms.map((t) => {
    const missing = cue.target !== null && findTerms(draft, t.accepted.map((form) => highlight(form, '', ''))).length === 0;
    return highlight(t.source, missing ? `expected: ${t.expected} (not found in the draft)` : `expected: ${t.expected}`, missing ? 'term term-missing' : 'term');
  });
}

function targetText(cue: ReviewCue): string {
  if (cue.target === null) return '<span class="untranslated-text">No draft yet</span>';
  return renderTagged(cue.target, cue.terms.flatMap((t) => t.accepted.map((form) => highlight(form, `expected: ${t.expected} (${t.source})`, 'term'))));
}

function highlight(form: string, title: string, className: string): TermHighlight {
  return { form, title, className };
}

function suggestion(cue: ReviewCue, pkg: ReviewPackage): string {
  if (cue.suggestion === undefined) return '';
  const label = cue.state === 'needs-review' ? 'Before the source changed:' : 'Memory:';
  return `<div class="suggestion"><span class="label">${label}</span><span lang="${escapeHtml(pkg.targetLang)}">${renderTagged(cue.suggestion)}</span></div>`;
}

function comment(cue: ReviewCue): string {
  if (cue.comment === undefined) return '';
  return `<div class="comment"><span class="label">Comment${cue.reviewer === undefined ? '' : ` by ${escapeHtml(cue.reviewer)}`}:</span><span>${escapeHtml(cue.comment)}</span></div>`;
}

function findingList(findings: readonly Diagnostic[]): string {
  if (findings.length === 0) return '';
  const sorted = [...findings].sort((a, b) => RANK[b.severity] - RANK[a.severity]);
  const items = sorted.map(
    (f) => `<li class="finding sev-${f.severity}"><span class="sev">${f.severity}</span>${inlineCode(escapeHtml(f.message))}<span class="code">${escapeHtml(f.code)}</span></li>`,
  );
  return `<ul class="findings" aria-label="Findings">${items.join('')}</ul>`;
}

/** Messages quote what was found in backticks; show those as code. */
function inlineCode(escaped: string): string {
  return escaped.replace(/`([^`]+)`/g, '<code>$1</code>');
}

function metricsList(cue: ReviewCue, over: ReadonlySet<Metric>): string {
  const m = cue.metrics;
  const dd = (metric: Metric, value: string) => `<dd${over.has(metric) ? ' class="over"' : ''}>${cue.target === null ? '—' : value}</dd>`;
  const budget = `<dt title="characters used of the cue's budget (reading speed and lines of the profile)">Budget</dt><dd${cue.target !== null && m.chars > m.budget ? ' class="over"' : ''}>${cue.target === null ? '' : `${formatWidth(m.chars)} / `}${m.budget}</dd>`;
  return `<dl class="metrics"><dt title="characters per second">CPS</dt>${dd('cps', m.charsPerSecond.toFixed(1))}<dt title="characters in the longest line">CPL</dt>${dd('cpl', formatWidth(m.maxLineWidth))}<dt>Lines</dt>${dd('lines', String(m.lines))}${budget}</dl>`;
}

/** CJK widths count half-width characters as 0.5. */
function formatWidth(width: number): string {
  return Number.isInteger(width) ? String(width) : width.toFixed(1);
}

function badge(cue: ReviewCue): string {
  const score = cue.state === 'fuzzy' && cue.score !== undefined ? ` ${Math.round(cue.score * 100)}%` : '';
  // A reviewer's words are in the memory; a cue a provider filled beside them is the provider's, from the memory too.
  const fromMemory = cue.origin === 'memory-exact';
  const machine = fromMemory && cue.provider !== undefined && cue.provider !== 'memory';
  const by = machine ? `from ${cue.provider} (memory)` : cue.reviewer !== undefined && fromMemory ? `by ${cue.reviewer}` : cue.provider !== undefined ? `from ${cue.provider}` : '';
  return `<span class="badge state-${cue.state}">${STATE_LABEL[cue.state]}${score}</span>${by ? `<span class="provider">${escapeHtml(by)}</span>` : ''}`;
}

function metricsOf(code: string): Metric[] {
  const rule = code.startsWith('qc/') ? code.slice(3) : '';
  return METRIC_OF_RULE.filter(([re]) => re.test(rule)).map(([, metric]) => metric);
}

function worstSeverity(findings: readonly Diagnostic[]): Severity | undefined {
  let worst: Severity | undefined;
  for (const f of findings) if (worst === undefined || RANK[f.severity] > RANK[worst]) worst = f.severity;
  return worst;
}

function countFindings(cues: readonly ReviewCue[], severity: Severity): number {
  return cues.reduce((n, c) => n + c.findings.filter((f) => f.severity === severity).length, 0);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
