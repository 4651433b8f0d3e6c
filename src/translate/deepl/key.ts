/**
 * Whether the environment holds a DeepL key: the provider's default and its
 * precondition (the key itself stays there). Apart from the client, so that
 * asking loads no DeepL code.
 */
export function hasDeepLKey(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return (env['DEEPL_AUTH_KEY'] ?? '').trim() !== '';
}
