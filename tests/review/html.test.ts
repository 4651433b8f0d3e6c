import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnostic } from '../../src/model/diagnostic.js';
import { splitLines } from '../../src/model/spans.js';
import { fromTagged } from '../../src/model/tagged-text.js';
import { defaultProfile } from '../../src/qc/profiles/default.js';
import { writeReviewSheet } from '../helpers/review-files.js';
import { findTerms, renderTagged } from '../../src/review/html-text.js';
import { reviewMetrics } from '../../src/review/review-metrics.js';
import { findChromium } from '../helpers/chromium.js';
import type { ReviewCue, ReviewPackage, ReviewState } from '../../src/review/types.js';

type CueInput = Pick<ReviewCue, 'id' | 'start' | 'end' | 'source' | 'target' | 'state'> & Partial<Omit<ReviewCue, 'metrics'>>;

/** A review cue; its metrics are its target text's, counted as the package counts them (a line a dialogue turn). */
function cue(c: CueInput): ReviewCue {
  const lines = c.target === null ? [] : splitLines(fromTagged(c.target));
  return {
    unitId: c.id,
    origin: c.target === null ? 'untranslated' : 'machine',
    terms: [],
    findings: [],
    ...c,
    metrics: reviewMetrics({ start: c.start, end: c.end, lines }, 'en-US', defaultProfile),
  };
}

const YANGTZE = { source: '长江', expected: 'Yangtze', accepted: ['Yangtze', 'Chang Jiang'], termId: 't-yangtze' };
const DAM = { source: '三峡大坝', expected: 'Three Gorges Dam', accepted: ['Three Gorges Dam'], termId: 't-dam' };

/**
 * A documentary about the Yangtze: one cue of each kind a reviewer meets,
 * a row each (id, times, source, target, state, then what only it has).
 */
const YANGTZE_CUES: [string, number, number, string, string | null, ReviewState, Partial<ReviewCue>?][] = [
  ['1', 1000, 3500, '<i>喂？你到码头了吗？</i>', '<i>Hello? Are you at the pier yet?</i>', 'reviewed', { reviewer: 'lin' }],
  ['2', 4000, 6500, '- 你是谁？\n- 我是船长。', "- Who are you?\n- I'm the captain.", 'approved', { reviewer: 'lin' }],
  ['3', 7000, 8200, '长江每年把数亿吨泥沙带到下游。', 'Every year the Yangtze carries hundreds of millions of tonnes of silt downstream.', 'reviewed', {
    reviewer: 'lin', terms: [YANGTZE],
    findings: [diagnostic('qc/reading-speed', 'error', 'reading speed `67.5` characters/s, expected at most `20`; shorten by 57 characters or lengthen the cue', { cueId: '3' })],
  }],
  ['4', 9000, 12000, '三峡大坝改变了这条河。', 'The big dam changed this river.', 'fuzzy', {
    origin: 'memory-fuzzy', provider: 'memory', score: 0.87, terms: [DAM],
    suggestion: 'The Three Gorges Dam changed the river.',
    findings: [diagnostic('glossary/missing-term', 'warning', 'expected `Three Gorges Dam` for `三峡大坝`, not found in the draft', { cueId: '4' })],
  }],
  ['5', 12500, 15000, '鱼&amp;米之乡。', 'A land of fish &amp; rice.', 'approved', { reviewer: 'chen' }],
  ['6', 15500, 18000, '<b>长江</b>从这里开始。', '<b>The Yangtze</b> begins here.', 'machine', { provider: 'deepl', terms: [YANGTZE] }],
  ['7', 18500, 21000, '我们明天再来。', null, 'untranslated'],
];

function fixture(): ReviewPackage {
  return {
    title: 'River Voices',
    sourceLang: 'zh-Hans',
    targetLang: 'en-US',
    frameRate: { numerator: 24000, denominator: 1001 },
    generatedAt: '2026-11-28T10:00:00Z',
    profile: defaultProfile.id,
    cues: YANGTZE_CUES.map(([id, start, end, source, target, state, more]) => cue({ id, start, end, source, target, state, ...more })),
  };
}

