// Writes the copy of a document that the Prism mock serves (a temporary file, never kept):
// schema `default` and `example` values whose JSON type contradicts their own schema are dropped.
// Wink's documents carry many (`"default": ""` on integers, `"default": null` on non-nullable
// objects, `"example": "cl-image-1"` beside a `$ref` to an object); Prism answers with them, so
// those answers break the document and the SDK rightly refuses them. Without them Prism builds its
// answers from the schemas and the fitting examples, and every decode is a real test of the SDK.
// Request validation reads neither keyword: it is unaffected.
// usage: node mock_document.mjs IN OUT   (prints {"dropped_defaults":N}, defaults and examples)
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output] = process.argv.slice(2);
const text = readFileSync(input, 'utf8');
const doc = input.endsWith('.json') ? JSON.parse(text) : null;
if (!doc) {  // YAML documents (the bundled one) are served as they are
  writeFileSync(output, text);
  console.log(JSON.stringify({ dropped_defaults: 0 }));
  process.exit(0);
}

const resolve = (schema) => {  // local refs only: what Wink's documents use
  for (let i = 0; schema && typeof schema.$ref === 'string' && schema.$ref.startsWith('#/') && i < 32; ++i)
    schema = schema.$ref.slice(2).split('/')
      .map((t) => decodeURIComponent(t).replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce((n, t) => (n ? n[t] : undefined), doc);
  return schema || {};
};
const typesOf = (node) => {
  const schema = '$ref' in node ? { ...resolve(node), nullable: node.nullable } : node;
  const t = schema.type;
  const list = Array.isArray(t) ? [...t] : t ? [t] : [];
  if (schema.nullable === true) list.push('null');
  return list;
};
const fits = (value, types) => {
  if (types.length === 0) return true;
  if (value === null) return types.includes('null');
  if (Array.isArray(value)) return types.includes('array');
  switch (typeof value) {
    case 'string': return types.includes('string');
    case 'boolean': return types.includes('boolean');
    case 'number':
      return types.includes('number') || (types.includes('integer') && Number.isInteger(value));
    default: return types.includes('object');
  }
};

// Deep check: array elements against `items`, object members against `properties` (allOf parts
// included), every level's JSON type; oneOf/anyOf are given the benefit of the doubt.
const fitsDeep = (value, schema, depth = 0) => {
  const s = resolve(schema);
  if (depth > 32 || s.oneOf || s.anyOf) return true;
  if (!fits(value, typesOf(schema))) return false;
  if (Array.isArray(value) && s.items) return value.every((v) => fitsDeep(v, s.items, depth + 1));
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const parts = [s, ...(s.allOf || []).map(resolve)];
    for (const [k, v] of Object.entries(value))
      for (const part of parts)
        if (part.properties && part.properties[k] && !fitsDeep(v, part.properties[k], depth + 1)) return false;
  }
  return true;
};

let dropped = 0;
const walk = (node) => {
  if (Array.isArray(node)) { node.forEach(walk); return; }
  if (!node || typeof node !== 'object') return;
  const schemaLike = 'type' in node || '$ref' in node || node.nullable !== undefined;
  for (const key of ['default', 'example']) {
    if (schemaLike && key in node && !fitsDeep(node[key], node)) {
      delete node[key];
      dropped += 1;
    }
  }
  Object.values(node).forEach(walk);
};
walk(doc);
writeFileSync(output, JSON.stringify(doc));
console.log(JSON.stringify({ dropped_defaults: dropped }));
