/** A broken rule file stops the checker with the file, the JSON path and what is wrong. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkRules } from '../../src/core/rules/catalogue.js';
import { ROOT } from '../helpers.js';

const good = JSON.parse(readFileSync(`${ROOT}rules/hierarchy-sum.json`, 'utf8')) as Record<string, unknown>;

function problemsOf(json: unknown, file = 'rules/broken.json') {
  return checkRules([{ file, json }]).problems;
}

describe('loading rule files', () => {
  it('accepts the shipped rule', () => {
    expect(problemsOf(good)).toEqual([]);
  });

  it.each([
    ['a missing severity', { ...good, severity: undefined }, '$.severity'],
    ['an unknown severity', { ...good, severity: 'fatal' }, '$.severity'],
    ['an id that is not kebab-case', { ...good, id: 'Hierarchy Sum' }, '$.id'],
    ['an unknown iterator', { ...good, iterator: 'every-cell' }, '$.iterator'],
    ['an unknown table in the params', { ...good, params: { tables: ['income-sumary'] } }, '$.params.tables[0]'],
    ['an unknown fact in a condition', { ...good, conditions: { all: [{ fact: 'outsideTolerence', operator: 'equal', value: true }] } }, '$.conditions.all[0].fact'],
    ['an operator json-rules-engine lacks', { ...good, conditions: { all: [{ fact: 'breach', operator: 'bigger', value: 0 }] } }, '$.conditions.all[0].operator'],
    ['a placeholder the iterator never provides', { ...good, message: { 'zh-CN': '{{parentCode}} 的 {{colour}}', en: 'x' } }, '$.message["zh-CN"]'],
    ['a message without English', { ...good, message: { 'zh-CN': '中文' } }, '$.message.en'],
  ])('%s is reported at its JSON path', (_name, json, path) => {
    const problems = problemsOf(json);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({ file: 'rules/broken.json', path });
    expect(problems[0]!.message.length).toBeGreaterThan(5);
  });

  it('rejects two rules with the same id, naming both files', () => {
    expect(checkRules([{ file: 'a.json', json: good }, { file: 'b.json', json: good }]).problems).toEqual([expect.objectContaining({ file: 'b.json', path: '$.id', message: expect.stringContaining('a.json') })]);
  });
});