describe('writeReviewSheet', () => {
  const html = writeReviewSheet(fixture());

  it('is one self-contained page: charset, strict CSP, no URL anywhere', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/https?:/i);
    expect(html).not.toMatch(/\b(src|href)\s*=/i);
    expect(html).not.toMatch(/@import|url\(/i);
  });

  it('titles the page `<title> — <targetLang> review`', () => {
    expect(html).toContain('<title>River Voices — en-US review</title>');
  });

  describe('escapes cue text, titles and messages: markup in them stays text', () => {
    const pkg = fixture();
    pkg.title = 'A <b>"bold"</b> & film';
    pkg.cues = [
      cue({
        id: '<x>', start: 0, end: 1000,
        source: '<script>alert(1)</script> & 鱼', target: 'Tom &amp; Jerry <script>alert(1)</script> <img src=x onerror=alert(2)>',
        state: 'machine',
        findings: [diagnostic('qc/x', 'warning', 'found `</li><script>alert(3)</script>`', { cueId: '<x>' })],
      }),
    ];
    const page = writeReviewSheet(pkg);

    it('runs no script but its own, and shows no image', () => {
      expect(page.match(/<script>/g)).toHaveLength(1);
      expect(page).not.toContain('<img');
    });

    it.each([
      ['the source text', '&lt;script&gt;alert(1)&lt;/script&gt; &amp; 鱼'],
      ['the target text', 'Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(2)&gt;'],
      ['a finding’s message', '<code>&lt;/li&gt;&lt;script&gt;alert(3)&lt;/script&gt;</code>'],
      ['the title', '<title>A &lt;b&gt;&quot;bold&quot;&lt;/b&gt; &amp; film — en-US review</title>'],
      ['the cue id in its attribute', 'data-cue-id="&lt;x&gt;"'],
    ])('shows %s as text', (_what, escaped) => {
      expect(page).toContain(escaped);
    });
  });

  it('shows a reviewer’s comment on its cue, as text', () => {
    const pkg = fixture();
    pkg.cues = [cue({ id: '1', start: 0, end: 1000, source: '鱼', target: 'Fish', state: 'reviewed', reviewer: 'lin', comment: 'Check the <b>name</b> & the date' })];
    const page = writeReviewSheet(pkg);
    expect(page).toContain('<div class="comment"><span class="label">Comment by lin:</span><span>Check the &lt;b&gt;name&lt;/b&gt; &amp; the date</span></div>');
  });

  it('renders our tags as elements and a dialogue break as <br>', () => {
    expect(html).toContain('<i>Hello? Are you at the pier yet?</i>');
    expect(html).toContain('<i>喂？你到码头了吗？</i>');
    expect(html).toContain('- Who are you?<br>- I&#39;m the captain.');
    expect(html).toContain('<mark class="term" title="expected: Yangtze"><b>长江</b></mark>');
  });

  it('puts lang on source and target cells, and lets each text take its own direction (Arabic, Hebrew read right to left)', () => {
    expect(html.match(/<td class="text source" lang="zh-Hans" dir="auto">/g)).toHaveLength(7);
    expect(html.match(/<div class="text" lang="en-US" dir="auto">/g)).toHaveLength(7);
  });

  it('shows timecodes, frames at the package rate, duration and metrics', () => {
    // 7000 ms at 23.976 is frame 168 (00:00:07:00 at 24 a second); 8200 ms is frame 197.
    expect(html).toContain('<span class="tc">00:00:07,000</span><span class="frames">00:00:07:00</span><span class="tc">00:00:08,200</span><span class="frames">00:00:08:05</span>');
    expect(html).toContain('1.200 s · 29 f');
    expect(html).toContain('<dd class="over">67.5</dd>');
  });

  it('marks cues with findings and their state, and counts those needing attention', () => {
    expect(html).toMatch(/<tr class="cue has-finding" data-cue-id="3" data-state="reviewed" data-severity="error" data-findings="error" data-attention="true">/);
    expect(html).toMatch(/<tr class="cue" data-cue-id="2" data-state="approved" data-findings="" data-attention="false">/);
    expect(html).toMatch(/<strong>4<\/strong> of 7 cues need attention/);
    expect(html).toContain('<span class="badge state-fuzzy">Fuzzy 87%</span>');
    expect(html).toContain('<span class="badge state-untranslated">Untranslated</span>');
    expect(html).toContain('<div class="text" lang="en-US" dir="auto"><span class="untranslated-text">No draft yet</span></div>');
    expect(html).toContain('<li class="finding sev-error"><span class="sev">error</span>reading speed <code>67.5</code>');
  });

  it('outlines a source term whose expected rendering is missing from the draft', () => {
    expect(html).toContain('<mark class="term term-missing" title="expected: Three Gorges Dam (not found in the draft)">三峡大坝</mark>');
  });

  it('does not outline a term the draft renders by an allowed alternative, as QC does not report it', () => {
    const pkg = fixture();
    const cue = pkg.cues.find((c) => c.id === '6')!;
    cue.target = '<b>The Chang Jiang</b> begins here.';
    const sheet = writeReviewSheet(pkg);
    expect(sheet).toContain('<mark class="term" title="expected: Yangtze">长江</mark>');
    expect(sheet).not.toMatch(/term-missing[^>]*>长江</);
  });

  it('shows without frames when the package has no frame rate', () => {
    const pkg = fixture();
    delete pkg.frameRate;
    const page = writeReviewSheet(pkg);
    expect(page).not.toContain('class="frames"');
    expect(page).toContain('<span class="tc">00:00:07,000</span><span class="tc">00:00:08,200</span>');
    expect(page).toContain('1.200 s</span>');
  });
});

