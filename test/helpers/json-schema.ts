/**
 * A small JSON Schema (2020-12 subset, as OpenAPI 3.1 uses it) validator for the drift test: `$ref` to
 * `#/components/schemas/…`, `type` (also lists), `properties`, `required`, `additionalProperties`, `items`, `enum`,
 * `const`, `oneOf`/`anyOf`/`allOf`, string/number/array bounds, `pattern` and the formats `date-time`, `date`,
 * `email`. Unknown keywords fail loudly, so the document cannot use something this validator silently skips.
 */
export type Schema = Record<string, unknown>;

const KNOWN = new Set([
  '$ref', 'type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'const', 'oneOf', 'anyOf', 'allOf',
  'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'pattern', 'format', 'minItems', 'maxItems', 'uniqueItems',
  // annotations
  'description', 'examples', 'default', 'title',
]);

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

export function validateSchema(root: Schema, schema: Schema, value: unknown, path = '$'): string[] {
  for (const key of Object.keys(schema)) {
    if (!KNOWN.has(key)) return [`${path}: the schema uses "${key}", which the drift test's validator does not know`];
  }
  if (typeof schema['$ref'] === 'string') {
    const ref = schema['$ref'];
    const match = /^#\/components\/schemas\/(.+)$/.exec(ref);
    const target = match ? ((root['components'] as Schema)['schemas'] as Record<string, Schema>)[match[1]!] : undefined;
    if (!target) return [`${path}: unresolvable $ref ${ref}`];
    return validateSchema(root, target, value, path);
  }
  const errors: string[] = [];
  const type = schema['type'];
  if (type !== undefined) {
    const types = Array.isArray(type) ? type : [type];
    const actual = typeOf(value);
    if (!types.includes(actual) && !(actual === 'integer' && types.includes('number'))) {
      return [`${path}: expected ${types.join(' or ')}, got ${actual}`];
    }
  }
  if ('const' in schema && value !== schema['const']) errors.push(`${path}: expected ${JSON.stringify(schema['const'])}`);
  if (Array.isArray(schema['enum']) && !schema['enum'].includes(value)) {
    errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema['enum'])}`);
  }
  if (typeof value === 'string') {
    if (typeof schema['minLength'] === 'number' && [...value].length < schema['minLength']) errors.push(`${path}: shorter than ${schema['minLength']}`);
    if (typeof schema['maxLength'] === 'number' && [...value].length > schema['maxLength']) errors.push(`${path}: longer than ${schema['maxLength']}`);
    if (typeof schema['pattern'] === 'string' && !new RegExp(schema['pattern'], 'u').test(value)) {
      errors.push(`${path}: ${JSON.stringify(value)} does not match ${schema['pattern']}`);
    }
    const format = schema['format'];
    if (format === 'date-time' && (!ISO_INSTANT.test(value) || Number.isNaN(Date.parse(value)))) errors.push(`${path}: not a date-time: ${value}`);
    if (format === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) errors.push(`${path}: not a date: ${value}`);
    if (format === 'email' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) errors.push(`${path}: not an e-mail address: ${value}`);
  }
  if (typeof value === 'number') {
    if (typeof schema['minimum'] === 'number' && value < schema['minimum']) errors.push(`${path}: below ${schema['minimum']}`);
    if (typeof schema['maximum'] === 'number' && value > schema['maximum']) errors.push(`${path}: above ${schema['maximum']}`);
    if (typeof schema['exclusiveMinimum'] === 'number' && value <= schema['exclusiveMinimum']) errors.push(`${path}: not above ${schema['exclusiveMinimum']}`);
  }
  if (Array.isArray(value)) {
    if (typeof schema['minItems'] === 'number' && value.length < schema['minItems']) errors.push(`${path}: fewer than ${schema['minItems']} items`);
    if (typeof schema['maxItems'] === 'number' && value.length > schema['maxItems']) errors.push(`${path}: more than ${schema['maxItems']} items`);
    if (schema['uniqueItems'] === true && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) errors.push(`${path}: items not unique`);
    if (schema['items']) value.forEach((item, i) => errors.push(...validateSchema(root, schema['items'] as Schema, item, `${path}[${i}]`)));
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
    for (const key of (schema['required'] ?? []) as string[]) if (!(key in object)) errors.push(`${path}: "${key}" is missing`);
    for (const [key, item] of Object.entries(object)) {
      if (properties[key]) errors.push(...validateSchema(root, properties[key]!, item, `${path}.${key}`));
      else if (schema['additionalProperties'] === false) errors.push(`${path}: "${key}" is not in the document`);
      else if (typeof schema['additionalProperties'] === 'object') {
        errors.push(...validateSchema(root, schema['additionalProperties'] as Schema, item, `${path}.${key}`));
      }
    }
  }
  if (Array.isArray(schema['allOf'])) for (const s of schema['allOf'] as Schema[]) errors.push(...validateSchema(root, s, value, path));
  if (Array.isArray(schema['anyOf'])) {
    const results = (schema['anyOf'] as Schema[]).map((s) => validateSchema(root, s, value, path));
    if (!results.some((r) => r.length === 0)) errors.push(`${path}: matches none of anyOf (${results.map((r) => r[0]).join(' | ')})`);
  }
  if (Array.isArray(schema['oneOf'])) {
    const results = (schema['oneOf'] as Schema[]).map((s) => validateSchema(root, s, value, path));
    const matches = results.filter((r) => r.length === 0).length;
    if (matches !== 1) errors.push(`${path}: matches ${matches} of oneOf, not exactly one (${results.map((r) => r[0] ?? 'ok').join(' | ')})`);
  }
  return errors;
}
