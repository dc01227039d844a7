/** The shape of pack and config files (zod, also their JSON Schema); loaded only when such files are validated. */
import { z } from 'zod';
import { Localized } from './schema.js';

const Severity = z.enum(['error', 'warning', 'info']);
const RuleIdPattern = z.string().regex(/^[a-z0-9*]+(-[a-z0-9*]+)*$/, 'a rule id or a pattern such as perf-* / 规则编号或通配，如 perf-*');

export const PackFile = z
  .object({
    $schema: z.string().optional(),
    name: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    title: Localized,
    description: Localized.optional(),
    extends: z.string().optional().describe('在另一个规则包的基础上修改 / start from another pack'),
    include: z.array(RuleIdPattern).default(['*']).describe('包含的规则（可用 * 通配） / rules included (* matches any text)'),
    exclude: z.array(RuleIdPattern).default([]).describe('排除的规则 / rules left out'),
    severity: z.record(z.string(), Severity).default({}).describe('改变规则的严重程度 / severity overrides'),
    rules: z.array(z.string()).default([]).describe('另外的规则文件或文件夹（相对本文件） / more rule files or folders, relative to this file'),
  })
  .strict();
export type PackFile = z.infer<typeof PackFile>;

export const ConfigFile = z
  .object({
    $schema: z.string().optional(),
    pack: z.string().optional().describe('规则包名称（如 national）或路径 / a pack name (national) or path'),
    disable: z.array(RuleIdPattern).default([]).describe('关闭的规则 / rules turned off'),
    severity: z.record(z.string(), Severity).default({}).describe('改变规则的严重程度 / severity overrides'),
    rules: z.array(z.string()).default([]).describe('另外的规则文件或文件夹（相对本文件） / more rule files or folders, relative to this file'),
  })
  .strict();
export type ConfigFile = z.infer<typeof ConfigFile>;
