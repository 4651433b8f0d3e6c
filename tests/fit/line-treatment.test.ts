import { describe, expect, it } from 'vitest';
import { findBreakPoints } from '../../src/fit/break-points.js';
import { fitLines, itBreaks } from './fit-lines.js';

/**
 * Netflix line treatment (General Requirements): break after punctuation,
 * before a conjunction or a preposition; never split a noun from its article
 * or adjective, a verb from its subject pronoun or auxiliary, a number from
 * what it counts. The cues are the sample's own, as `deliver` (40 a line)
 * and `localize` (42) wrote them before.
 */
describe('the better place to break wins over evenness', () => {
  itBreaks('%s: %s', [
    // Was `…loose manhole / covers and…`: a noun split from its noun, where a conjunction offers a break.
    ['en-US', 'She checks for loose manhole covers and dead streetlights.', 40, ['She checks for loose manhole covers', 'and dead streetlights.']],
    // Was `…ist / alarmiert…`: the auxiliary split from its participle.
    ['de-DE', 'Das Rettungsteam ist alarmiert und gleich da.', 40, ['Das Rettungsteam ist alarmiert', 'und gleich da.']],
    // Was `…más / de 100…`, `…plus / de 100…`: `de` belongs to `más`, and starts no phrase there.
    ['es-ES', 'Un operador atiende más de 100 llamadas al día.', 40, ['Un operador atiende', 'más de 100 llamadas al día.']],
    ['es-ES', 'De 2019 a 2024, el 12345 recibió más de 100 millones de demandas.', 40, ['De 2019 a 2024, el 12345 recibió', 'más de 100 millones de demandas.']],
    ['fr-FR', 'De 2019 à 2024, le 12345 a reçu plus de 100 millions de demandes.', 40, ['De 2019 à 2024, le 12345 a reçu', 'plus de 100 millions de demandes.']],
    // Was `…needs all / 12 households…`: `all` leads the number as an article leads its noun.
    ['en-US', 'An elevator needs all 12 households to agree.', 40, ['An elevator needs', 'all 12 households to agree.']],
    // Was `…each trip, / I have to…`: a sentence's end beats a comma.
    ['en-US', 'My legs are no good. Each trip, I have to stop three times.', 42, ['My legs are no good.', 'Each trip, I have to stop three times.']],
    // Was `…la calle / de acceso…`: `de` mostly joins a noun to the noun before it.
    ['es-ES', 'A los tres años, la calle de acceso sigue sin terminar.', 40, ['A los tres años,', 'la calle de acceso sigue sin terminar.']],
    // Was `…lleva casi / un mes…`, `…estrechos apenas / superan…`: a word that leads the phrase after it stays with it.
    ['es-ES', 'La luz de la escalera lleva casi un mes rota y nadie hace nada.', 42, ['La luz de la escalera lleva', 'casi un mes rota y nadie hace nada.']],
    ['es-ES', 'Los más estrechos apenas superan los tres metros.', 42, ['Los más estrechos', 'apenas superan los tres metros.']],
  ]);

  it('still prefers an even break to a line of a word or two beside a full one', () => {
    expect(fitLines('At last, the old hutong has running water again', 'en', 40)).toEqual(['At last, the old hutong', 'has running water again']);
    expect(fitLines('Parfois je me gare avenue Chang’an, à 20 min.', 'fr', 42)).toEqual(['Parfois je me gare avenue Chang’an,', 'à 20 min.']);
    expect(fitLines('Unos insultan, otros lloran y otros solo quieren hablar.', 'es', 42)).toEqual(['Unos insultan, otros lloran', 'y otros solo quieren hablar.']);
  });

  it('reads `so` before `much` as no conjunction', () => {
    expect(fitLines('Now my evening strolls feel so much freer.', 'en', 40)).toEqual(['Now my evening strolls', 'feel so much freer.']);
  });
});

