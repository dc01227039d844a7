// Runs the CLI as bin/budget-check.js does (the bundle with its code cache, when the build's stamps
// hold), then reports the process's peak memory (worker threads included).
import { loadCli } from '../build/cli/launch.cjs';

const argv = process.argv.slice(2);
const { cli, from } = await loadCli(argv);
const code = await cli.main(argv);
process.stderr.write(`started from ${from}\nmaxrss ${process.resourceUsage().maxRSS}\n`);
process.exit(code);
