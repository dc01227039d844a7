// Runs the compiled CLI like bin/budget-check.js, then reports the process's peak memory (worker threads included).
import { main } from '../build/cli/main.js';

const code = await main(process.argv.slice(2));
process.stderr.write(`maxrss ${process.resourceUsage().maxRSS}\n`);
process.exit(code);
