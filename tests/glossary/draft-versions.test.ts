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
    expect(fr.own(['The service', 'hotlines answer.'])).toBe(fr.own(['Service Hotline']));
    expect(fr.own(['The service', 'hotlines answer.'])).not.toBe(none);
    expect(v.own(['工', '单'])).toBe(v.own(['工单']));
  });

  it("looks a unit up under its own version and the whole glossary's, and is the whole glossary's when it holds every term", () => {
    const whole = glossaryContentHash(before, 'en-US');
    expect(v.under(['胡同。'])).toEqual({ own: v.own(['胡同。']), former: whole });
    expect(v.own(['工单在胡同，请拨打12345。'])).toBe(whole);
    expect(v.under(['工单在胡同，请拨打12345。'])).toBe(whole);
  });

  it('is the empty version, which every lookup accepts, without a glossary', () => {
    const without = draftVersions(undefined, 'en-US');
    expect(without.own(['工单'])).toBe('');
    expect(without.under(['工单'])).toBe('');
  });
});
