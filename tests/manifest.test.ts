/** manifest.xml against the Office add-in schemas, offline (what npm run validate does). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateManifest } from '../src/manifest/validate.js';
import { ROOT } from './helpers.js';

const manifest = readFileSync(`${ROOT}manifest.xml`, 'utf8');

describe('manifest.xml', () => {
  it('is a valid Excel task-pane manifest', async () => {
    expect(await validateManifest(manifest)).toEqual({ valid: true, problems: [] });
  });

  it('declares what the add-in needs: workbook host, read/write, ExcelApi minimum, zh-CN with English', () => {
    expect(manifest).toContain('<Host Name="Workbook"/>');
    expect(manifest).toContain('<Permissions>ReadWriteDocument</Permissions>');
    expect(manifest).toMatch(/<Set Name="ExcelApi" MinVersion="1\.\d+"\/>/);
    expect(manifest).toContain('<DefaultLocale>zh-CN</DefaultLocale>');
    expect(manifest).toContain('<Override Locale="en-US" Value="Budget Check"/>');
    expect(manifest).toContain('<OfficeTab id="TabHome">');
  });

  it('rejects a wrong permission with the allowed values', async () => {
    const { valid, problems } = await validateManifest(manifest.replace('<Permissions>ReadWriteDocument</Permissions>', '<Permissions>Bogus</Permissions>'));
    expect(valid).toBe(false);
    expect(problems[0]!.message).toMatch(/Bogus.*(ReadWriteDocument|enumeration)/s);
  });
});
