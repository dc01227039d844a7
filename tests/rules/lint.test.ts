/**
 * Maintainers' diagnostics are part of the product: each way of breaking a rule file must be reported
 * at the right file, line, column and JSON path, with a message that says what to do.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lint, type SourceText } from '../../src/core/rules/lint.js';
import { ROOT } from '../helpers.js';

const read = (name: string) => readFileSync(join(ROOT, 'rules', name), 'utf8');
const tablesVocabulary: SourceText = { file: 'rules/vocabulary/tables.json', text: read('vocabulary/tables.json'), kind: 'vocabulary' };
const indicatorWords: SourceText = { file: 'rules/vocabulary/indicators.json', text: read('vocabulary/indicators.json'), kind: 'vocabulary' };

function lintOne(file: string, text: string, kind: SourceText['kind'] = 'rule', extra: SourceText[] = []) {
  return lint([tablesVocabulary, indicatorWords, { file, text, kind }, ...extra]).diagnostics;
}

/** 1-based line and column of the first occurrence of `needle` in `text`. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`${needle} not in text`);
  const before = text.slice(0, i).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

function broken(name: string, from: string, to: string): string {
  const text = read(name);
  if (!text.includes(from)) throw new Error(`${from} not in ${name}`);
  return text.replace(from, to);
}

describe('rules lint diagnostics', () => {
  it('the shipped catalogue has none', () => {
    const rules = ['hierarchy-sum.json', 'table-ties.json', 'narrative-three-public.json', 'perf-rate-comparator.json'];
    expect(lint([tablesVocabulary, indicatorWords, ...rules.map((n) => ({ file: n, text: read(n), kind: 'rule' as const }))]).diagnostics).toEqual([]);
  });

  it('an indicator rule with a vocabulary that has no indicator words says where they go', () => {
    const diagnostics = lint([tablesVocabulary, { file: 'perf-value-unit.json', text: read('perf-value-unit.json'), kind: 'rule' }]).diagnostics;
    expect(diagnostics).toEqual([expect.objectContaining({ file: 'perf-value-unit.json', path: '$.iterator', message: expect.stringMatching(/没有绩效指标词汇.*rules\/vocabulary\/indicators\.json/) })]);
  });

  it.each([
    ['a JSON syntax error', 'hierarchy-sum.json', '"family": "hierarchy",', '"family": "hierarchy"', '"severity"', '$', /JSON 语法错误.*CommaExpected/],
    ['a misspelt key', 'hierarchy-sum.json', '"severity": "error"', '"severty": "error"', '"severty"', '$.severty', /未知的键“severty”.*是否应为“severity”/],
    ['an unknown severity', 'hierarchy-sum.json', '"severity": "error"', '"severity": "fatal"', '"fatal"', '$.severity', /取值应为 "error" \| "warning" \| "info" 之一/],
    ['an unknown iterator', 'hierarchy-sum.json', '"iterator": "hierarchy-sums"', '"iterator": "hierachy-sums"', '"hierachy-sums"', '$.iterator', /未知的迭代器“hierachy-sums”.*是否应为“hierarchy-sums”/],
    ['an unknown table id', 'hierarchy-sum.json', '"income-summary",', '"income-sumary",', '"income-sumary"', '$.params.tables[0]', /是否应为“income-summary”/],
    ['an unknown column role', 'table-ties.json', '"column": "expenseGeneral"', '"column": "expenseGenral"', '"expenseGenral"', '$.params.ties[9].left.column', /没有列角色“expenseGenral”.*是否应为“expenseGeneral”/],
    ['an unknown row key', 'narrative-three-public.json', '"key": "reception"', '"key": "receptions"', '"receptions"', '$.params.statements[5].row.key', /没有行标签“receptions”.*是否应为“reception”/],
    ['an unknown fact', 'hierarchy-sum.json', '"fact": "breach"', '"fact": "breech"', '"breech"', '$.conditions.all[0].fact', /没有事实“breech”.*是否应为“breach”/],
    ['a string where a fact is true/false', 'perf-value-comparator.json', '"value": true', '"value": "true"', '"true"', '$.conditions.all[0].value', /事实“quantitative”是true\/false，这里给的是 "true"/],
    ['a text compared as a number', 'perf-value-comparator.json', '"operator": "equal",\n        "value": ""', '"operator": "greaterThan",\n        "value": 3', '"greaterThan"', '$.conditions.all[2].operator', /事实“comparator”是文字 a string.*for numbers only/],
    ['an inherited name as a fact', 'hierarchy-sum.json', '"fact": "breach"', '"fact": "constructor"', '"constructor"', '$.conditions.all[0].fact', /没有事实“constructor”/],
    ['an operator json-rules-engine lacks', 'hierarchy-sum.json', '"operator": "greaterThan"', '"operator": "greaterThen"', '"greaterThen"', '$.conditions.all[0].operator', /是否应为“greaterThan”/],
    ['a placeholder the iterator never provides', 'hierarchy-sum.json', '{{rowName}}”行', '{{rowNam}}”行', '"{{table}}“{{rowNam', '$.message["zh-CN"]', /占位符 \{\{rowNam\}\} 没有对应的值.*是否应为“rowName”/],
    ['an economic code the classification lacks', 'narrative-totals.json', '"303"', '"30312"', '"30312"', '$.params.statements[8].codes[1]', /经济分类科目中没有编码“30312”/],
    ['an economic code where the table is functional', 'code-correspondence.json', '"2080505"', '"3080505"', '"3080505"', '$.params.pairs[0].left[0]', /“3080505”不是功能分类科目编码/],
    ['a mistyped economic code in a correspondence', 'code-correspondence.json', '"30108"', '"30180"', '"30180"', '$.params.pairs[0].right[0]', /经济分类科目中没有编码“30180”/],
    ['a regex that does not compile', 'narrative-three-public.json', '了?)公务接待费(?:用)?', '了?)公务接待费(?:用)?(', '"(?<!(?:增加|减少|新增|压减|增长|下降|节约|节省)了?)公务接待费(?:用)?(', '$.params.statements[5].pattern', /不是有效的正则表达式/],
  ])('%s', (_name, file, from, to, marker, path, message) => {
    const text = broken(file, from, to);
    const diagnostics = lintOne(`rules/${file}`, text);
    expect(diagnostics.length).toBeGreaterThan(0);
    const d = diagnostics[0]!;
    expect(d).toMatchObject({ file: `rules/${file}`, path, ...positionOf(text, marker) });
    expect(d.message).toMatch(message);
    expect(d.message).toMatch(/ \/ /); // Chinese, then English
  });

  it('a duplicate rule id names both files', () => {
    const d = lint([tablesVocabulary, { file: 'a.json', text: read('hierarchy-sum.json'), kind: 'rule' }, { file: 'b.json', text: read('hierarchy-sum.json'), kind: 'rule' }]).diagnostics;
    expect(d).toEqual([expect.objectContaining({ file: 'b.json', path: '$.id', message: expect.stringMatching(/规则编号“hierarchy-sum”重复（另见 a\.json）/) })]);
  });

  it('a vocabulary matcher with nothing to match', () => {
    const text = read('vocabulary/tables.json').replace('{\n              "exact": "序号"\n            }', '{\n              "none": ["序号"]\n            }');
    const d = lint([{ file: 'rules/vocabulary/tables.json', text, kind: 'vocabulary' }]).diagnostics;
    expect(d).toEqual([expect.objectContaining({ path: '$.tables[0].columns[0].match[0]', message: expect.stringMatching(/a matcher needs "all" or "exact"/), ...positionOf(text, '{\n              "none"') })]);
  });

  it('a column part the table does not define (a three-public expense split by fund)', () => {
    const text = read('vocabulary/tables.json').replace('"parts": [\n            "abroadGeneral",', '"parts": [\n            "abroadGenral",');
    expect(text).toContain('abroadGenral');
    const d = lint([{ file: 'rules/vocabulary/tables.json', text, kind: 'vocabulary' }]).diagnostics;
    expect(d).toEqual([expect.objectContaining({ message: expect.stringMatching(/未定义的列角色“abroadGenral”.*是否应为“abroadGeneral”/), ...positionOf(text, '"abroadGenral"') })]);
  });

  it('a required column role the table does not define', () => {
    const text = read('vocabulary/tables.json').replace('"required": [\n        "name",\n        "total",\n        "basic"', '"required": [\n        "name",\n        "totl",\n        "basic"');
    const d = lint([{ file: 'rules/vocabulary/tables.json', text, kind: 'vocabulary' }]).diagnostics;
    expect(d).toEqual([expect.objectContaining({ path: '$.tables[2].required[1]', message: expect.stringMatching(/未定义的列角色“totl”.*是否应为“total”/), ...positionOf(text, '"totl"') })]);
  });

  it('a pack that names a rule that does not exist', () => {
    const pack = JSON.stringify({ name: 'p', title: { 'zh-CN': '包', en: 'pack' }, exclude: ['perf-value-comparater'] }, null, 2);
    const d = lintOne('rules/packs/p.json', pack, 'pack', [{ file: 'hierarchy-sum.json', text: read('hierarchy-sum.json'), kind: 'rule' }]);
    expect(d).toEqual([expect.objectContaining({ path: '$.exclude[0]', message: expect.stringContaining('没有规则匹配“perf-value-comparater”') })]);
  });
});

describe('budget-check rules lint', () => {
  const copy = () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-'));
    cpSync(join(ROOT, 'rules'), dir, { recursive: true });
    return dir;
  };
  const run = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, 'bin', 'budget-check.js'), ...args], { encoding: 'utf8' });

  it('passes a correct folder silently (exit 0, nothing on stdout)', () => {
    const r = run('rules', 'lint', copy());
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
  });

  it('reports file:line:column, path and message, and exits 1', () => {
    const dir = copy();
    writeFileSync(join(dir, 'hierarchy-sum.json'), read('hierarchy-sum.json').replace('"severity": "error"', '"severty": "error"'));
    const r = run('rules', 'lint', dir);
    expect(r.status).toBe(1);
    expect(r.stdout.trim()).toMatch(new RegExp(`^${join(dir, 'hierarchy-sum.json').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:5:3  \\$\\.severty  未知的键“severty”`));
  });
});
