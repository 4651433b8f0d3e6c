import { describe, expect, it } from 'vitest';
import { checkDraft } from '../../src/glossary/check.js';
import { parseGlossary } from '../../src/glossary/load.js';
import { createMatcher } from '../../src/glossary/match.js';
import { bundled } from './helpers.js';

const glossary = bundled();
const matcher = createMatcher(glossary);
const check = (source: string, target: string, targetLang: string) => checkDraft({ source, target, targetLang, glossary, matcher });
const codes = (source: string, target: string, targetLang: string) => check(source, target, targetLang).map((d) => d.code);

describe('checkDraft in en-US', () => {
  const source = '2019年，北京开始推行“接诉即办”改革。';

  it('passes a draft with the preferred rendering', () => {
    expect(check(source, 'In 2019, Beijing launched the swift response to public complaints reform.', 'en-US')).toEqual([]);
  });

  it('passes an allowed rendering (the press release wording)', () => {
    expect(check(source, "In 2019, Beijing launched the 'immediate response to citizen appeals' reform.", 'en-US')).toEqual([]);
  });

  it('warns when no rendering is present', () => {
    expect(check(source, 'In 2019, Beijing started the quick-answer reform.', 'en-US')).toEqual([
      {
        code: 'glossary/missing-term',
        severity: 'warning',
        message: 'expected `swift response to public complaints` for 接诉即办 (term `swift-response`), found none of its renderings',
      },
    ]);
  });

  it('flags a forbidden rendering as an error', () => {
    expect(check(source, 'In 2019, Beijing began the instant handling of complaints reform.', 'en-US')).toEqual([
      expect.objectContaining({ code: 'glossary/missing-term' }),
      {
        code: 'glossary/forbidden',
        severity: 'error',
        message: 'found `instant handling of complaints`, a forbidden rendering of 接诉即办 (term `swift-response`); expected `swift response to public complaints`',
      },
    ]);
  });

  it('flags a forbidden rendering even beside the preferred one', () => {
    expect(codes('加装电梯', 'Installing elevators in old buildings: the lift arrives.', 'en-US')).toEqual(['glossary/forbidden']);
  });

  it('does not flag a forbidden phrase inside an accepted rendering of a term of the same source', () => {
    expect(codes('信访和接诉即办', 'letters and visits, and swift response to public complaints', 'en-US')).toEqual([]);
    expect(codes('信访', 'the swift response to public complaints office', 'en-US')).toEqual(['glossary/missing-term', 'glossary/forbidden']);
  });

  it('reports a do-not-translate term that is missing or altered', () => {
    expect(check('您好，这里是12345。', 'Hello, this is 12 345.', 'en-US')).toEqual([
      { code: 'glossary/dnt-changed', severity: 'error', message: 'expected `12345` unchanged (do-not-translate term `hotline-number`), found it missing or altered' },
    ]);
    expect(check('您好，这里是12345。', 'Hello, this is 12345.', 'en-US')).toEqual([]);
  });

  it('honours case sensitivity: Party keeps its capital', () => {
    expect(codes('社区党委书记张红梅', 'Zhang Hongmei, community party secretary', 'en-US')).toEqual(['glossary/missing-term']);
    expect(codes('社区党委书记张红梅', 'Community Party secretary Zhang Hongmei', 'en-US')).toEqual([]);
  });

  it('accepts listed plurals (matching is exact-phrase)', () => {
    expect(codes('东城区有上百条胡同。', 'Dongcheng District has hundreds of hutongs.', 'en-US')).toEqual([]);
  });

  it('reports each term once however often it occurs, and only terms of the source', () => {
    expect(codes('工单、工单', 'a ticket', 'en-US')).toEqual([]);
    expect(codes('工单、工单', 'a form, another form', 'en-US')).toEqual(['glossary/missing-term']);
    expect(codes('没有术语', 'a complaint hotline', 'en-US')).toEqual([]);
  });
});

