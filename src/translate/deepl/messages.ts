import { UNPLACED_CODE } from '../translator.js';

/** Every message the DeepL adapter writes, in one table. None of them may carry the key. */
export const messages = {
  serverUrlInvalid: (shown: string) => `DEEPL_SERVER_URL is \`${shown}\`; expected an http:// or https:// address, such as https://api.deepl.com, or nothing for DeepL's own`,
  serverUrlUserinfo: (shown: string) =>
    `DEEPL_SERVER_URL (${shown}) holds a user name or password; expected the address alone: DeepL takes only the key, in DEEPL_AUTH_KEY, and every message naming the server would show them`,
  keyMissing: () => 'DEEPL_AUTH_KEY is not set: set it in the environment to translate with DeepL, or use --provider offline',
  quota: () =>
    'DeepL quota exceeded (456): the character limit of this billing period is reached. ' +
    'Drafts received so far are kept; run again once the quota allows, and only the rest is requested',
  auth: () => 'DeepL refused the key (403): check DEEPL_AUTH_KEY',
  refused: (url: string, reason: string) => `could not reach DeepL at ${url} (${reason}): check DEEPL_SERVER_URL and the network`,
  connection: (url: string, reason: string) =>
    `the connection to DeepL at ${url} failed (${reason}) after its retries: ` +
    'drafts received before are kept; check the network and DEEPL_SERVER_URL, then run again, and only the rest is requested',
  timeout: (url: string, reason: string) =>
    `DeepL at ${url} did not answer in time (${reason}) after its retries: DeepL or the network is slow. ` +
    'Drafts received before are kept; run again later, or with a lower concurrency, and only the rest is requested',
  tooManyRequests: (url: string) =>
    `DeepL at ${url} still answered 429 (too many requests) after its retries: ` +
    'drafts received before are kept; run again later, or with a lower concurrency, and only the rest is requested',
  glossaryNotFound: (url: string) =>
    `DeepL at ${url} answered 404 for a glossary this run uses: it was deleted meanwhile (perhaps by another run); run again to sync the glossary`,
  glossaryRemade: (url: string) =>
    `DeepL at ${url} no longer had the glossary this run sends (deleted meanwhile, by a run with another version of the glossary or by hand): ` +
    'it was made again, and the request sent once more with it',
  sentAgain: (request: string, characters: number, url: string) =>
    `the request for ${request} got no answer from DeepL at ${url} (timed out, the connection broke, or a gateway gave up waiting for it: 504) after DeepL may have translated it, and was sent again: ` +
    `DeepL may have billed it twice, up to ${characters} characters more than this run counts`,
  argument: (detail: string) => `deepl-node refused the request before sending it: ${detail}`,
  failed: (detail: string) => `DeepL request failed: ${detail}`,
  requestFailed: (detail: string, request: string) => `DeepL request failed: ${detail} (the request for ${request}; drafts received before are kept)`,
  notFound: (url: string) =>
    `${url} answered 404 Not found where the DeepL API answers: no DeepL API is at that address; check DEEPL_SERVER_URL, which names the server alone (https://api-free.deepl.com, https://api.deepl.com), without /v2; the request was not translated`,
  serverError: (url: string, status: string, said: string | undefined) =>
    `DeepL at ${url} still answered ${status} after its retries${said === undefined ? '' : ` (${said})`}: DeepL, or a server on the way to it, is failing. ` +
    'Drafts received before are kept; run again later, and only the rest is requested',
  notJson: (url: string, answered: string) =>
    `DeepL at ${url} answered ${answered} where DeepL answers JSON: a proxy, gateway or captive portal between subloc and DeepL answered in its place. ` +
    'Drafts received before are kept; check DEEPL_SERVER_URL and the network, then run again, and only the rest is requested',
  countMismatch: (batch: string, sent: number, received: number, url: string) =>
    `DeepL at ${url} answered a request of ${sent} texts (${batch}) with ${received} translation${received === 1 ? '' : 's'}, ` +
    'so no translation can be matched to its text: the answer was rejected whole and nothing of it kept ' +
    '(a proxy between subloc and DeepL may be altering answers). Drafts received before are kept; run again, and only the rest is requested',
  misplaced: (batch: string, sent: number, translation: number, of: number, items: readonly string[], url: string) =>
    `DeepL at ${url} answered a request of ${sent} texts (${batch}) with translations out of their texts' order: ` +
    `translation ${translation} carries ${items.map((i) => `\`${i}\``).join(', ')}, protected in text ${of} and not in its own, which DeepL copies as sent, ` +
    'so no translation can be matched to its text: the answer was rejected whole and nothing of it kept ' +
    '(a proxy between subloc and DeepL may be altering answers). Drafts received before are kept; run again, and only the rest is requested',
  interrupted: (failedOnItsWay = false) =>
    'stopped (Ctrl-C, or SIGTERM): nothing more was asked of DeepL, and the answers that came back were stored in the memory' +
    `${failedOnItsWay ? ' (a request on its way got no answer, and was not tried again)' : ''}; run again, and only the rest is requested`,
  notText: (batch: string, url: string) =>
    `DeepL at ${url} answered a request (${batch}) with a translation that is not text, ` +
    'so it cannot be read: the answer was rejected whole and nothing of it kept ' +
    '(a proxy between subloc and DeepL may be altering answers). Drafts received before are kept; run again, and only the rest is requested',
  askedPerCue: (unitId: string, problem: string) => `DeepL's answer for unit ${unitId} had ${problem}: asked again cue by cue, the unit as context`,
  unplaced: (unitId: string, problem: string) =>
    `DeepL's answer for unit ${unitId} had ${problem}, and asked for this cue alone it returned no text: ` +
    'left untranslated, not stored; run again to ask DeepL once more',
  overBudget: (unitId: string, width: number, budget: number, target: string) =>
    `DeepL's draft of unit ${unitId} is ${width} characters, over its budget of ${budget} by more than 10 %: ` +
    `DeepL takes no custom instructions for ${target}, so it was not asked for a shorter one`,
  refusedText: (unitId: string, source: string, reason: string) =>
    `DeepL refused the text of unit ${unitId} asked for alone (${reason}), and takes other texts: ` +
    `this cue (source \`${source}\`) is left untranslated, not stored; reword the source or translate the cue in review, as running again asks DeepL the same`,
  condenseRefused: (unitId: string, width: number, budget: number, reason: string) =>
    `DeepL refused the request for a shorter draft of unit ${unitId} (${reason}): its first draft, ${width} characters for a budget of ${budget}, is kept; ` +
    'the next run that condenses asks again, and --no-condense does not ask',
  condenseUnreached: (unitId: string, width: number, budget: number, reason: string) =>
    `the request for a shorter draft of unit ${unitId} could not be sent (${reason}): its first draft, ${width} characters for a budget of ${budget}, ` +
    'is written as it is, still held; the next run that condenses and reaches DeepL asks again, and --no-condense does not ask',
  pairUnsupported: (source: string, target: string) =>
    `DeepL glossaries do not support ${source} → ${target}: translated without a glossary for ${target}`,
  noEntries: (target: string) => `the glossary has no entries for ${target}: no DeepL glossary dictionary for it`,
  deleteFailed: (name: string, reason: string) =>
    `could not delete the DeepL glossary \`${name}\` (${reason}): it was left on the server and the run went on; ` +
    'the next run tries again, or delete it in your DeepL account',
  invalidEntry: (source: string, target: string) =>
    `glossary entry \`${source}\` → \`${target}\` has a tab, line break or control character, which a DeepL glossary cannot hold: left out`,
} as const;

export const codes = {
  askedPerCue: 'deepl/asked-per-cue',
  unplaced: UNPLACED_CODE,
  overBudget: 'deepl/over-budget',
  pairUnsupported: 'deepl/glossary-pair-unsupported',
  noEntries: 'deepl/glossary-no-entries',
  invalidEntry: 'deepl/glossary-entry-invalid',
  deleteFailed: 'deepl/glossary-delete-failed',
  glossaryRemade: 'deepl/glossary-remade',
  sentAgain: 'deepl/sent-again',
} as const;
