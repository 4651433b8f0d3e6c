import { describe, expect, it } from 'vitest';
import { fitCue } from '../../src/fit/fit-cue.js';
import { lineText } from '../../src/model/spans.js';
import type { Span } from '../../src/model/track.js';
import { fitLines, itBreaks } from './fit-lines.js';
import { LATIN_BREAK_RULES, LATIN_BREAKS } from './latin-breaks.js';

describe('fitCue: Latin scripts', () => {
  it('drops a typed line that shows nothing: white space, a zero-width space or a direction mark alone', () => {
    for (const invisible of [' ', '\u200b', '\u200e', '\u2060\ufeff']) {
      const fitted = fitCue([{ text: `The lane narrows to barely 3 meters.\n${invisible}` }], { language: 'en-US', maxCharsPerLine: 42 });
      expect(fitted.lines.map(lineText), JSON.stringify(invisible)).toEqual(['The lane narrows to barely 3 meters.']);
    }
  });

  it('keeps one line when it fits', () => {
    expect(fitCue([{ text: 'Beijing, seven in the morning.' }], { language: 'en', maxCharsPerLine: 42, maxLines: 2 })).toEqual({
      lines: [[{ text: 'Beijing, seven in the morning.' }]],
      fits: true,
    });
  });

  for (const [rule, says] of Object.entries(LATIN_BREAK_RULES)) {
    const examples = LATIN_BREAKS.filter((e) => e.rule === rule);
    itBreaks(`%s: ${says} (%s)`, examples.map((e) => [e.language, e.text, e.maxCharsPerLine, e.lines] as const));
  }

  it('prefers an even break to a very lopsided one after punctuation', () => {
    expect(fitLines('At last, the old hutong has running water again', 'en', 40)).toEqual(['At last, the old hutong', 'has running water again']);
  });

  it('starts the second line with a conjunction rather than ending the first with one', () => {
    expect(fitLines('The lanes are narrow and the houses are very old', 'en', 30)).toEqual(['The lanes are narrow', 'and the houses are very old']);
  });

  it('never splits a protected glossary phrase', () => {
    const text = 'The district promised a swift response to public complaints.';
    expect(fitLines(text, 'en', 42)).toEqual(['The district promised a swift response', 'to public complaints.']);
    expect(fitLines(text, 'en', 42, ['swift response to public complaints'])).toEqual(['The district promised', 'a swift response to public complaints.']);
    // Case and apostrophe style do not matter.
    expect(fitLines(text, 'en', 42, ['Swift Response to Public Complaints'])).toEqual(['The district promised', 'a swift response to public complaints.']);
    const fr = 'Le bureau promet une réponse rapide aux plaintes du public';
    expect(fitLines(fr, 'fr', 42)).toEqual(['Le bureau promet une réponse rapide', 'aux plaintes du public']);
    expect(fitLines(fr, 'fr', 42, ['réponse rapide aux plaintes du public'])).toEqual(['Le bureau promet', 'une réponse rapide aux plaintes du public']);
  });

  it('splits a glossary rendering or a name longer than a line rather than leave a line the screen cannot hold', () => {
    const term = 'rasche Reaktion auf öffentliche Beschwerden';
    expect(fitLines(`Das ist die ${term}.`, 'de', 40, [term])).toEqual(['Das ist die rasche Reaktion', 'auf öffentliche Beschwerden.']);
    const swift = 'swift response to public complaints';
    expect(fitLines(`This is what we call the ${swift}, he said.`, 'en', 40, [swift])).toEqual(['This is what we call the swift', 'response to public complaints, he said.']);
    expect(fitLines('She called the Beijing Citizen Hotline Service Center twice.', 'en', 42)).toEqual(['She called the Beijing Citizen', 'Hotline Service Center twice.']);
    // With a third line allowed, three lines that keep it whole beat two that split it.
    const rights = fitCue([{ text: 'We finally met the Commissioner for Human Rights in Geneva.' }], { language: 'en', maxCharsPerLine: 36, maxLines: 3, protectedPhrases: ['Commissioner for Human Rights'] });
    expect(rights).toMatchObject({ fits: true });
    expect(rights.lines.map(lineText)).toContainEqual(expect.stringContaining('Commissioner for Human Rights'));
    // Kept whole where it fits: the rest of the text breaks instead.
    expect(fitLines('She called the Beijing Citizen Hotline Center.', 'en', 42)).toEqual(['She called', 'the Beijing Citizen Hotline Center.']);
  });

  it('prefers a bottom-heavy pyramid when two breaks score the same', () => {
    expect(fitLines('Calls come daily', 'en', 12)).toEqual(['Calls', 'come daily']);
    expect(fitLines('Appels reçus hier', 'fr', 12)).toEqual(['Appels', 'reçus hier']);
  });

  it('keeps French spaced punctuation and grouped digits with their words', () => {
    for (let max = 8; max <= 30; max++) {
      const lines = fitLines('Vous avez vraiment appelé la ligne ? Oui ! Environ 60 000 fois : « Allô » !', 'fr', max);
      expect(lines.join(' ')).toBe('Vous avez vraiment appelé la ligne ? Oui ! Environ 60 000 fois : « Allô » !');
      for (const line of lines) {
        expect(line).not.toMatch(/^[?!:»]|«$|^000/);
        expect(line).not.toMatch(/ 60$/);
      }
    }
  });

  it('never breaks a clock time or a signed number from its unit, nor a French hour from its minutes', () => {
    const whole = [
      ['en', 'A woman rang the citizen hotline at 10:30 p.m. to report broken lights in her hall.', /10:30$|^p\.m\./],
      ['de', 'Die Sitzung beginnt heute pünktlich um 19:30 Uhr im großen Saal des Rathauses.', /19:30$|^Uhr/],
      ['fr', 'La réunion de quartier commence à 12 h 30 dans la grande salle de la mairie.', /12$|12 h$|^h 30|^30/],
      ['de', 'Heute Nacht sinkt die Temperatur in ganz Peking auf -5 °C, sagt der Wetterdienst.', /-5$|^°C/],
    ] as const;
    // An hour that ends a clause (`8 h,`) is no hour before its minutes.
    expect(fitLines('On entre à 19 h, on sort à 8 h, 200 yuans par mois.', 'fr', 40)).toEqual(['On entre à 19 h, on sort à 8 h,', '200 yuans par mois.']);
    for (const [language, text, split] of whole) {
      for (let max = 20; max <= 42; max++) for (const line of fitLines(text, language, max)) expect(line, `${text} at ${max}`).not.toMatch(split);
    }
  });

  it('breaks between German nouns, and in a line of capitals, when no other break fits: capitals there mark no name', () => {
    expect(fitLines('Die Mitarbeiterinnen nehmen jeden Tag Tausende Anrufe Pekinger Bürger entgegen.', 'de', 42)).toEqual(['Die Mitarbeiterinnen nehmen jeden Tag', 'Tausende Anrufe Pekinger Bürger entgegen.']);
    expect(fitCue([{ text: 'DAS BÜRGERTELEFON IST AB HEUTE UM 19:30 UHR WIEDER FÜR ALLE ERREICHBAR' }], { language: 'de', maxCharsPerLine: 42 }).fits).toBe(true);
    expect(fitCue([{ text: 'THE CITIZEN HOTLINE OPENS AGAIN TONIGHT AT SEVEN FOR EVERY CALLER' }], { language: 'en', maxCharsPerLine: 42 }).fits).toBe(true);
  });

  it('reads a minus sign as no speaker’s dash', () => {
    expect(fitLines('- It was cold. - -5 degrees at night, they said.', 'en', 42)).toEqual(['- It was cold.', '- -5 degrees at night, they said.']);
    expect(fitLines('-5 °C today, -10 °C tomorrow.', 'en', 42)).toEqual(['-5 °C today, -10 °C tomorrow.']);
    expect(fitCue([{ text: '-5 °C today and -10 °C tomorrow night in the northern districts.' }], { language: 'en', maxCharsPerLine: 42 }).fits).toBe(true);
    expect(fitCue([{ text: 'The temperature that night fell to\n-5 °C, and every pipe in the old building froze.' }], { language: 'en', maxCharsPerLine: 42 }).fits).toBe(true);
    expect(fitLines('-It was cold, -5 °C at night, they said.', 'en', 42)).toEqual(['-It was cold, -5 °C at night, they said.']);
  });

  it('reads a dash before a figure in a dialogue as the speaker’s, as Spanish writes a reply glued to its dash', () => {
    expect(fitLines('-¿Qué piso? -12, el último.', 'es', 42)).toEqual(['-¿Qué piso?', '-12, el último.']);
    expect(fitLines('-几楼？-12楼。', 'zh-Hans', 16)).toEqual(['-几楼？', '-12楼。']);
    // Each line of a dialogue stays its speaker's when the cue is broken again: a line too long is flagged, never joined to the other.
    const long = fitCue([{ text: '-¿Cuántas veces?\n-3 veces, y nadie me contestó nunca en la línea directa.' }], { language: 'es', maxCharsPerLine: 42 });
    expect({ lines: long.lines.map(lineText), fits: long.fits }).toEqual({ lines: ['-¿Cuántas veces?', '-3 veces, y nadie me contestó nunca en la línea directa.'], fits: false });
  });

  it('keeps a name together in German when another break fits', () => {
    expect(fitLines('Straßenviertel-Sekretärin Zhang Hongmei hat ihr Handy immer an.', 'de', 40)).not.toContainEqual(expect.stringMatching(/Zhang$/));
  });

  it('never breaks at a no-break space', () => {
    expect(fitLines('Le centre reçoit environ soixante\u00a0mille appels', 'fr', 32)).toEqual(['Le centre reçoit environ', 'soixante\u00a0mille appels']);
  });

  it('uses up to maxLines lines when two are not enough', () => {
    const result = fitCue([{ text: 'One two three four five six seven eight nine ten eleven' }], { language: 'en', maxCharsPerLine: 20, maxLines: 3 });
    expect(result).toMatchObject({ fits: true });
    expect(result.lines.map(lineText)).toEqual(['One two three four', 'five six seven eight', 'nine ten eleven']);
  });
});