describe('checkDraft in fr-FR', () => {
  it('passes the portal wording, inflected forms that are listed, and flags the rest', () => {
    expect(codes('话务员小王', "L'opératrice de la hotline Xiao Wang", 'fr-FR')).toEqual([]);
    expect(codes('话务员小王', 'La standardiste Xiao Wang', 'fr-FR')).toEqual(['glossary/missing-term']);
    expect(codes('接诉即办', 'le traitement rapide des plaintes du public', 'fr-FR')).toEqual([]);
  });

  it('flags a forbidden French rendering', () => {
    expect(check('吹哨报到', 'le mécanisme de dénonciation', 'fr-FR')).toEqual([
      expect.objectContaining({ code: 'glossary/missing-term', message: expect.stringContaining('`les sous-districts sifflent, les services accourent`') }),
      expect.objectContaining({ code: 'glossary/forbidden', severity: 'error' }),
    ]);
  });

  it('keeps 12345 verbatim', () => {
    expect(codes('这里是12345。', 'Ici le 12 345.', 'fr-FR')).toEqual(['glossary/dnt-changed']);
    expect(codes('这里是12345。', 'Ici le 12345.', 'fr-FR')).toEqual([]);
  });
});

describe('checkDraft in ja-JP', () => {
  it('matches kanji and kana renderings without word boundaries', () => {
    expect(codes('社区党委书记张红梅', '社区党委書記の張紅梅さん', 'ja-JP')).toEqual([]);
    expect(codes('接诉即办', '北京の接訴即辦改革', 'ja-JP')).toEqual([]);
    expect(codes('接诉即办', '市民相談への即時対応', 'ja-JP')).toEqual([]);
  });

  it('warns on a missing rendering', () => {
    expect(check('接诉即办', '接訴即弁', 'ja-JP')).toEqual([
      expect.objectContaining({ code: 'glossary/missing-term', message: 'expected `市民相談への即時対応` for 接诉即办 (term `swift-response`), found none of its renderings' }),
    ]);
  });

  it('keeps 12345 verbatim (full-width digits count as the same number)', () => {
    expect(codes('打进12345。', '12345に電話', 'ja-JP')).toEqual([]);
    expect(codes('打进12345。', '１２３４５に電話', 'ja-JP')).toEqual([]);
    expect(codes('打进12345。', 'ホットラインに電話', 'ja-JP')).toEqual(['glossary/dnt-changed']);
  });
});

describe('checkDraft with other tags', () => {
  it('uses the only rendering of the same language for a regional or bare tag', () => {
    expect(codes('工单', 'un ordre de travail', 'fr-CA')).toEqual([]);
    expect(codes('工单', 'un formulaire', 'fr')).toEqual(['glossary/missing-term']);
  });

  it('skips terms without a rendering for the language', () => {
    expect(codes('工单', 'anything', 'ko-KR')).toEqual([]);
  });
});

describe('checkDraft on a do-not-translate term in Latin letters', () => {
  const dnt = parseGlossary(JSON.stringify({ version: 1, sourceLanguage: 'zh-Hans', terms: [{ id: 'wechat', source: 'WeChat', doNotTranslate: true }] }), 'glossary.json');
  const dntCodes = (source: string, target: string) => checkDraft({ source, target, targetLang: 'en-US', glossary: dnt, matcher: createMatcher(dnt) }).map((d) => d.code);

  it('takes the term as the source writes it, which is what DeepL is told to copy, or as the glossary writes it', () => {
    // The source said `wechat`; protected, it came back `wechat`: verbatim, yet it was flagged for not being `WeChat`.
    expect(dntCodes('请用wechat联系', 'Contact us on wechat')).toEqual([]);
    expect(dntCodes('请用wechat联系', 'Contact us on WeChat')).toEqual([]);
    expect(dntCodes('请用WeChat联系', 'Contact us on WeChat')).toEqual([]);
    expect(dntCodes('请用WeChat联系', 'WeChat: contact us there')).toEqual([]);
  });

  it('still flags the term written otherwise than the source and the glossary', () => {
    expect(dntCodes('请用WeChat联系', 'Contact us on Wechat')).toEqual(['glossary/dnt-changed']);
    expect(dntCodes('请用wechat联系', 'Contact us on WECHAT')).toEqual(['glossary/dnt-changed']);
    expect(dntCodes('请用WeChat联系', 'Contact us on Weixin')).toEqual(['glossary/dnt-changed']);
  });
});
