import { describe, expect, it } from 'vitest';
import { readXliff } from '../../src/review/xliff-read.js';

/** A subloc file after a round through a CAT tool: segmented, re-coded, confirmed, with the tool's own additions. */
const returned = `<?xml version="1.0" encoding="UTF-8"?>
<!-- exported by a CAT tool -->
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2" xmlns:mq="MQXliff">
  <file original="hotline-beijing.zh-Hans" source-language="zh-Hans" target-language="en-US" datatype="plaintext" tool-id="subloc" product-name="hotline-beijing">
    <header>
      <phase-group>
        <phase phase-name="review-1" process-name="review" contact-name="Li Wei"/>
        <phase phase-name="proof" process-name="proofreading" contact-name="Anna Rossi"/>
      </phase-group>
      <tool tool-id="subloc" tool-name="subloc"/>
      <tool tool-id="omegat" tool-name="OmegaT"/>
    </header>
    <body>
      <group id="u-1" resname="1">
        <trans-unit id="1" resname="1" xml:space="preserve" mq:status="ManuallyConfirmed">
          <source>市民拨打<g id="i1" ctype="italic">12345</g>，</source>
          <seg-source><mrk mtype="seg" mid="1">市民拨打<g id="i1" ctype="italic">12345</g>，</mrk></seg-source>
          <target state="final" phase-name="proof"><mrk mtype="seg" mid="1">Citizens call <bpt id="1" ctype="italic">&lt;i&gt;</bpt>12345<ept id="1">&lt;/i&gt;</ept>,</mrk></target>
          <alt-trans tool-id="omegat" match-quality="100%"><target>Citizens dial 12345,</target></alt-trans>
          <note from="subloc" priority="3">timing: 00:00:04,000 → 00:00:07,500 (3.500 s)</note>
          <note from="translator">checked with the client</note>
        </trans-unit>
        <trans-unit id="2" resname="2" approved="yes">
          <source>接诉即办。</source>
          <target state="translated"><mrk mtype="seg" mid="1">Swift</mrk> <mrk mtype="x-comment" comment="term">response</mrk>.</target>
        </trans-unit>
      </group>
      <group id="u-3" resname="3">
        <trans-unit id="3" resname="3">
          <source>- 你好！<x id="lb1" ctype="lb"/>- 喂？</source>
          <target state="signed-off" phase-name="review-1">- Hello!<ph id="lb1" ctype="lb">&lt;br/&gt;</ph>- Hi?</target>
        </trans-unit>
      </group>
      <trans-unit id="4">
        <source>热线 <bx id="1" rid="7" ctype="bold"/>12345<ex id="2" rid="7"/></source>
        <target state="needs-review-translation" state-qualifier="fuzzy-match">hotline <bx id="1" rid="7" ctype="bold"/>12345<ex id="2" rid="7"/> <ph id="3">{1}</ph><x id="4" ctype="image"/></target>
      </trans-unit>
      <trans-unit id="5"><source>没有</source><target state="new"></target></trans-unit>
      <trans-unit id="6"><source>A</source><target state="x-done">B</target></trans-unit>
      <trans-unit id="7"><source>C</source><target>D</target></trans-unit>
    </body>
  </file>
</xliff>
`;