describe('fitCue: Chinese and Japanese', () => {
  it('breaks Chinese after punctuation, keeping the punctuation', () => {
    expect(fitLines('从南锣鼓巷到史家胡同，东城区有上百条胡同。', 'zh-Hans', 16)).toEqual(['从南锣鼓巷到史家胡同，', '东城区有上百条胡同。']);
    expect(fitLines('我们问：你住在哪个胡同？他说：东城区的史家胡同。', 'zh-Hans', 16)).toEqual(['我们问：你住在哪个胡同？', '他说：东城区的史家胡同。']);
  });

  it('counts half-width characters as half when measuring Chinese lines', () => {
    // 23 characters, but 12345 counts 2.5: width 20.5.
    const text = '每天有超过六万个电话打进12345市民服务热线';
    expect(fitCue([{ text }], { language: 'zh-Hans', maxCharsPerLine: 21, maxLines: 2 })).toEqual({ fits: true, lines: [[{ text }]] });
    expect(fitCue([{ text }], { language: 'zh-Hans', maxCharsPerLine: 20, maxLines: 2 }).lines).toHaveLength(2);
    expect(fitLines(text, 'zh-Hans', 16)).toEqual(['每天有超过六万个电话', '打进12345市民服务热线']);
  });

  it('never breaks inside a number or a Latin word', () => {
    for (let max = 4; max <= 12; max++) {
      for (const line of fitLines('我们的hotline每天都接听12345个电话', 'zh-Hans', max)) {
        expect(line).not.toMatch(/^[a-z0-9]/);
        expect(line).not.toMatch(/[a-z0-9]$/);
      }
    }
  });

  it('never splits a protected Chinese phrase', () => {
    expect(fitLines('市民可以拨打12345市民服务热线反映问题', 'zh-Hans', 13)).toEqual(['市民可以拨打12345', '市民服务热线反映问题']);
    expect(fitLines('市民可以拨打12345市民服务热线反映问题', 'zh-Hans', 13, ['12345市民服务热线'])).toEqual(['市民可以拨打', '12345市民服务热线反映问题']);
  });

  it('breaks Japanese after a particle, never before one', () => {
    expect(fitLines('東京では毎日電話がかかってくる', 'ja', 10)).toEqual(['東京では毎日電話が', 'かかってくる']);
    expect(fitLines('あの市民ホットラインに毎日かける', 'ja', 12)).toEqual(['あの市民ホットラインに', '毎日かける']);
  });

  it('never starts a Japanese line with closing punctuation or a prolonged sound mark', () => {
    for (let max = 4; max <= 13; max++) {
      for (const line of fitLines('「ホットライン」は、毎日、六万件の電話を受ける。', 'ja', max)) expect(line).not.toMatch(/^[、。」ー]|「$/);
    }
  });

  it('never splits a number from its counter, one of several characters included', () => {
    for (const text of ['電気が消えて３か月も連絡なし。', '電気が消えて３か月たちました。']) {
      for (let max = 7; max <= 13; max++) for (const line of fitLines(text, 'ja', max)) expect(line).not.toMatch(/３か?$/u);
    }
    expect(fitLines('这座城市每天有两千个来电需要处理。', 'zh-Hans', 16)).toEqual(['这座城市每天有', '两千个来电需要处理。']);
    expect(fitLines('这座城市每天有60,000个电话真不容易。', 'zh-Hans', 16)[1]).toMatch(/^60,000个/);
  });

  it('never starts a Japanese line with a full-width tilde, bracket or double mark, nor ends one with an opening bracket', () => {
    for (let max = 4; max <= 13; max++) {
      for (const text of ['受付時間は９時～１７時です。', '電気が［消えた］ままなんです。', '本当に‼　どうして⁉　そうですね～、']) {
        for (const line of fitLines(text, 'ja', max)) expect(line).not.toMatch(/^[～］‼⁉]|［$/u);
      }
    }
  });

  it('keeps a protected Japanese phrase whole where a layout allows, and splits it rather than overflow', () => {
    const text = '毎日たくさんの市民ホットライン電話';
    expect(fitLines(text, 'ja', 10, ['市民ホットライン'])).toEqual(['毎日たくさんの', '市民ホットライン電話']);
    expect(fitCue([{ text }], { language: 'ja', maxCharsPerLine: 9, protectedPhrases: ['市民ホットライン'] })).toMatchObject({ fits: true });
  });
});

