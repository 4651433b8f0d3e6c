import type { OptionSpec } from './command.js';
import { t } from './i18n.js';

/** The options several commands take, declared once so that each reads and helps the same wherever it appears. */
export const SHARED_OPTIONS = {
  config: { type: 'string', short: 'c', value: '<file>', description: () => t('option.config'), default: 'subloc.config.json' },
  title: { type: 'string', value: '<t>', description: () => t('option.title'), default: () => t('option.titleDefault') },
  input: { type: 'string', short: 'i', value: '<file>', description: () => t('option.input'), default: () => t('option.inputDefault') },
  source: { type: 'string', value: '<lang>', description: () => t('option.sourceLanguage'), default: () => t('option.sourceLanguageDefault') },
  memory: { type: 'string', value: '<file|url>', description: () => t('option.memory'), default: () => t('option.memoryDefault') },
  encoding: { type: 'string', value: '<enc>', description: () => t('option.encoding'), default: () => t('option.encodingDefault') },
  profile: { type: 'string', value: '<name|file>', description: () => t('option.profile'), default: 'default' },
  fps: { type: 'string', value: '<rate>', description: () => t('option.fps'), default: () => t('option.fpsDefault') },
  redis: { type: 'string', value: '<url>', description: () => t('option.redis'), default: () => t('option.redisDefault') },
  'fix-timing': { type: 'boolean', description: () => t('option.fixTiming') },
  json: { type: 'boolean', description: () => t('option.json') },
} as const satisfies OptionSpec;

/** The options that pick one title of a config file: the commands that work on what `localize` made for it take both. */
export const TITLE_OPTIONS = { config: SHARED_OPTIONS.config, title: SHARED_OPTIONS.title } as const satisfies OptionSpec;
