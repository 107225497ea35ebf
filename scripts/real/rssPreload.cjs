// Preloaded into each audited CLI process (node --require): on exit, writes the process's peak
// resident set size in KiB (getrusage ru_maxrss; worker threads included) to $EQUILENS_RSS_FILE.
// Works on any OS Node runs on, where GNU time may be missing.
'use strict';
const file = process.env.EQUILENS_RSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      require('node:fs').writeFileSync(file, String(process.resourceUsage().maxRSS));
    } catch {
      // The measurement is best effort; the audit's own exit code matters more.
    }
  });
}
