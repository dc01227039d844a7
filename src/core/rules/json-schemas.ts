/**
 * JSON Schemas for the files maintainers edit, generated from the zod schemas that validate them, so
 * the editor's autocompletion and the checker can never disagree. Each iterator's params get their own
 * schema (if iterator is X then params must be …), and its facts are listed for conditions.
 */
import { z } from 'zod';
import { VocabularyFile } from '../vocabulary-schema.js';
import { ConfigFile, PackFile } from './pack-schema.js';
import { ITERATOR_PARAMS } from './params/index.js';
import { ITERATORS } from './registry.js';
import { IDENTITY_TEXTS } from './registry-types.js';
import { RuleFile } from './schema.js';

type JsonObject = Record<string, unknown>;

function toSchema(schema: z.ZodType, title: string): JsonObject {
  return { ...(z.toJSONSchema(schema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as JsonObject), title };
}

function ruleSchema(): JsonObject {
  const base = toSchema(RuleFile, '审核规则 / Budget Check rule');
  const properties = base.properties as Record<string, JsonObject>;
  properties.iterator = { ...properties.iterator, enum: [...ITERATORS.keys()] };
  const definitions: Record<string, JsonObject> = {};
  base.allOf = [...ITERATORS.values()].map((it) => {
    const params = z.toJSONSchema(ITERATOR_PARAMS.get(it.name)!, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as JsonObject;
    delete params.$schema;
    const facts = Object.entries(it.facts).map(([name, d]) => `${name} (${d.type}${d.nullable ? ' | null' : ''}): ${d['zh-CN']} / ${d.en}`);
    // Conditions at any depth complete the iterator's facts, each with its type and meaning.
    const ref = { $ref: `#/definitions/conditions-${it.name}` };
    definitions[`conditions-${it.name}`] = {
      type: 'object',
      properties: {
        all: { type: 'array', items: ref },
        any: { type: 'array', items: ref },
        not: ref,
        fact: { enum: Object.keys(it.facts), enumDescriptions: facts },
        value: { anyOf: [{ type: ['number', 'string', 'boolean', 'null', 'array'] }, { type: 'object', properties: { fact: { enum: Object.keys(it.facts) } } }] },
      },
    };
    const placeholders = [...it.texts, ...(it.identities ? IDENTITY_TEXTS : [])];
    return {
      if: { properties: { iterator: { const: it.name } }, required: ['iterator'] },
      then: {
        properties: {
          params: { ...params, description: `${it.description['zh-CN']} / ${it.description.en}` },
          conditions: { ...ref, description: `可用的事实 / facts:\n${facts.join('\n')}` },
          message: { description: `可用的占位符 / placeholders: ${[...Object.keys(it.facts), ...placeholders].map((p) => `{{${p}}}`).join(' ')}` },
        },
      },
    };
  });
  base.definitions = { ...((base.definitions as JsonObject | undefined) ?? {}), ...definitions };
  return base;
}

/** Paths relative to the project root, and the schema each holds. */
export function buildJsonSchemas(): Record<string, JsonObject> {
  return {
    'rules/schema.json': ruleSchema(),
    'rules/schemas/vocabulary.schema.json': toSchema(VocabularyFile, '表格识别词汇 / recognition vocabulary'),
    'rules/schemas/pack.schema.json': toSchema(PackFile, '规则包 / rule pack'),
    'rules/schemas/config.schema.json': toSchema(ConfigFile, '检查配置 / check configuration'),
  };
}

export function schemaText(schema: JsonObject): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
