import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMatcher, createTargetMatcher } from '../../src/glossary/match.js';
import { plainOf } from '../../src/model/tagged-text.js';
import { bundled, glossaryOf, ROOT } from './helpers.js';

const g = bundled();
const matcher = createMatcher(g);
const ids = (text: string) => matcher.find(text).map((m) => m.termId);

describe('source matching in Chinese', () => {
  it('takes the longest term: 12345市民服务热线 beats 12345', () => {
    const text = '每天超过60,000个来电打进12345市民服务热线。';
    expect(matcher.find(text)).toEqual([{ termId: 'citizen-service-hotline', start: 15, end: 26, form: '12345市民服务热线' }]);
  });

  it('matches a text once: every target language that asks again shares the first answer', () => {
    const text = '北京市民热线服务中心接到12345的来电。';
    const first = matcher.find(text);
    expect(matcher.find(text)).toBe(first);
    expect(createMatcher(g).find(text)).toEqual(first);
  });

  it('resolves overlapping terms: 北京市民热线服务中心 over 北京 and 市民热线', () => {
    expect(ids('北京市民热线服务中心。')).toEqual(['hotline-service-center']);
    expect(ids('打北京12345')).toEqual(['citizen-service-hotline']);
    expect(ids('北京，早上七点。')).toEqual(['beijing']);
  });

  it('keeps longer compounds whole', () => {
    expect(ids('老旧小区加装电梯')).toEqual(['elevator-installation']);
    expect(ids('朝阳区，一个建于1985年的老旧小区。')).toEqual(['chaoyang-district', 'old-residential-community']);
    expect(ids('社区党委书记张红梅')).toEqual(['community-party-secretary']);
    expect(ids('居委会主任把方案改了四稿')).toEqual(['residents-committee-head']);
    expect(ids('从南锣鼓巷到史家胡同，东城区有上百条胡同。')).toEqual(['nanluoguxiang', 'shijia-hutong', 'dongcheng-district', 'hutong']);
    expect(ids('通过了《北京市接诉即办工作条例》。')).toEqual(['swift-response-regulations']);
  });

  it('finds every term, those inside a longer one included, when asked for all (a line break keeps each rendering whole)', () => {
    expect(matcher.findAll('居委会主任把方案改了四稿').map((m) => [m.termId, m.start, m.end])).toEqual([
      ['residents-committee-head', 0, 5],
      ['residents-committee', 0, 3],
    ]);
    expect(matcher.findAll('通过了《北京市接诉即办工作条例》。').map((m) => m.termId)).toEqual(['swift-response-regulations', 'beijing', 'swift-response-regulations', 'swift-response']);
  });

  it('finds variants and reports the form that matched', () => {
    expect(matcher.find('请拨打12345热线')).toEqual([{ termId: 'citizen-service-hotline', start: 3, end: 10, form: '12345热线' }]);
    expect(ids('接线员小王')).toEqual(['hotline-operator']);
  });

  it('needs no word boundaries in CJK text, but a digit run is not cut', () => {
    expect(ids('这里是12345。')).toEqual(['hotline-number']);
    expect(ids('打了两百多次12345，问题')).toEqual(['hotline-number']);
    expect(ids('0123456')).toEqual([]);
    expect(ids('123456')).toEqual([]);
  });

  it('takes a figure for an amount, not the term, where a currency or a counter goes with it', () => {
    expect(ids('罚款12345元')).toEqual([]);
    expect(ids('一共12345个来电')).toEqual([]);
    expect(ids('约12345万')).toEqual([]);
    expect(ids('¥12345')).toEqual([]);
    expect(ids('一共１２３４５元')).toEqual([]);
    expect(ids('12345是热线，12345元是罚款')).toEqual(['hotline-number']);
  });

  it('matches full-width digits as their ASCII forms', () => {
    expect(ids('这里是１２３４５。')).toEqual(['hotline-number']);
  });

  it('resolves overlaps leftmost-longest, with no overlaps in the result', () => {
    const m = createMatcher(
      glossaryOf([
        { id: 'ab', source: '甲乙', targets: { 'en-US': { preferred: 'ab' } } },
        { id: 'bcd', source: '乙丙丁', targets: { 'en-US': { preferred: 'bcd' } } },
        { id: 'd', source: '丁', targets: { 'en-US': { preferred: 'd' } } },
      ]),
    );
    expect(m.find('甲乙丙丁').map((x) => x.termId)).toEqual(['ab', 'd']);
    expect(m.find('乙丙丁').map((x) => x.termId)).toEqual(['bcd']);
  });

  it('never returns overlapping or out-of-order matches (property)', () => {
    const alphabet = ['北', '京', '市', '民', '热', '线', '1', '2', '3', '4', '5', '胡', '同', '史', '家', '，', ' ', 'a'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        let last = 0;
        for (const m of matcher.find(text)) {
          expect(m.start).toBeGreaterThanOrEqual(last);
          expect(m.end).toBeGreaterThan(m.start);
          last = m.end;
        }
      }),
    );
  });

  it('finds the governance terms of the sample track', () => {
    const srt = readFileSync(join(ROOT, 'subtitles/hotline-beijing.zh-Hans.srt'), 'utf8');
    const cues = srt.split(/\r?\n\r?\n/).map((block) => plainOf(block.split(/\r?\n/).slice(2).join('')));
    const found = new Set(cues.flatMap((c) => ids(c)));
    for (const id of ['swift-response', 'complaints-before-raised', 'whole-process-democracy', 'people-centered', 'hutong', 'subdistrict', 'community-party-secretary', 'work-order', 'hotline-operator', 'swift-response-regulations', 'hotline-number', 'citizen-service-hotline']) {
      expect(found, id).toContain(id);
    }
  });
});

