import { describe, expect, it } from 'vitest';
import { glossaryContentHash } from '../../src/glossary/deepl-entries.js';
import { draftVersions } from '../../src/glossary/draft-versions.js';
import { glossaryOf } from './helpers.js';

const workOrder = { id: 'work-order', source: '工单', targets: { 'en-US': { preferred: 'work order' }, 'de-DE': { preferred: 'Arbeitsauftrag' } } };
const hutong = { id: 'hutong', source: '胡同', targets: { 'en-US': { preferred: 'hutong' } } };
const number = { id: 'hotline-number', source: '12345', doNotTranslate: true };

describe("a unit's glossary version", () => {
  const before = glossaryOf([workOrder, hutong, number]);
  const v = draftVersions(before, 'en-US');

  it('changes with a term the unit holds, and with nothing else', () => {
    const renamed = draftVersions(glossaryOf([{ ...workOrder, targets: { ...workOrder.targets, 'en-US': { preferred: 'ticket' } } }, hutong, number]), 'en-US');
    expect(renamed.own(['我们派了一张', '工单。'])).not.toBe(v.own(['我们派了一张', '工单。']));
    expect(renamed.own(['胡同里没有路灯。'])).toBe(v.own(['胡同里没有路灯。']));
    // A term added or removed that the unit does not hold leaves it as it was.
    const added = draftVersions(glossaryOf([workOrder, hutong, number, { id: 'community', source: '社区', targets: { 'en-US': { preferred: 'community' } } }]), 'en-US');
    expect(added.own(['胡同里没有路灯。'])).toBe(v.own(['胡同里没有路灯。']));
    expect(added.own(['社区的胡同。'])).not.toBe(v.own(['社区的胡同。']));
    // Another target's rendering is another language's business.
    const german = draftVersions(glossaryOf([{ ...workOrder, targets: { ...workOrder.targets, 'de-DE': { preferred: 'Auftrag' } } }, hutong, number]), 'en-US');
    expect(german.own(['工单'])).toBe(v.own(['工单']));
  });

  it('counts a do-not-translate term, and tells a unit with terms from one without', () => {
    expect(v.own(['请拨打12345。'])).not.toBe(v.own(['请拨打。']));
    expect(v.own(['请拨打。'])).toBe(v.own(['没有术语的一句话。']));
  });

  it('finds a term across the cues of a unit, in markup, in any case, full-width or flexed', () => {
    const latin = glossaryOf([{ id: 'city', source: 'city', targets: { 'fr-FR': { preferred: 'ville' } } }, { id: 'service-hotline', source: 'service hotline', targets: { 'fr-FR': { preferred: 'ligne de service' } } }], 'en-US');
    const fr = draftVersions(latin, 'fr-FR');
    const none = fr.own(['Nothing here.']);
    expect(fr.own(['Two <i>Cities</i> tonight.'])).not.toBe(none);
    expect(fr.own(['ＣＩＴＹ'])).not.toBe(none);
    expect(fr.own(['The service', 'hotlines answer.'])).not.toBe(fr.own(['The service', 'lines answer.']));
    expect(v.own(['工', '单'])).not.toBe(v.own(['工', '作']));
  });

  it('meets a short word only as a word, with a letter or two more', () => {
    const ai = glossaryOf([{ id: 'ai', source: 'AI', targets: { 'de-DE': { preferred: 'KI' } } }], 'en-US');
    const de = draftVersions(ai, 'de-DE');
    const withoutTerm = draftVersions(glossaryOf([{ id: 'other', source: 'zebra', targets: { 'de-DE': { preferred: 'Zebra' } } }], 'en-US'), 'de-DE');
    for (const text of ['He said it again.', 'The train captain waits.']) expect(de.own([text])).toBe(withoutTerm.own([text]));
    for (const text of ['AI helps.', 'Two AIs.', "The AI's answer."]) expect(de.own([text])).not.toBe(withoutTerm.own([text]));
  });

  it('changes with what decides what DeepL is kept from: a longer term without a rendering for the target, case sensitivity', () => {
    const fine = { id: 'fine', source: '罚款60,000元', targets: { 'en-US': { preferred: 'a 60,000-yuan fine' } } };
    const wechat = { id: 'wechat', source: 'WeChat', doNotTranslate: true };
    const base = draftVersions(glossaryOf([wechat]), 'de-DE');
    const longer = draftVersions(glossaryOf([wechat, fine]), 'de-DE');
    expect(longer.own(['他被罚款60,000元。'])).not.toBe(base.own(['他被罚款60,000元。']));
    expect(longer.own(['胡同里没有路灯。'])).toBe(base.own(['胡同里没有路灯。']));
    const strict = draftVersions(glossaryOf([{ ...wechat, caseSensitive: true }]), 'de-DE');
    expect(strict.own(['我用wechat联系他。'])).not.toBe(base.own(['我用wechat联系他。']));
  });

  it("changes with the target's allowed and forbidden renderings of a term the unit holds", () => {
    const allowed = draftVersions(glossaryOf([{ ...workOrder, targets: { ...workOrder.targets, 'en-US': { preferred: 'work order', allowed: ['ticket'] } } }, hutong, number]), 'en-US');
    const forbidden = draftVersions(glossaryOf([{ ...workOrder, targets: { ...workOrder.targets, 'en-US': { preferred: 'work order', forbidden: ['job'] } } }, hutong, number]), 'en-US');
    expect(allowed.own(['工单'])).not.toBe(v.own(['工单']));
    expect(forbidden.own(['工单'])).not.toBe(v.own(['工单']));
    expect(allowed.own(['胡同'])).toBe(v.own(['胡同']));
  });

  it("looks a unit up under its own version and the whole glossary's", () => {
    expect(v.under(['胡同。'])).toEqual({ own: v.own(['胡同。']), former: glossaryContentHash(before, 'en-US') });
  });

  it('is the version of a unit that meets no term without a glossary, so a glossary added later re-drafts only the units that meet its terms', () => {
    const without = draftVersions(undefined, 'en-US');
    expect(without.own(['工单'])).toBe(v.own(['没有术语的一句话。']));
    expect(without.own(['工单'])).not.toBe(v.own(['工单']));
    expect(without.under(['工单'])).toEqual({ own: without.own(['工单']), former: '' });
  });
});
