/**
 * The sheet's inline stylesheet and script. Fonts are named, never fetched:
 * the page must open offline, so CJK text falls back on what the reader's
 * system has, chosen per `lang` so Chinese does not get Japanese glyphs.
 */
export const SHEET_CSS = `
:root {
  --ink: #1d2330; --muted: #5f6b7a; --line: #e3e7ee; --paper: #ffffff; --wash: #f5f7fa;
  --error: #c62828; --error-wash: #fdecec; --warning: #a15c00; --warning-wash: #fff4e0;
  --info: #1f5fa8; --info-wash: #e8f1fb; --term: #fff1a8; --accent: #2d5bd7;
  color-scheme: light;
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body {
  margin: 0; color: var(--ink); background: var(--wash);
  font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif;
}
:lang(zh), :lang(zh-Hans), :lang(zh-CN) { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; }
:lang(zh-Hant), :lang(zh-TW), :lang(zh-HK) { font-family: "Noto Sans CJK TC", "Source Han Sans TC", "PingFang TC", "Microsoft JhengHei", sans-serif; }
:lang(ja) { font-family: "Noto Sans CJK JP", "Source Han Sans JP", "Hiragino Sans", "Yu Gothic", "Meiryo", sans-serif; }
:lang(ko) { font-family: "Noto Sans CJK KR", "Source Han Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", sans-serif; }
header.top {
  position: sticky; top: 0; z-index: 2; background: var(--paper);
  border-bottom: 1px solid var(--line); padding: 14px 24px 12px;
  box-shadow: 0 1px 3px rgba(20, 30, 50, .06);
}
h1 { font-size: 20px; margin: 0 0 2px; font-weight: 650; letter-spacing: -.01em; }
.meta { color: var(--muted); font-size: 13px; margin: 0; }
.meta span + span::before { content: "·"; margin: 0 .5em; color: #b3bcc8; }
.bar { display: flex; flex-wrap: wrap; align-items: center; gap: 12px 20px; margin-top: 10px; }
.summary { margin: 0; font-size: 14px; }
.summary strong { font-size: 16px; }
.summary .n-error { color: var(--error); } .summary .n-warning { color: var(--warning); }
fieldset { border: 0; margin: 0; padding: 0; display: inline-flex; align-items: center; gap: 8px; }
legend, .legend { float: left; font-size: 13px; color: var(--muted); margin-right: 6px; }
.segmented { display: inline-flex; border: 1px solid #c9d1dc; border-radius: 8px; overflow: hidden; }
.segmented label { padding: 4px 12px; font-size: 13px; cursor: pointer; user-select: none; }
.segmented label + label { border-left: 1px solid #c9d1dc; }
.segmented input { position: absolute; opacity: 0; pointer-events: none; }
.segmented label:has(input:checked) { background: var(--accent); color: #fff; }
.segmented label:has(input:focus-visible) { outline: 2px solid var(--accent); outline-offset: -3px; }
select { font: inherit; font-size: 13px; padding: 3px 6px; border: 1px solid #c9d1dc; border-radius: 8px; background: var(--paper); }
output { font-size: 13px; color: var(--muted); }
main { padding: 16px 24px 40px; }
table { width: 100%; border-collapse: separate; border-spacing: 0; background: var(--paper); border: 1px solid var(--line); border-radius: 10px; table-layout: fixed; }
caption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
thead th {
  position: sticky; top: var(--header-height, 0); z-index: 1; background: #eef1f6; text-align: left;
  font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; color: var(--muted);
  padding: 8px 12px; border-bottom: 1px solid var(--line);
}
col.c-id { width: 4.5em; } col.c-time { width: 15.5em; } col.c-metrics { width: 8.5em; } col.c-state { width: 9em; }
td, tbody th { padding: 10px 12px; vertical-align: top; border-bottom: 1px solid var(--line); }
tbody tr:last-child > * { border-bottom: 0; }
tbody th { font-weight: 600; text-align: left; color: var(--muted); font-variant-numeric: tabular-nums; }
tbody tr:hover { background: #fafbfd; }
tr.has-finding > th:first-child { box-shadow: inset 4px 0 0 var(--info); }
tr[data-severity="warning"] > th:first-child { box-shadow: inset 4px 0 0 var(--warning); }
tr[data-severity="error"] > th:first-child { box-shadow: inset 4px 0 0 var(--error); }
.time { font: 13px/1.45 ui-monospace, "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace; font-variant-numeric: tabular-nums; }
.times { display: grid; grid-template-columns: auto; column-gap: 10px; }
.times.with-frames { grid-template-columns: auto auto; justify-content: start; }
.time .frames { color: var(--muted); }
.time .dur { color: var(--muted); font-size: 12px; display: block; margin-top: 2px; }
.time .dur.over { color: var(--error); font-weight: 700; }
h1 .sub { color: var(--muted); font-weight: 500; }
.text { font-size: 16px; line-height: 1.6; overflow-wrap: anywhere; }
.text:lang(zh), .text:lang(ja), .text:lang(ko) { font-size: 17px; letter-spacing: .02em; }
.text i { font-style: italic; }
.untranslated-text { color: var(--muted); font-style: italic; font-size: 14px; }
.suggestion { margin-top: 6px; font-size: 13px; color: var(--muted); }
.suggestion .label { font-weight: 600; margin-right: .4em; }
.comment { margin-top: 6px; font-size: 13px; }
.comment .label { font-weight: 600; margin-right: .4em; }
mark.term { background: var(--term); color: inherit; border-radius: 3px; padding: 0 2px; box-shadow: inset 0 -1px 0 #e0c64a; cursor: help; }
mark.term-missing { background: transparent; box-shadow: none; outline: 1.5px dashed var(--error); outline-offset: 1px; }
.metrics { font-size: 13px; font-variant-numeric: tabular-nums; margin: 0; display: grid; grid-template-columns: auto 1fr; gap: 0 8px; }
.metrics dt { color: var(--muted); }
.metrics dd { margin: 0; text-align: right; }
.metrics dd.over { color: var(--error); font-weight: 700; }
.badge { display: inline-block; padding: 2px 9px; border-radius: 999px; font-size: 12px; font-weight: 600; white-space: nowrap; border: 1px solid transparent; }
.state-untranslated { background: #fff; color: var(--error); border-color: #efb1b1; border-style: dashed; }
.state-machine { background: #e9eefc; color: #2b4aa8; }
.state-memory { background: #e3f5f1; color: #17695a; }
.state-fuzzy { background: #fff4d6; color: #8a5a00; }
.state-needs-review { background: #ffe7d6; color: #a3410b; }
.state-reviewed { background: #e6f4ea; color: #1e6b35; }
.state-approved { background: #1e7b3d; color: #fff; }
.provider { display: block; margin-top: 4px; font-size: 12px; color: var(--muted); }
ul.findings { list-style: none; margin: 8px 0 0; padding: 0; display: grid; gap: 4px; }
.finding { font-size: 13px; line-height: 1.4; padding: 5px 8px; border-radius: 6px; border-left: 3px solid; }
.finding.sev-error { background: var(--error-wash); border-color: var(--error); }
.finding.sev-warning { background: var(--warning-wash); border-color: var(--warning); }
.finding.sev-info { background: var(--info-wash); border-color: var(--info); }
.finding .sev { font-weight: 700; text-transform: uppercase; font-size: 11px; letter-spacing: .04em; margin-right: .5em; }
.sev-error .sev { color: var(--error); } .sev-warning .sev { color: var(--warning); } .sev-info .sev { color: var(--info); }
.finding .code { color: var(--muted); font-size: 11px; margin-left: .4em; white-space: nowrap; }
.finding code, .finding .code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
.empty { text-align: center; color: var(--muted); padding: 32px; }
@media print {
  header.top { position: static; box-shadow: none; }
  .bar fieldset, output { display: none; }
  thead th { position: static; }
}
`;

/**
 * Filters rows by the radio group `view` and the select `severity`; keeps
 * the live count in step. Runs without any network or storage access.
 */
export const SHEET_SCRIPT = `
(() => {
  const form = document.getElementById('filters');
  const rows = Array.from(document.querySelectorAll('tbody tr.cue'));
  const shown = document.getElementById('shown');
  const empty = document.getElementById('empty');
  const header = document.querySelector('header.top');
  const apply = () => {
    const view = form.elements.namedItem('view').value;
    const severity = form.elements.namedItem('severity').value;
    let n = 0;
    for (const row of rows) {
      const visible = (view === 'all' || row.dataset.attention === 'true') &&
        (severity === 'any' || (row.dataset.findings || '').split(' ').includes(severity));
      row.hidden = !visible;
      if (visible) n++;
    }
    shown.textContent = n === rows.length ? 'Showing all ' + n + ' cues' : 'Showing ' + n + ' of ' + rows.length + ' cues';
    empty.hidden = n > 0;
  };
  const stick = () => document.documentElement.style.setProperty('--header-height', header.offsetHeight + 'px');
  form.addEventListener('change', apply);
  window.addEventListener('resize', stick);
  stick();
  apply();
})();
`;
