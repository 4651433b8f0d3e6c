import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { breakLines } from '../../src/fit/break-lines.js';
import { findBreakPoints } from '../../src/fit/break-points.js';
import { importTmx } from '../../src/memory/tmx.js';
import { lineText } from '../../src/model/spans.js';
import { fromTagged } from '../../src/model/tagged-text.js';
import { fitLines, itBreaks } from './fit-lines.js';

describe('Chinese and Japanese lines break at phrases', () => {
  itBreaks('%s: the full-width space the subtitler wrote comes first: %s', [
    ['ja', '夜7時に入庫　朝8時に出庫　月200元', 13, ['夜7時に入庫', '朝8時に出庫　月200元']],
    ['ja', '北側に移設して　1階の日当たりも確保', 13, ['北側に移設して', '1階の日当たりも確保']],
    ['ja', '足が悪くて　上り下りに3回は休む', 13, ['足が悪くて', '上り下りに3回は休む']],
    ['ja', '午前3時　通話ホールは今も満席', 13, ['午前3時', '通話ホールは今も満席']],
    // The sample's cue 11: the space beat the particle `を` only where the lines came out more even.
    ['ja-JP', '仕事帰りの夜　胡同を3周しても空きなし', 13, ['仕事帰りの夜', '胡同を3周しても空きなし']],
  ]);

  itBreaks('%s: so does a half-width space between full-width characters, written for `、` (Netflix Japanese guide): %s', [
    ['ja-JP', '東京は朝から雨 午後には晴れるでしょう', 13, ['東京は朝から雨', '午後には晴れるでしょう']],
    ['zh-Hans', '我们一直在等 可是电梯始终没有装好', 16, ['我们一直在等', '可是电梯始终没有装好']],
  ]);

  it.each([
    ['ja', '今日の朝8時に出庫しました', 7],
    ['ja', '北側の1階の日当たり', 5],
    ['ja', '住民が200回以上電話した', 7],
    ['ja', '入社してから3か月です', 6],
    ['zh-Hans', '每天有超过六万个电话打进来', 7],
    ['zh-Hans', '这栋楼一共有12层没有电梯', 7],
    ['zh-Hans', '他已经第3次打电话了', 6],
  ])('%s: never between a number and its counter or unit: %s', (language, text, width) => {
    for (let w = width; w <= width + 4; w++) {
      const lines = fitLines(text, language, w);
      for (let i = 0; i + 1 < lines.length; i++) {
        const joint = `${lines[i]!.slice(-1)}|${lines[i + 1]!.slice(0, 2)}`;
        expect(joint, `${lines.join('|')} at ${w}`).not.toMatch(/(?:\p{Nd}|[〇一二三四五六七八九十百千万])\|(?:[時階回個个层次か件]|以上)|第\|\p{Nd}/u);
      }
    }
  });

  it.each([
    ['zh-Hans', '他说——我真的不知道该怎么办才好', '——'],
    ['ja', '彼は――本当に知らなかったのです', '――'],
    ['ja', '電話番号は03-1234-5678です', '03-1234-5678'],
    ['zh-Hans', '请拨打010-12345678咨询', '010-12345678'],
    ['zh-Hans', '详情请看www.beijing.gov.cn网站', 'www.beijing.gov.cn'],
    ['ja', '新型コロナCOVID-19の影響で', 'COVID-19'],
    // A number, its counter and what qualifies it, one after another.
    ['ja', '毎日窓口には電話が200回以上もかかってきて大変です', '200回以上'],
    ['ja', '三か月以上も待たされました', '三か月以上'],
    ['ja', '約3メートル余りの細い道です', '3メートル余り'],
    ['zh-Hans', '我们在外面等了二十多分钟', '二十多分钟'],
    ['zh-Hans', '这个区有两千多万人口', '两千多万'],
    // A numeral ICU joins to the word before it (`了三`, `二年`) still counts.
    ['zh-Hans', '这个小区的电梯装了三个多月才终于装好了', '三个多月'],
    ['ja', 'この問題はもう二年余り解決されていない', '二年余り'],
  ])('%s: never splits a two-em dash, a phone number, a web address, a half-width word or a counted number: %s', (language, text, whole) => {
    for (let width = 5; width <= 16; width++) {
      const lines = fitLines(text, language, width);
      if (lines.length > 1) expect(lines.some((l) => l.includes(whole)), `${width}: ${lines.join('|')}`).toBe(true);
    }
    const [from, to] = [text.indexOf(whole), text.indexOf(whole) + whole.length];
    expect(findBreakPoints(text, language, []).filter((p) => p.at > from && p.at < to)).toEqual([]);
  });

  it('keeps a Japanese compound whole when a particle offers a break', () => {
    expect(fitLines('駐車枠は60台分だけ', 'ja', 6)).toEqual(['駐車枠は', '60台分だけ']);
  });

  it('keeps a Japanese verb whole, its endings and auxiliaries with it, when a phrase boundary offers a break', () => {
    // Seen in the sample's Japanese track: `また門前をふさ / がれ子供を送れない`.
    expect(fitLines('また門前をふさがれ子供を送れない', 'ja', 13)).toEqual(['また門前をふさがれ', '子供を送れない']);
    expect(fitLines('電話がつながらないまま朝になった', 'ja', 13)).toEqual(['電話がつながらないまま', '朝になった']);
  });

  it('the reviewed Japanese track of the sample: no verb cut before its ending', () => {
    const tmx = readFileSync(resolve(import.meta.dirname, '../../subtitles/tm/hotline-beijing.ja-JP.tmx'), 'utf8');
    const joints = importTmx(tmx, 'hotline-beijing.ja-JP.tmx')
      .entries.flatMap((e) => e.target)
      .flatMap((cue) => {
        const lines = breakLines(fromTagged(cue), 'ja-JP').map(lineText);
        return lines.slice(1).map((line, i) => `${lines[i]}|${line}`);
      });
    // A line that opens with hiragana after one that ends in a verb stem or kana that is no particle.
    expect(joints.filter((j) => /[ぁ-ゖ一-龯](?<![はがをにでとのもへやから])\|[ぁ-ゖ]/u.test(j))).toEqual([]);
  });

  it('the reviewed Japanese track of the sample: no number torn from its counter, no compound cut', () => {
    const tmx = readFileSync(resolve(import.meta.dirname, '../../subtitles/tm/hotline-beijing.ja-JP.tmx'), 'utf8');
    const cues = importTmx(tmx, 'hotline-beijing.ja-JP.tmx').entries.flatMap((e) => e.target);
    expect(cues.length).toBeGreaterThan(100);
    const joints: string[] = [];
    for (const cue of cues) {
      const lines = breakLines(fromTagged(cue), 'ja-JP').map(lineText);
      for (let i = 0; i + 1 < lines.length; i++) joints.push(`${lines[i]}|${lines[i + 1]}`);
    }
    // Condensed to 4 characters a second, most cues hold one line: a quarter of them still break.
    expect(joints.length).toBeGreaterThan(25);
    for (const torn of ['8|時', '1|階', '上り|下り', '通話|ホール', '駐車|枠', '200回|以上']) {
      expect(joints.filter((j) => j.includes(torn))).toEqual([]);
    }
    expect(joints.filter((j) => /\p{Nd}\|[時階回台件戸か]/u.test(j))).toEqual([]);
  });
});
