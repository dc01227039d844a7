// The yardstick: a bare ExcelJS read of one workbook in a fresh process (what reading cost before our reader).
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';

const wb = new ExcelJS.Workbook();
await wb.xlsx.load(readFileSync(process.argv[2]));
process.stderr.write(`maxrss ${process.resourceUsage().maxRSS}\n`);