describe('source matching in Latin script', () => {
  const latin = glossaryOf(
    [
      { id: 'hutong', source: 'hutong', targets: { 'fr-FR': { preferred: 'hutong' } } },
      { id: 'party', source: 'Party', caseSensitive: true, targets: { 'fr-FR': { preferred: 'Parti' } } },
      { id: 'party-secretary', source: 'community Party secretary', caseSensitive: true, targets: { 'fr-FR': { preferred: 'secrétaire' } } },
      { id: 'work-order', source: 'work order', targets: { 'fr-FR': { preferred: 'ordre de travail' } } },
    ],
    'en-US',
  );
  const m = createMatcher(latin);
  const found = (text: string) => m.find(text).map((x) => text.slice(x.start, x.end));

  it('needs word boundaries: hutong does not match inside hutongs or shutong (no plural guessing)', () => {
    expect(found('a hutong, two hutongs, shutong, hutong.')).toEqual(['hutong', 'hutong']);
  });

  it('ignores case unless the term is case-sensitive', () => {
    expect(found('HUTONG Hutong')).toEqual(['HUTONG', 'Hutong']);
    expect(found('the party, the Party')).toEqual(['Party']);
  });

  it('lets a case-sensitive form start a sentence with a capital, nothing more', () => {
    expect(found('Community Party secretary Zhang.')).toEqual(['Community Party secretary']);
    expect(found('community party secretary')).toEqual([]);
    expect(found('COMMUNITY PARTY SECRETARY')).toEqual([]);
  });

  it('treats any run of whitespace as one space', () => {
    expect(found('a work \n  order')).toEqual(['work \n  order']);
    // Case-sensitive forms too, and full-width letters and an ideographic space fold like any other.
    expect(found('the community  Party\u3000secretary')).toEqual(['community  Party\u3000secretary']);
    expect(found('ｃｏｍｍｕｎｉｔｙ Ｐａｒｔｙ secretary, 𠀀Party')).toEqual(['ｃｏｍｍｕｎｉｔｙ Ｐａｒｔｙ secretary', 'Party']);
    expect(found('the community party\u3000secretary')).toEqual([]);
  });
});

describe('target matching', () => {
  it('finds preferred, allowed and forbidden renderings of one language', () => {
    const t = createTargetMatcher(g, 'en-US');
    const text = 'The immediate response to citizen appeals reform, not a complaint hotline: swift response to public complaints.';
    const hits = t.find(text).filter((h) => ['swift-response', 'citizen-service-hotline'].includes(h.termId));
    expect(hits.map((h) => [h.termId, h.kind, text.slice(h.start, h.end)])).toEqual([
      ['swift-response', 'allowed', 'immediate response to citizen appeals'],
      ['citizen-service-hotline', 'forbidden', 'complaint hotline'],
      ['swift-response', 'preferred', 'swift response to public complaints'],
    ]);
  });

  it('treats curly and straight apostrophes and any spacing alike', () => {
    const t = createTargetMatcher(g, 'en-US');
    const text = 'China’s whole-process  people’s\ndemocracy';
    expect(t.find(text).filter((h) => h.termId === 'whole-process-democracy').map((h) => h.kind)).toEqual(['preferred']);
  });

  it('matches Japanese renderings without word boundaries', () => {
    const t = createTargetMatcher(g, 'ja-JP');
    const hits = t.find('12345市民サービスホットラインに電話した。');
    expect(hits.map((h) => [h.termId, h.kind])).toEqual(
      expect.arrayContaining([
        ['citizen-service-hotline', 'preferred'],
        ['hotline-number', 'preferred'],
      ]),
    );
  });

  it('reports overlapping renderings too', () => {
    const t = createTargetMatcher(g, 'en-US');
    const kinds = t.find('a community Party secretary').map((h) => h.termId);
    expect(kinds).toEqual(expect.arrayContaining(['community-party-secretary', 'community']));
  });
});