describe('readXliff', () => {
  const read = readXliff(returned, 'returned.xlf');
  const byId = new Map(read.cues.map((c) => [c.id, c]));

  it('reads the title and languages', () => {
    expect({ title: read.title, sourceLang: read.sourceLang, targetLang: read.targetLang }).toEqual({ title: 'hotline-beijing', sourceLang: 'zh-Hans', targetLang: 'en-US' });
    const posix = readXliff(returned.replace('source-language="zh-Hans" target-language="en-US"', 'source-language="zh_Hans" target-language="en_US"'), 'p.xlf');
    expect({ sourceLang: posix.sourceLang, targetLang: posix.targetLang }).toEqual({ sourceLang: 'zh-Hans', targetLang: 'en-US' });
  });

  it('reads the target through mrk segmentation and bpt/ept, with the state a CAT tool set', () => {
    expect(byId.get('1')).toMatchObject({ unitId: '1', source: '市民拨打<i>12345</i>，', target: 'Citizens call <i>12345</i>,', state: 'approved', reviewer: 'Anna Rossi' });
    expect(byId.get('2')).toMatchObject({ unitId: '1', target: 'Swift response.', state: 'approved' });
    expect(byId.get('2')!.reviewer).toBeUndefined();
  });

  it('reads dialogue breaks as x or ph lb, and signed-off as reviewed by the phase contact', () => {
    expect(byId.get('3')).toMatchObject({ unitId: '3', source: '- 你好！\n- 喂？', target: '- Hello!\n- Hi?', state: 'reviewed', reviewer: 'Li Wei' });
  });

  it('reads bx/ex, keeps unknown codes as text with a warning, and maps draft states', () => {
    expect(byId.get('4')).toMatchObject({ unitId: '', source: '热线 <b>12345</b>', target: 'hotline <b>12345</b> {1}', state: 'fuzzy' });
    expect(read.diagnostics).toContainEqual(expect.objectContaining({ code: 'xliff/unsupported-code', severity: 'warning', cueId: '4', line: 34 }));
    expect(byId.get('5')).toMatchObject({ target: null, state: 'untranslated' });
    expect(byId.get('6')).toMatchObject({ target: 'B', state: 'machine' });
    expect(read.diagnostics).toContainEqual(expect.objectContaining({ code: 'xliff/unknown-state', cueId: '6' }));
    expect(byId.get('7')).toMatchObject({ target: 'D', state: 'machine' });
    expect(read.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('reads a typed line or paragraph separator as a line break, and leaves out a deletion tracked by the tool, saying so', () => {
    const target = (t: string) => readXliff(returned.replace('<target>D</target>', `<target state="translated">${t}</target>`), 'c.xlf');
    expect(target('Bien, je note\u2028et je transmets.').cues.find((c) => c.id === '7')!.target).toBe('Bien, je note\net je transmets.');
    const tracked = target('Je transmets <mrk mtype="x-sdl-deleted">aussitôt</mrk><mrk mtype="x-sdl-added">tout de suite</mrk>.');
    expect(tracked.cues.find((c) => c.id === '7')!.target).toBe('Je transmets tout de suite.');
    expect(tracked.diagnostics).toContainEqual(expect.objectContaining({ code: 'xliff/tracked-changes', severity: 'warning', cueId: '7', message: expect.stringContaining('its deleted text was left out') }));
  });

  it('puts a space between two segments a tool split a Chinese cue into, where the target spaces its words', () => {
    const split = readXliff(returned.replace('<target>D</target>', '<target state="translated"><mrk mtype="seg" mid="1">Entendu,</mrk><mrk mtype="seg" mid="2">je note.</mrk></target>'), 's.xlf');
    expect(split.cues.find((c) => c.id === '7')!.target).toBe('Entendu, je note.');
    // Already spaced, or a language that writes no spaces: nothing added.
    const spaced = readXliff(returned.replace('<target>D</target>', '<target state="translated"><mrk mtype="seg" mid="1">Entendu, </mrk><mrk mtype="seg" mid="2">je note.</mrk></target>'), 's.xlf');
    expect(spaced.cues.find((c) => c.id === '7')!.target).toBe('Entendu, je note.');
    const japanese = readXliff(returned.replace('target-language="en-US"', 'target-language="ja-JP"').replace('<target>D</target>', '<target state="translated"><mrk mtype="seg" mid="1">了解、</mrk><mrk mtype="seg" mid="2">記録します。</mrk></target>'), 'j.xlf');
    expect(japanese.cues.find((c) => c.id === '7')!.target).toBe('了解、記録します。');
  });

  it('does not take subloc’s own notes for a reviewer’s comment when a tool dropped their `from`', () => {
    const unmarked = returned.replace('<note from="subloc" priority="3">timing: 00:00:04,000 → 00:00:07,500 (3.500 s)</note>', '<note priority="3">timing: 00:00:04,000 → 00:00:07,500 (3.500 s)</note><note>budget: 17 of 40 characters (reading speed and lines of the QC profile)</note><note>reviewed by Li Wei</note><note>warning: qc/reading-speed: reading speed 21.0 characters/s</note><note>ask the director about this line</note>');
    const cue = readXliff(unmarked, 'n.xlf').cues.find((c) => c.id === '1')!;
    expect(cue.comment).toBe('ask the director about this line\nchecked with the client');
  });

  it('reads a confirmed target without words (blank, or a style tag left empty) as no translation, keeping the state claimed', () => {
    const cleared = (target: string) => readXliff(returned.replace('<target>D</target>', target), 'c.xlf').cues.find((c) => c.id === '7');
    expect(cleared('<target state="final"><g id="i1" ctype="italic"></g></target>')).toMatchObject({ target: null, state: 'approved' });
    expect(cleared('<target state="translated"> </target>')).toMatchObject({ target: null, state: 'reviewed' });
    expect(cleared('<target state="needs-translation"><g id="i1" ctype="bold"> </g></target>')).toMatchObject({ target: null, state: 'untranslated' });
  });

  it('reads a carriage return a CAT tool wrote as `&#13;` as the line end it stands for, never as a character of the text', () => {
    const r = readXliff(returned.replace('<target>D</target>', '<target state="translated">Over 60,000 calls&#13;a day&#xD;&#10;reach 12345</target>'), 'cr.xlf');
    expect(r.cues.find((c) => c.id === '7')).toMatchObject({ target: 'Over 60,000 calls\na day\nreach 12345' });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // A reference to a character XML cannot hold is refused as any XML tool refuses it.
    const control = readXliff(returned.replace('<target>D</target>', '<target>D&#1;</target>'), 'c1.xlf');
    expect(control.diagnostics).toEqual([expect.objectContaining({ code: 'xliff/not-well-formed', severity: 'error', line: 40, column: 53 })]);
    expect(control.diagnostics[0]!.message).toContain('`&#1;` names the character U+0001');
  });

  it('takes the title from original when a tool dropped product-name', () => {
    const r = readXliff(returned.replace(' product-name="hotline-beijing"', '').replace('original="hotline-beijing.zh-Hans"', 'original="the.film.zh-Hans"'), 'x.xlf');
    expect(r.title).toBe('the.film');
  });

  it('refuses DTD entities, other versions and other documents with one error', () => {
    const entity = readXliff('<?xml version="1.0"?>\n<!DOCTYPE xliff [<!ENTITY a "aaaa">]>\n<xliff version="1.2"/>', 'e.xlf');
    expect(entity.diagnostics).toEqual([expect.objectContaining({ code: 'xliff/doctype-entities', severity: 'error', line: 2 })]);
    expect(entity.cues).toEqual([]);
    expect(readXliff('<xliff version="2.0" srcLang="zh"><file id="f"/></xliff>', 'v2.xlf').diagnostics).toEqual([expect.objectContaining({ code: 'xliff/version' })]);
    expect(readXliff('<tmx version="1.4"/>', 't.xlf').diagnostics).toEqual([expect.objectContaining({ code: 'xliff/not-xliff' })]);
    expect(readXliff('<xliff version="1.2"><file>', 'broken.xlf').diagnostics).toEqual([expect.objectContaining({ code: 'xliff/truncated', severity: 'error' })]);
    expect(readXliff('<xliff version="1.2"><file></xliff>', 'broken.xlf').diagnostics).toEqual([expect.objectContaining({ code: 'xliff/not-well-formed', severity: 'error' })]);
    expect(readXliff('<xliff version="1.2">\n<file a="1" a="2"/></xliff>', 'twice.xlf').diagnostics).toEqual([expect.objectContaining({ code: 'xliff/not-well-formed', line: 2 })]);
    expect(readXliff('<xliff version="1.2"><file original="a" datatype="plaintext"><body/></file></xliff>', 'n.xlf').diagnostics).toContainEqual(
      expect.objectContaining({ code: 'xliff/missing-attribute', severity: 'error' }),
    );
  });
});

describe('readXliff of what other CAT tools make of subloc’s codes and layout', () => {
  const unit = (target: string, source = '市民拨打<g id="i1" ctype="italic">12345</g>，') =>
    `<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file original="film.zh-Hans" source-language="zh-Hans" target-language="en-US" datatype="plaintext" product-name="film">
    <body>
      <trans-unit id="1" xml:space="preserve"><source>${source}</source><target state="translated">${target}</target></trans-unit>
    </body>
  </file>
</xliff>
`;

  it('reads a style code turned into two `<ph>` placeholders as the style, with no warning', () => {
    const r = readXliff(unit('Citizens call <ph id="1">&lt;i&gt;</ph>12345<ph id="2">&lt;/i&gt;</ph>,', '市民拨打<ph id="1">&lt;i&gt;</ph>12345<ph id="2">&lt;/i&gt;</ph>，'), 'x.xlf');
    expect(r.cues[0]).toMatchObject({ source: '市民拨打<i>12345</i>，', target: 'Citizens call <i>12345</i>,' });
    expect(r.diagnostics).toEqual([]);
  });

  it('reads a line break a tool wrapped as a placeholder, or named its own way, as the line break', () => {
    const r = readXliff(unit('The lane narrows<ph id="1">&lt;x id="lb1" ctype="lb"/&gt;</ph>to 3 meters.<ph id="2">&lt;br/&gt;</ph>Log it<x id="3" ctype="x-lb"/>and send it.', '胡同窄到三米。'), 'x.xlf');
    expect(r.cues[0]!.target).toBe('The lane narrows\nto 3 meters.\nLog it\nand send it.');
    expect(r.diagnostics).toEqual([]);
  });

  it('reads a target a tool re-indented as the text, not as empty lines around it', () => {
    const r = readXliff(unit('\n          Citizens call 12345,\n        '), 'x.xlf');
    expect(r.cues[0]!.target).toBe('Citizens call 12345,');
    const styled = readXliff(unit('\n  <g id="i1" ctype="italic">\n    - Hello!<x id="lb1" ctype="lb"/>\n    - Hi?\n  </g>\n'), 'x.xlf');
    expect(styled.cues[0]!.target).toBe('<i>- Hello!\n- Hi?</i>');
    // A line end a translator typed between two lines is a line break.
    expect(readXliff(unit('- Hello!\n- Hi?'), 'x.xlf').cues[0]!.target).toBe('- Hello!\n- Hi?');
  });
});