describe('fitCue: what it never does', () => {
  it('keeps dialogue lines as they are', () => {
    expect(fitCue([{ text: '-Which district?\n-Dongcheng.' }], { language: 'en', maxCharsPerLine: 42, maxLines: 2 })).toEqual({
      lines: [[{ text: '-Which district?' }], [{ text: '-Dongcheng.' }]],
      fits: true,
    });
    const long = '-Which district do you live in, and how long have you lived there?\n-Dongcheng.';
    expect(fitCue([{ text: long }], { language: 'en', maxCharsPerLine: 42, maxLines: 2 })).toMatchObject({
      lines: [[{ text: '-Which district do you live in, and how long have you lived there?' }], [{ text: '-Dongcheng.' }]],
      fits: false,
      reason: 'too-long',
    });
    expect(fitCue([{ text: '-A\n-B\n-C' }], { language: 'en', maxCharsPerLine: 42, maxLines: 2 })).toMatchObject({ fits: false });
  });

  it("keeps a translator's line breaks when they fit, and chooses them again when they do not, each speaker still on a line", () => {
    expect(fitLines('Hallo Welt\nzweite Zeile', 'de', 42)).toEqual(['Hallo Welt', 'zweite Zeile']);
    // From a reviewed TMX's `lb`: 47 characters on a line, and three lines; both fit on two.
    expect(fitLines('The lights in our\nstairwell have been out for almost a month now.', 'en', 42)).toEqual(['The lights in our stairwell have been out', 'for almost a month now.']);
    expect(fitLines('We have called so many times\nalready,\nreally.', 'en', 42)).toEqual(['We have called so many', 'times already, really.']);
    expect(fitLines('電話が\nつながらない日が一か月も続いています', 'ja', 13)).toEqual(['電話がつながらない日が', '一か月も続いています']);
    // An empty line is a blank row on screen: dropped, wherever it stands.
    expect(fitLines('Thank you.\n', 'en', 42)).toEqual(['Thank you.']);
    expect(fitLines('\nGo on.', 'en', 42)).toEqual(['Go on.']);
    expect(fitLines('We have called\n\nso many times.', 'en', 42)).toEqual(['We have called', 'so many times.']);
    // A second speaker's line that does not fit stays theirs; the first's other break is chosen again.
    expect(fitCue([{ text: '- Where do\nyou live?\n- Dongcheng.' }], { language: 'en', maxCharsPerLine: 42 }).lines.map(lineText)).toEqual(['- Where do you live?', '- Dongcheng.']);
  });

  it('breaks a dialogue on one line only before a dash that begins a new speaker, not one inside the words of one', () => {
    expect(fitLines('- Did you call? - I did - twice - but no one came.', 'en', 42)).toEqual(['- Did you call?', '- I did - twice - but no one came.']);
    expect(fitLines('- Vous avez appelé ? - Oui - deux fois - mais personne.', 'fr', 42)).toEqual(['- Vous avez appelé ?', '- Oui - deux fois - mais personne.']);
    expect(fitLines('- I was going to- - Stop right there.', 'en', 42)).toEqual(['- I was going to-', '- Stop right there.']);
    // One speaker whose words hold dashes fits as any line does.
    expect(fitCue([{ text: '- I called them - twice - and nobody came, so now I am calling you again.' }], { language: 'en', maxCharsPerLine: 42 }).fits).toBe(true);
    // Space before the opening dash makes no empty first line.
    expect(fitLines(' - Where are you? - Dongcheng.', 'en', 42)).toEqual([' - Where are you?', '- Dongcheng.']);
  });

  it('puts each speaker of a dialogue written on one line on a line of its own, the dash first, even when it fits on one', () => {
    expect(fitLines('- Where are you going? - To the hotline office like every single day', 'en', 42)).toEqual(['- Where are you going?', '- To the hotline office like every single day']);
    expect(fitLines('– Wohin gehst du – Ins Büro der Hotline wie jeden Tag', 'de', 30)).toEqual(['– Wohin gehst du', '– Ins Büro der Hotline wie jeden Tag']);
    expect(fitLines('-Which district? -Dongcheng.', 'en', 42)).toEqual(['-Which district?', '-Dongcheng.']);
    expect(fitLines('—¿Adónde vas? —A la oficina de la línea ciudadana.', 'es', 42)).toEqual(['—¿Adónde vas?', '—A la oficina de la línea ciudadana.']);
    // The second speaker's line is too long: flagged, never moved off its dash.
    expect(fitCue([{ text: '- Where are you going? - To the hotline office like every single day' }], { language: 'en', maxCharsPerLine: 42 }).fits).toBe(false);
    // A no-break space holds even a second speaker's dash to the line.
    expect(fitLines('- Oui.\u00a0- Non.', 'fr', 42)).toEqual(['- Oui.\u00a0- Non.']);
    // A dash that opens no dialogue is a pause, broken around like any word.
    expect(fitLines('He hesitated - then he picked up the phone and dialled the number', 'en', 42)).toEqual(['He hesitated - then he picked up the phone', 'and dialled the number']);
  });

  it.each([
    ['en', 'The volunteer drove 20 km through heavy rain'],
    ['en', 'The hotline closes every evening at 10 p.m. sharp'],
    ['fr', 'Tout a commencé le 12 mars dans ce petit bureau'],
    ['fr', 'Le centre ferme tous les soirs à 22 h précises'],
    ['de', 'Die Hotline wurde zum ersten Mal am 12. März eröffnet'],
    ['de', 'Das Büro liegt im 3. Stock des alten Gebäudes'],
    ['es', 'La línea cierra cada noche a las 22 h en punto'],
    ['it', 'Il pacco pesava esattamente più o meno 15 kg circa'],
    ['es', 'La línea abrió por primera vez el 12 de marzo de 2019 en Pekín.'],
    ['es', 'El 3 de septiembre volvimos a llamar a la línea ciudadana.'],
  ])('%s: never ends a line with a number its unit, month or noun (an ordinal) starts the next with: %s', (language, text) => {
    for (let width = 12; width <= 42; width++) {
      const lines = fitLines(text, language, width);
      for (let i = 1; i < lines.length; i++) {
        expect(/\d\.?$/.test(lines[i - 1]!) && /^(km|p\.m\.|mars|h|März|Stock|kg|de)\b/u.test(lines[i]!), `${width}: ${JSON.stringify(lines)}`).toBe(false);
        expect(/\d de$/.test(lines[i - 1]!), `${width}: ${JSON.stringify(lines)}`).toBe(false);
      }
    }
  });

  it.each([
    // From the sample's tracks: `dreh ich drei / Runden`, `je tourne trois / fois`.
    ['de', 'Abends nach der Arbeit dreh ich drei Runden im Hutong – kein Parkplatz.', 'drei Runden'],
    ['fr', 'En rentrant le soir, je tourne trois fois dans le hutong : pas une place.', 'trois fois'],
    ['en', 'After work I drive around the hutong three times and never find a space.', 'three times'],
    ['es', 'Al volver del trabajo doy tres vueltas por el hutong y no hay sitio.', 'tres vueltas'],
    ['it', 'La sera dopo il lavoro faccio tre giri nel hutong e non trovo posto.', 'tre giri'],
  ])('%s: keeps a number with the noun it counts when another break is as good: %s', (language, text, whole) => {
    expect(fitLines(text, language, 42).some((line) => line.includes(whole))).toBe(true);
  });

  it('returns the best two lines, whole, when the text cannot fit', () => {
    const text = 'This sentence is much too long to ever fit in two short lines of text';
    expect(fitCue([{ text }], { language: 'en', maxCharsPerLine: 20, maxLines: 2 })).toEqual({
      lines: [[{ text: 'This sentence is much too long' }], [{ text: 'to ever fit in two short lines of text' }]],
      fits: false,
      reason: 'too-long',
    });
  });

  it('returns one line when there is nowhere to break', () => {
    expect(fitCue([{ text: 'Supercalifragilisticexpialidocious' }], { language: 'en', maxCharsPerLine: 20, maxLines: 2 })).toEqual({
      lines: [[{ text: 'Supercalifragilisticexpialidocious' }]],
      fits: false,
      reason: 'too-long',
    });
    expect(fitCue([{ text: 'Two words' }], { language: 'en', maxCharsPerLine: 5, maxLines: 1 })).toEqual({
      lines: [[{ text: 'Two words' }]],
      fits: false,
      reason: 'too-long',
    });
  });

  it('keeps styles across the break', () => {
    const spans: Span[] = [{ text: 'The ' }, { text: 'Dongcheng hotline', italic: true }, { text: ' answers ' }, { text: 'every call', bold: true }, { text: ' in minutes.' }];
    expect(fitCue(spans, { language: 'en', maxCharsPerLine: 30, maxLines: 2 }).lines).toEqual([
      [{ text: 'The ' }, { text: 'Dongcheng hotline', italic: true }, { text: ' answers' }],
      [{ text: 'every call', bold: true }, { text: ' in minutes.' }],
    ]);
    expect(fitCue([{ text: 'The Dongcheng hotline answers every call in minutes.', italic: true }], { language: 'en', maxCharsPerLine: 30, maxLines: 2 }).lines).toEqual([
      [{ text: 'The Dongcheng hotline answers', italic: true }],
      [{ text: 'every call in minutes.', italic: true }],
    ]);
  });
});
