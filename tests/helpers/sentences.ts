import { seeded } from './mutations.js';

/** Common Chinese characters, the most frequent first: sentences of them share a few characters, as a film's do. */
const ALPHABET =
  '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坐集编宝谈府拉黑且随格尽剑讲布杀微怕母调局根曾准团段终乐切级克精哪官示冷域';

const CHARACTERS = [...ALPHABET];
/** Zipf's law, as characters in running Chinese text roughly follow it: the k-th most frequent one about 1/k as often as the first. */
const CUMULATIVE: number[] = [];
for (let k = 0, sum = 0; k < CHARACTERS.length; k++) CUMULATIVE.push((sum += 1 / (k + 1)));

/** `count` deterministic Chinese sentences of 12 to 27 characters, all different for any count a memory test or the bench asks. */
export function chineseSentences(count: number, seed: number): string[] {
  const random = seeded(seed);
  const total = CUMULATIVE[CUMULATIVE.length - 1]!;
  const character = (): string => {
    const at = random() * total;
    let lo = 0;
    let hi = CUMULATIVE.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (CUMULATIVE[mid]! < at) lo = mid + 1;
      else hi = mid;
    }
    return CHARACTERS[lo]!;
  };
  return Array.from({ length: count }, () => Array.from({ length: 12 + Math.floor(random() * 16) }, character).join(''));
}
