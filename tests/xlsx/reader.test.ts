/**
 * Our .xlsx reader on what other producers write: Excel's shared formulas and inline strings, WPS's
 * Chinese date formats, .NET libraries' prefixed elements, absolute relationship targets, phonetic
 * runs, escapes — each stated as raw XML and read back to the grid the checker sees.
 */
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { GridSheet } from '../../src/core/grid.js';
import { SourceError } from '../../src/core/source-error.js';
import { readWorkbookBuffer } from '../../src/xlsx/read-file.js';
import { zlibInflate } from '../../src/xlsx/inflate-node.js';
import { bufferToGrid } from '../../src/xlsx/read.js';
import { decodeUtf8, ZipArchive, ZipLimit } from '../../src/xlsx/zip.js';
import { xlsxPackage, zip, type PackageSpec } from '../fixtures/xlsx-package.js';

async function sheets(spec: PackageSpec): Promise<GridSheet[]> {
  return (await readWorkbookBuffer('t.xlsx', xlsxPackage(spec))).sheets;
}

function values(s: GridSheet): unknown[][] {
  return s.rows.map((r) => Array.from(r, (c) => (c ? c.value : null)));
}

const STYLES = `<numFmts count="2"><numFmt numFmtId="176" formatCode="#,##0.00&quot;万元&quot;"/><numFmt numFmtId="177" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>
<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="176" applyNumberFormat="1"/><xf numFmtId="177"/><xf numFmtId="14"/><xf numFmtId="0"><alignment horizontal="left" indent="2"/></xf><xf numFmtId="43"/></cellXfs>`;

