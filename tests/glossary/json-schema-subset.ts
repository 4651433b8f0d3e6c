/**
 * A validator for the JSON Schema 2020-12 keywords glossary.schema.json uses,
 * no more (ajv is not a dependency). An unknown keyword throws, so the schema
 * cannot grow a rule this validator silently skips.
 */
type Schema = { [keyword: string]: unknown } | boolean;

const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'default', '$defs']);
const KNOWN = new Set([
  ...ANNOTATIONS,
  'type', 'properties', 'required', 'additionalProperties', '$ref', 'const', 'pattern', 'items', 'minItems',
  'uniqueItems', 'minProperties', 'propertyNames', 'if', 'then', 'else',
]);

const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);

export function validate(root: Schema, value: unknown): string[] {
  const errors: string[] = [];
  const resolve = (ref: string): Schema => {
    if (!ref.startsWith('#/$defs/') || typeof root !== 'object') throw new Error(`unsupported $ref ${ref}`);
    const def = (root.$defs as Record<string, Schema> | undefined)?.[ref.slice('#/$defs/'.length)];
    if (def === undefined) throw new Error(`unresolved $ref ${ref}`);
    return def;
  };
  const check = (schema: Schema, v: unknown, at: string, out: string[]): void => {
    if (schema === true) return;
    if (schema === false) {
      out.push(`${at}: not allowed`);
      return;
    }
    for (const k of Object.keys(schema)) if (!KNOWN.has(k)) throw new Error(`unsupported keyword ${k}`);
    if (schema.$ref) check(resolve(schema.$ref as string), v, at, out);
    if (schema.type !== undefined) {
      const t = typeOf(v);
      if (!(t === schema.type || (schema.type === 'number' && t === 'integer'))) out.push(`${at}: expected ${String(schema.type)}, found ${t}`);
    }
    if ('const' in schema && JSON.stringify(v) !== JSON.stringify(schema.const)) out.push(`${at}: expected ${JSON.stringify(schema.const)}`);
    if (typeof schema.pattern === 'string' && typeof v === 'string' && !new RegExp(schema.pattern, 'u').test(v)) out.push(`${at}: ${JSON.stringify(v)} does not match ${schema.pattern}`);
    if (Array.isArray(v)) {
      if (typeof schema.minItems === 'number' && v.length < schema.minItems) out.push(`${at}: fewer than ${schema.minItems} items`);
      if (schema.uniqueItems === true && new Set(v.map((x) => JSON.stringify(x))).size !== v.length) out.push(`${at}: items not unique`);
      if (schema.items !== undefined) v.forEach((x, i) => check(schema.items as Schema, x, `${at}[${i}]`, out));
    }
    if (typeOf(v) === 'object') {
      const obj = v as Record<string, unknown>;
      const props = (schema.properties ?? {}) as Record<string, Schema>;
      for (const r of (schema.required ?? []) as string[]) if (!(r in obj)) out.push(`${at}: missing ${r}`);
      if (typeof schema.minProperties === 'number' && Object.keys(obj).length < schema.minProperties) out.push(`${at}: fewer than ${schema.minProperties} properties`);
      for (const [k, x] of Object.entries(obj)) {
        if (schema.propertyNames !== undefined) check(schema.propertyNames as Schema, k, `${at}.${k} (name)`, out);
        if (k in props) check(props[k]!, x, `${at}.${k}`, out);
        else if (schema.additionalProperties !== undefined) check(schema.additionalProperties as Schema, x, `${at}.${k}`, out);
      }
    }
    if (schema.if !== undefined) {
      const probe: string[] = [];
      check(schema.if as Schema, v, at, probe);
      const branch = probe.length === 0 ? schema.then : schema.else;
      if (branch !== undefined) check(branch as Schema, v, at, out);
    }
  };
  check(root, value, '$', errors);
  return errors;
}
