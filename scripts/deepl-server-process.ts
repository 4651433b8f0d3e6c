/**
 * The DeepL-compatible test server in a process of its own, for the
 * benchmark: a real DeepL does its work elsewhere, so its CPU must not share
 * the pipeline's thread. Speaks over IPC: sends `{ url }` when listening,
 * answers `'state'` with the request and billing counts (and when each request arrived and was answered, with its target language, its number of texts and whether it carried custom instructions), stops on `'stop'`.
 */
import { start } from '../tests/helpers/deepl-server.js';

const options = JSON.parse(process.argv[2] ?? '{}') as Parameters<typeof start>[0];
const server = await start(options);
process.send?.({ url: server.url });
process.on('message', async (message) => {
  if (message === 'state') {
    const translate = server.state.requests.filter((r) => r.path === '/v2/translate').length;
    const times = server.state.requests.filter((r) => r.path === '/v2/translate').map((r) => r.at);
    const timeline = server.state.requests.map(({ path, at, answered, texts, params }) => ({ path, at, answered, texts, target: params?.get('target_lang')?.[0], instructed: params?.has('custom_instructions') ?? false }));
    process.send?.({ translateRequests: translate, billedCharacters: server.state.billedCharacters, maxInFlight: server.state.maxInFlight, translateTimes: times, timeline });
  } else if (message === 'stop') {
    await server.stop();
    process.exit(0);
  }
});