describe('a number counts only what it may count', () => {
  itBreaks('%s: %s', [
    // Was `…um 7 läuft / sie…`: a clock time counts nothing, and a verb keeps its subject pronoun.
    ['de-DE', 'Jeden Morgen um 7 läuft sie ihr Wohnviertel ab.', 40, ['Jeden Morgen um 7', 'läuft sie ihr Wohnviertel ab.']],
    // Was `…2021 beschloss / der…`: a year after its month counts nothing.
    ['de-DE', 'Im September 2021 beschloss der Volkskongress', 42, ['Im September 2021', 'beschloss der Volkskongress']],
    // Was `…12345 have / to…`: a hotline's number counts nothing, and `have to` stays whole.
    ['en-US', 'Work orders from 12345 have to be handled right away.', 40, ['Work orders from 12345', 'have to be handled right away.']],
    // Was `…al 12345 más / de 200…`.
    ['es-ES', 'Los vecinos llamaron al 12345 más de 200 veces, sin solución.', 40, ['Los vecinos llamaron', 'al 12345 más de 200 veces, sin solución.']],
  ]);

  it.each([
    ['de', 'Abends nach der Arbeit dreh ich drei Runden im Hutong – kein Parkplatz.', 'drei Runden'],
    ['en', 'The committee finally approved 2021 new parking spaces for the hutong.', '2021 new'],
  ])('%s: still keeps a number with the noun it counts: %s', (language, text, whole) => {
    expect(fitLines(text, language, 42).some((line) => line.includes(whole))).toBe(true);
  });
});

describe('dialogue on one line', () => {
  itBreaks('%s: each speaker on a line of its own: %s', [
    // The first turn opens with a figure: its dash is a speaker's, as the second dash, after a sentence's end, says.
    ['en-US', '-200 yuan a month. -That much?', 42, ['-200 yuan a month.', '-That much?']],
    ['en-US', '-3 a.m. -Still working?', 42, ['-3 a.m.', '-Still working?']],
    ['es-ES', '-12, el último. -¿Sin ascensor?', 42, ['-12, el último.', '-¿Sin ascensor?']],
    // Only the second speaker marked: its dash after a sentence's end, not the comma before, is the break.
    ['en-US', 'Which floor do you live on, sir? - The sixth, no lift.', 42, ['Which floor do you live on, sir?', '- The sixth, no lift.']],
  ]);

  itBreaks('%s: a sign before a figure is no speaker: %s', [
    ['en-US', '-5 °C today. -10 °C tomorrow.', 42, ['-5 °C today. -10 °C tomorrow.']],
    ['en-US', '-5 °C today, -10 °C tomorrow.', 42, ['-5 °C today, -10 °C tomorrow.']],
  ]);
});

describe('German quotation marks', () => {
  itBreaks('%s: a sentence ends inside `„…“` and `»…«`, and a break may follow the closing mark: %s', [
    ['de-DE', 'Er rief nur „Hilfe!“ Dann war die Leitung tot.', 42, ['Er rief nur „Hilfe!“', 'Dann war die Leitung tot.']],
    ['de-DE', 'Er rief nur »Hilfe!« Dann war die Leitung tot.', 42, ['Er rief nur »Hilfe!«', 'Dann war die Leitung tot.']],
    ['de-DE', 'Er rief nur ‚Hilfe!‘ Dann war die Leitung tot.', 42, ['Er rief nur ‚Hilfe!‘', 'Dann war die Leitung tot.']],
  ]);

  it('may start a line with a German opening `»`, never with a French closing `»`', () => {
    const text = 'Die Nachbarin rief »Hilfe!«';
    expect(findBreakPoints(text, 'de-DE', []).map((p) => text.slice(p.resume))).toContain('»Hilfe!«');
    for (let max = 8; max <= 30; max++) {
      for (const line of fitLines('Elle a crié « Au secours ! » et puis plus rien.', 'fr', max)) expect(line).not.toMatch(/^[»!]|«$/u);
    }
  });
});

describe('English determiners', () => {
  it.each([
    ['Li has not been able to leave his apartment for almost three years.', 'his'],
    ['He said he would finally fix this lift before the end of next year', 'this'],
    ['Nobody could repair her broken heating system', 'her'],
    ['The residents said those stairs were far too steep', 'those'],
  ])('never ends a line with a determiner: %s', (text, word) => {
    for (let max = 20; max <= 42; max++) {
      for (const line of fitLines(text, 'en-US', max).slice(0, -1)) expect(line.endsWith(` ${word}`), `${line} at ${max}`).toBe(false);
    }
  });

  it('lets a line end with a pronoun that looks like one (`called her / at the office`)', () => {
    const text = 'I called her at the office';
    expect(findBreakPoints(text, 'en-US', []).map((p) => text.slice(0, p.at))).toContain('I called her');
  });
});