describe('cells as Excel and WPS write them', () => {
  it('reads shared strings, numbers, booleans, errors and string formula results', async () => {
    const [s] = await sheets({
      sheets: [
        {
          name: '收支总表',
          body: `<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>12.5</v></c><c r="C1" t="b"><v>1</v></c><c r="D1" t="e"><v>#DIV/0!</v></c><c r="E1" t="str"><f>A1&amp;"!"</f><v>一般公共预算!</v></c></row></sheetData>`,
        },
      ],
      sharedStrings: ['一般公共预算'],
    });
    expect(values(s!)).toEqual([['一般公共预算', 12.5, true, '#DIV/0!', '一般公共预算!']]);
    expect(s!.rows[0]![4]!.formula).toBe('A1&"!"');
  });

  it('reads every way a number is written to exactly the value Number() gives', async () => {
    // Plain decimals are read from the sheet's bytes in place; the rest (exponents, long digit runs,
    // padding) go through Number(). Either way the value must be the same double, to the last bit.
    const written = ['12.5', '-0', '1.', '.5', '-.25', '0.1', '0.3', '123456789012345', '1234567890123456789', '9007199254740993', '1E3', '-2.5e-3', ' 7 ', '0.000001', '4976.940000000001', '00012.50', '1.7976931348623157e308'];
    const row = written.map((v, k) => `<c r="${String.fromCharCode(65 + k)}1"><v>${v}</v></c>`).join('');
    const [s] = await sheets({ sheets: [{ name: 'S', body: `<sheetData><row r="1">${row}</row></sheetData>` }] });
    const read = s!.rows[0]!.map((c) => c!.value);
    expect(read).toEqual(written.map(Number));
    expect(Object.is(read[1], -0)).toBe(true);
  });

  it('keeps cached formula results, including shared formulas, and flags a formula with no cached value', async () => {
    const [s] = await sheets({
      sheets: [
        {
          name: 'S',
          body: `<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B2" si="0">A1*2</f><v>2</v></c></row><row r="2"><c r="A2"><v>3</v></c><c r="B2"><f t="shared" si="0"/><v>6</v></c><c r="C2"><f>SUM(A1:A2)</f></c></row></sheetData>`,
        },
      ],
    });
    expect(values(s!)).toEqual([[1, 2], [3, 6, null]]);
    expect(s!.rows[1]![1]!.formula).toBe('A1*2');
    expect(s!.rows[1]![2]).toMatchObject({ value: null, formula: 'SUM(A1:A2)' });
  });

  it('reads inline strings and rich text, leaving out phonetic guides, and decodes _xHHHH_ and entities', async () => {
    const [s] = await sheets({
      sheets: [
        {
          name: 'S',
          body: `<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>机关&amp;运行</t></is></c><c r="B1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row></sheetData>`,
        },
      ],
      sharedStrings: `<si><r><rPr><b/></rPr><t>三公</t></r><r><t>经费</t></r><rPh sb="0" eb="2"><t>さんこう</t></rPh></si><si><t>第一行_x000D_第二行 &#20013;</t></si>`,
    });
    expect(values(s!)).toEqual([['机关&运行', '三公经费', '第一行\r第二行 中']]);
  });

  it('takes number formats from styles (custom and built-in), dates as ISO dates, and indent', async () => {
    const [s] = await sheets({
      sheets: [
        {
          name: 'S',
          body: `<sheetData><row r="1"><c r="A1" s="1"><v>1234.5</v></c><c r="B1" s="2"><v>45292</v></c><c r="C1" s="3"><v>45293</v></c><c r="D1" s="4" t="s"><v>0</v></c><c r="E1" s="5"><v>7</v></c></row></sheetData>`,
        },
      ],
      sharedStrings: ['其中：工资'],
      styles: STYLES,
    });
    const row = s!.rows[0]!;
    expect(row[0]).toMatchObject({ value: 1234.5, numFmt: '#,##0.00"万元"', text: '1,234.50' });
    expect(row[1]).toMatchObject({ value: '2024-01-01' });
    expect(row[2]).toMatchObject({ value: '2024-01-02' });
    expect(row[3]).toMatchObject({ value: '其中：工资', indent: 2 });
    // 43 is the built-in accounting format with two decimals: Excel shows 7.00.
    expect(row[4]!.numFmt).toContain('#,##0.00');
  });

  it('counts dates from 1904 when the workbook says so', async () => {
    const [s] = await sheets({ sheets: [{ name: 'S', body: `<sheetData><row r="1"><c r="A1" s="3"><v>0</v></c></row></sheetData>` }], styles: STYLES, date1904: true });
    expect(s!.rows[0]![0]!.value).toBe('1904-01-01');
  });

  it('places cells without r attributes one after another, and rows without r one below another', async () => {
    const [s] = await sheets({ sheets: [{ name: 'S', body: `<sheetData><row><c><v>1</v></c><c><v>2</v></c></row><row><c r="C2"><v>3</v></c><c><v>4</v></c></row></sheetData>` }] });
    expect(values(s!)).toEqual([[1, 2], [null, null, 3, 4]]);
  });
});

