/** Timing helpers for the benchmarks: medians over repeated runs, never single timings. */
import { performance } from 'node:perf_hooks';

export interface Timing {
  name: string;
  runs: number;
  median: number;
  min: number;
  p90: number;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export async function measure(name: string, runs: number, fn: () => unknown | Promise<unknown>, warmup = 3): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { name, runs, median: median(times), min: sorted[0]!, p90: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))]! };
}

export function report(title: string, timings: Timing[]): void {
  console.log(`\n${title}`);
  console.log(`${'step'.padEnd(44)}${'median ms'.padStart(11)}${'min ms'.padStart(10)}${'p90 ms'.padStart(10)}${'runs'.padStart(6)}`);
  for (const t of timings) {
    console.log(`${t.name.padEnd(44)}${t.median.toFixed(2).padStart(11)}${t.min.toFixed(2).padStart(10)}${t.p90.toFixed(2).padStart(10)}${String(t.runs).padStart(6)}`);
  }
}