describe('renderTagged and findTerms', () => {
  const term = (form: string) => ({ form, title: `expected: ${form}`, className: 'term' });

  it('keeps a mark whole across a style change', () => {
    expect(renderTagged('<i>长</i>江水', [term('长江')])).toBe('<mark class="term" title="expected: 长江"><i>长</i>江</mark>水');
  });

  it('finds CJK terms inside running text and Latin terms only as whole words', () => {
    expect(findTerms('看长江水', [term('长江')]).map((r) => [r.start, r.end])).toEqual([[1, 3]]);
    expect(findTerms('Lisa met Li.', [term('Li')]).map((r) => r.start)).toEqual([9]);
    expect(findTerms('the YANGTZE river', [term('Yangtze')]).map((r) => r.start)).toEqual([4]);
    expect(findTerms('ＤＮＡ test', [term('DNA')]).map((r) => [r.start, r.end])).toEqual([[0, 3]]);
  });

  it('lets the longest of overlapping terms win', () => {
    const ranges = findTerms('Three Gorges Dam', [term('Dam'), term('Three Gorges Dam'), term('Gorges')]);
    expect(ranges.map((r) => r.term.form)).toEqual(['Three Gorges Dam']);
  });
});

const SCREENSHOT = join(tmpdir(), 'subloc-review-sheet.png');