describe('packages as other producers write them', () => {
  it('reads elements with a namespace prefix (<x:c>) and absolute relationship targets', async () => {
    const [s] = await sheets({
      prefix: 'x',
      absoluteTargets: true,
      sheets: [{ name: '部门收入预算表', body: `<x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1"><x:v>5</x:v></x:c></x:row></x:sheetData><x:mergeCells count="1"><x:mergeCell ref="B1:C1"/></x:mergeCells>` }],
      sharedStrings: ['合计'],
    });
    expect(values(s!)).toEqual([['合计', 5]]);
    expect(s!.merges).toEqual(['B1:C1']);
  });

  it('marks hidden and very hidden sheets and hidden rows', async () => {
    const grid = await sheets({
      sheets: [
        { name: 'A', body: `<sheetData><row r="1" hidden="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row></sheetData>` },
        { name: 'B', body: '<sheetData/>', state: 'hidden' },
        { name: 'C', body: '<sheetData/>', state: 'veryHidden' },
      ],
    });
    expect(grid.map((s) => [s.name, !!s.hidden])).toEqual([['A', false], ['B', true], ['C', true]]);
    expect(grid[0]!.hiddenRows).toEqual([1]);
  });

  it('keeps merges as ranges and shows only the master cell, whatever the covered cells hold', async () => {
    const [s] = await sheets({
      sheets: [{ name: 'S', body: `<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>9</v></c><c r="C1"><v>3</v></c></row></sheetData><mergeCells count="2"><mergeCell ref="A1:B1"/><mergeCell ref="D5:D5"/></mergeCells>` }],
    });
    expect(values(s!)).toEqual([[1, null, 3]]);
    expect(s!.merges).toEqual(['A1:B1']);
  });

  it('reads stored (uncompressed) parts', async () => {
    const spec: PackageSpec = { sheets: [{ name: 'S', body: '<sheetData><row r="1"><c r="A1"><v>42</v></c></row></sheetData>' }] };
    const stored = xlsxPackage({ ...spec, stored: true });
    expect(Buffer.from(stored).includes('<c r="A1"><v>42</v></c>')).toBe(true);
    expect((await readWorkbookBuffer('t.xlsx', stored)).sheets[0]!.rows[0]![0]!.value).toBe(42);
  });

  it('reads the same grid in the browser (DecompressionStream) as in Node (zlib)', async () => {
    const bytes = xlsxPackage({ sheets: [{ name: '表一', body: '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1.25</v></c></row></sheetData>' }], sharedStrings: ['项目支出'] });
    expect(await bufferToGrid('t.xlsx', bytes)).toEqual(await readWorkbookBuffer('t.xlsx', bytes));
  });
});

