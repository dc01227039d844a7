/**
 * Rule packs and overrides. A pack names a set of rules (the national template; a province's variant)
 * and may change severities; a config (a user's, or one beside a workbook) picks a pack, disables
 * rules and changes severities — all without copying rule files.
 */
import { z } from 'zod';
import type { LoadedRule } from './catalogue.js';
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

function matcher(pattern: string): (id: string) => boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return (id) => re.test(id);
}

export interface Selection {
  include: string[];
  exclude: string[];
  severity: Record<string, z.infer<typeof Severity>>;
}

/** Patterns or ids that match no rule: almost always a typo, so they are reported, not ignored. */
export function unmatched(rules: readonly LoadedRule[], patterns: readonly string[]): string[] {
  return patterns.filter((p) => !rules.some((r) => matcher(p)(r.id)));
}

/** The rules a selection keeps, with severities overridden; later selections win. */
export function applySelections(rules: readonly LoadedRule[], selections: readonly Selection[]): LoadedRule[] {
  let kept = [...rules];
  for (const s of selections) {
    const inc = s.include.map(matcher);
    const exc = s.exclude.map(matcher);
    kept = kept.filter((r) => inc.some((m) => m(r.id)) && !exc.some((m) => m(r.id)));
  }
  return kept.map((r) => {
    let severity = r.severity;
    for (const s of selections) for (const [pattern, sev] of Object.entries(s.severity)) if (matcher(pattern)(r.id)) severity = sev;
    return severity === r.severity ? r : { ...r, severity };
  });
}