describe('review sheet in headless Chromium', () => {
  let profileDir = '';
  let context: BrowserContext | undefined;
  let page: Page;
  const requests: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    // A missing browser must fail the suite, not skip it (findChromium throws): the issue asks for a real browser test.
    const { executablePath, args } = await findChromium();
    profileDir = mkdtempSync(join(tmpdir(), 'subloc-chromium-'));
    const file = join(profileDir, 'River Voices.en-US.review.html');
    writeFileSync(file, writeReviewSheet(fixture()));
    // Playwright passes the fresh profile as --user-data-dir itself; it refuses the flag in args.
    context = await chromium.launchPersistentContext(join(profileDir, 'profile'), {
      executablePath,
      headless: true,
      args,
      viewport: { width: 1280, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('request', (r) => requests.push(r.url()));
    page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(pathToFileURL(file).href);
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  const visibleIds = () => page.locator('tbody tr.cue:visible').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-cue-id')));

  it('renders one table row a cue, without errors or network requests', async () => {
    expect(await page.title()).toBe('River Voices — en-US review');
    expect(await page.locator('table tbody tr').count()).toBe(7);
    expect(await page.locator('thead th').allTextContents()).toEqual(['Cue', 'Time', 'Source (zh-Hans)', 'Draft (en-US)', 'Reading', 'State']);
    expect(await visibleIds()).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(await page.locator('#shown').textContent()).toBe('Showing all 7 cues');
    expect(await page.locator('#summary').textContent()).toContain('4 of 7 cues need attention');
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('renders styling: italics for the phone voice, two lines for the dialogue', async () => {
    const italic = page.locator('tr[data-cue-id="1"] td.target i');
    expect(await italic.evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).fontStyle)).toBe('italic');
    expect(await page.locator('tr[data-cue-id="2"] td.target br').count()).toBe(1);
    expect(await page.locator('tr[data-cue-id="1"] td.source').getAttribute('lang')).toBe('zh-Hans');
  });

  it('shows the cue with a finding as one: marked row and visible finding text', async () => {
    const row = page.locator('tr[data-cue-id="3"]');
    expect(await row.getAttribute('class')).toContain('has-finding');
    expect(await row.getAttribute('data-severity')).toBe('error');
    const finding = row.locator('li.finding.sev-error');
    expect(await finding.isVisible()).toBe(true);
    expect(await finding.innerText()).toContain('reading speed 67.5 characters/s, expected at most 20');
    const bar = await row.locator('th').evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).boxShadow);
    expect(bar).toContain('rgb(198, 40, 40)');
  });

  it('highlights glossary terms in source and draft', async () => {
    const source = page.locator('tr[data-cue-id="3"] td.source mark.term');
    const target = page.locator('tr[data-cue-id="3"] td.target mark.term');
    expect(await source.textContent()).toBe('长江');
    expect(await source.getAttribute('title')).toBe('expected: Yangtze');
    expect(await target.textContent()).toBe('Yangtze');
    expect(await page.locator('mark.term').count()).toBe(5);
    expect(await page.locator('tr[data-cue-id="4"] mark.term-missing').isVisible()).toBe(true);
  });

  it('"Needs attention" hides settled cues without findings and keeps the reviewed one with a finding', async () => {
    await page.locator('label', { hasText: 'Needs attention' }).click();
    expect(await visibleIds()).toEqual(['3', '4', '6', '7']);
    expect(await page.locator('#shown').textContent()).toBe('Showing 4 of 7 cues');
    expect(await page.locator('tr[data-cue-id="3"] li.finding').isVisible()).toBe(true);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it('filters by severity, and says so when nothing matches', async () => {
    await page.selectOption('#severity', 'error');
    expect(await visibleIds()).toEqual(['3']);
    await page.selectOption('#severity', 'warning');
    expect(await visibleIds()).toEqual(['4']);
    await page.locator('tbody tr.cue').evaluateAll((rows) => rows.forEach((r) => r.setAttribute('data-findings', '')));
    await page.selectOption('#severity', 'error');
    expect(await visibleIds()).toEqual([]);
    expect(await page.locator('#empty').isVisible()).toBe(true);
    await page.reload();
    await page.locator('label', { hasText: 'All cues' }).click();
    expect(await visibleIds()).toHaveLength(7);
    await page.screenshot({ path: SCREENSHOT.replace('.png', '-all.png'), fullPage: true });
  });
});