describe('packages that are not workbooks', () => {
  const code = async (bytes: Uint8Array) => readWorkbookBuffer('t.xlsx', bytes).then(() => 'read', (e: unknown) => (e instanceof SourceError ? e.code : String(e)));

  it('a zip with no workbook in it (a Word document) is refused as such', async () => {
    const docx = zip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'word/document.xml', data: '<w:document/>' }]);
    await expect(readWorkbookBuffer('t.xlsx', docx)).rejects.toThrow(/没有 Excel 工作簿|no workbook part/);
    expect(await code(docx)).toBe('corrupt');
  });

  it('a truncated file is refused as damaged', async () => {
    const bytes = xlsxPackage({ sheets: [{ name: 'S', body: '<sheetData/>' }] });
    expect(await code(bytes.subarray(0, bytes.length - 30))).toBe('corrupt');
  });

  /** The package of `spec` with one part changed (undefined leaves it out), zipped again: a well-formed zip holding a damaged part. */
  async function withPart(spec: PackageSpec, name: string, change: (xml: string) => string | undefined): Promise<Uint8Array> {
    const archive = new ZipArchive(xlsxPackage(spec), zlibInflate);
    const parts: { name: string; data: string }[] = [];
    for (const n of archive.names()) {
      const data = decodeUtf8((await archive.read(n, 1 << 20))!);
      const changed = n === name ? change(data) : data;
      if (changed !== undefined) parts.push({ name: n, data: changed });
    }
    return zip(parts);
  }
  const twoSheets: PackageSpec = {
    sheets: [
      { name: '收支总表', body: '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1</v></c></row></sheetData>' },
      { name: '支出总表', body: '<sheetData><row r="1"><c r="A1"><v>2</v></c></row><row r="2"><c r="A2"><v>3</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="B1:C1"/></mergeCells>' },
    ],
    sharedStrings: ['合计'],
  };
  const refusal = (bytes: Uint8Array) => readWorkbookBuffer('t.xlsx', bytes).then(() => 'read', (e: unknown) => (e instanceof SourceError ? `${e.code}: ${e.params.detail}` : String(e)));

  it('a sheet cut short inside a whole zip is refused, by name, not read as a shorter sheet', async () => {
    const cut = await withPart(twoSheets, 'xl/worksheets/sheet2.xml', (x) => x.slice(0, x.indexOf('<row r="2"') + 12));
    expect(await refusal(cut)).toBe('corrupt: 工作表“支出总表”的内容在中途断开，部件 xl/worksheets/sheet2.xml 不完整，可能在生成或传输时出错');
    // Cut after its rows: the merges are lost, and the sheet is refused all the same.
    const merges = await withPart(twoSheets, 'xl/worksheets/sheet2.xml', (x) => x.slice(0, x.indexOf('<mergeCells')));
    expect(await refusal(merges)).toMatch(/^corrupt: 工作表“支出总表”/);
  });

  it('a sheet the workbook lists but the package lacks is refused, not read as an empty sheet', async () => {
    const lost = await withPart(twoSheets, 'xl/worksheets/sheet1.xml', () => undefined);
    expect(await refusal(lost)).toBe('corrupt: 工作表“收支总表”的内容在压缩包里找不到，缺少部件 xl/worksheets/sheet1.xml');
    const unrelated = await withPart(twoSheets, 'xl/_rels/workbook.xml.rels', (x) => x.replace(/<Relationship Id="rId2"[^>]*\/>/, ''));
    expect(await refusal(unrelated)).toMatch(/^corrupt: 工作表“支出总表”的内容在压缩包里找不到/);
  });

  it('the sheet list, shared strings or styles cut short are refused, named for what they hold', async () => {
    const cutEnd = (x: string) => x.slice(0, x.length - 12);
    expect(await refusal(await withPart(twoSheets, 'xl/workbook.xml', cutEnd))).toMatch(/^corrupt: 工作表目录的内容在中途断开/);
    expect(await refusal(await withPart(twoSheets, 'xl/sharedStrings.xml', cutEnd))).toMatch(/^corrupt: 共享文字表的内容在中途断开/);
    expect(await refusal(await withPart(twoSheets, 'xl/styles.xml', cutEnd))).toMatch(/^corrupt: 单元格格式表的内容在中途断开/);
  });

  it('a whole part may end in white space, a comment or a processing instruction, or be one empty root element', async () => {
    const tails = await withPart(twoSheets, 'xl/worksheets/sheet2.xml', (x) => `${x}\r\n<!-- written by a tool -->\n<?producer x?>\n`);
    expect(await refusal(tails)).toBe('read');
    const emptyStrings = await withPart({ ...twoSheets, sheets: [{ name: 'S', body: '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>' }] }, 'xl/sharedStrings.xml', () => '<?xml version="1.0"?><sst xmlns="x" count="0" uniqueCount="0"/>');
    expect(await refusal(emptyStrings)).toBe('read');
    const prefixed = xlsxPackage({ ...twoSheets, prefix: 'x' });
    expect(await refusal(prefixed)).toBe('read');
  });

  it('a part that inflates past the limit is refused while inflating, even when the directory lies about its size', async () => {
    const bomb = '<sheetData>' + ' '.repeat(4 * 1024 * 1024) + '</sheetData>';
    const bytes = xlsxPackage({ sheets: [{ name: 'S', body: bomb }] });
    const lying = zip([
      { name: '_rels/.rels', data: '<Relationships><Relationship Id="r" Type="x/officeDocument" Target="xl/workbook.xml"/></Relationships>' },
      { name: 'xl/workbook.xml', data: 'x'.repeat(2 * 1024 * 1024), claimedSize: 100 },
    ]);
    const limits = { maxPartBytes: 1024 * 1024 };
    await expect(readWorkbookBuffer('t.xlsx', bytes, { limits })).rejects.toMatchObject({ code: 'too-large' });
    await expect(readWorkbookBuffer('t.xlsx', lying, { limits })).rejects.toMatchObject({ code: 'too-large' });
    await expect(bufferToGrid('t.xlsx', lying, { limits })).rejects.toMatchObject({ code: 'too-large' });
  });

  it('the bytes actually inflated count toward the total, whatever the directory claims', async () => {
    const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const sheet = `<worksheet><sheetData>${' '.repeat(1024 * 1024)}</sheetData></worksheet>`;
    const lying = zip([
      { name: '_rels/.rels', data: `<Relationships><Relationship Id="r" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
      { name: 'xl/workbook.xml', data: '<workbook><sheets><sheet name="A" r:id="a"/><sheet name="B" r:id="b"/></sheets></workbook>' },
      { name: 'xl/_rels/workbook.xml.rels', data: `<Relationships><Relationship Id="a" Type="${rel}/worksheet" Target="a.xml"/><Relationship Id="b" Type="${rel}/worksheet" Target="b.xml"/></Relationships>` },
      { name: 'xl/a.xml', data: sheet, claimedSize: 10 },
      { name: 'xl/b.xml', data: sheet, claimedSize: 10 },
    ]);
    // Each sheet fits the part limit; together they pass the total.
    await expect(readWorkbookBuffer('t.xlsx', lying, { limits: { maxPartBytes: 2 * 1024 * 1024, maxTotalBytes: 1.5 * 1024 * 1024 } })).rejects.toMatchObject({ code: 'too-large' });
    expect((await readWorkbookBuffer('t.xlsx', lying, { limits: { maxPartBytes: 2 * 1024 * 1024, maxTotalBytes: 3 * 1024 * 1024 } })).sheets).toHaveLength(2);
  });

  it('a merge over the whole sheet is refused without expanding it', async () => {
    const bytes = xlsxPackage({ sheets: [{ name: 'S', body: '<sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>' }] });
    const e = await readWorkbookBuffer('t.xlsx', bytes).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SourceError);
    expect((e as SourceError).code).toBe('too-large');
    expect((e as SourceError).localized('zh-CN')).toContain('A1:XFD1048576');
  });

  it('more cells than the limit are refused with the place reading stopped', async () => {
    const row = (r: number) => `<row r="${r}">${Array.from({ length: 10 }, (_, c) => `<c r="${String.fromCharCode(65 + c)}${r}"><v>${c}</v></c>`).join('')}</row>`;
    const bytes = xlsxPackage({ sheets: [{ name: 'S', body: `<sheetData>${Array.from({ length: 20 }, (_, r) => row(r + 1)).join('')}</sheetData>` }] });
    await expect(readWorkbookBuffer('t.xlsx', bytes, { limits: { maxCells: 150 } })).rejects.toThrow(/150.*S!A16|S!A16/);
    expect((await readWorkbookBuffer('t.xlsx', bytes, { limits: { maxCells: 200 } })).sheets[0]!.rows).toHaveLength(20);
  });
});

// A small part is inflated at once, a large one (≥ 256 KiB compressed) in the thread pool: both ways.
let seed = 2024;
const RANDOM_BYTES = Buffer.from(Array.from({ length: 600_000 }, () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) & 255));
describe.each([
  ['a small part', Buffer.from('预算'.repeat(50_000) + 'x'.repeat(123_457))],
  ['a large part', RANDOM_BYTES],
])('Node’s inflater with the size the zip directory claims, on %s', (_, text) => {
  const deflated = deflateRawSync(text);

  it('gives the exact bytes whether the claim is right, short, far too large or absent', async () => {
    for (const claim of [text.length, 10, text.length - 1, 64 * 1024 * 1024, 0, undefined]) {
      const out = await zlibInflate(deflated, 256 * 1024 * 1024, claim);
      expect(Buffer.compare(Buffer.from(out), text), `claim ${claim}`).toBe(0);
    }
  });

  it('still stops at the limit, whatever the claim', async () => {
    for (const claim of [10, text.length, 64 * 1024 * 1024]) {
      await expect(zlibInflate(deflated, 100_000, claim), `claim ${claim}`).rejects.toBeInstanceOf(ZipLimit);
    }
  });
});
