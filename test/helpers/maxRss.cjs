// Preloaded (node --require) into a CLI child process: on exit, writes the process's peak
// resident set size in bytes to the file named by EQUILENS_MAX_RSS_FILE.
const { writeFileSync } = require('node:fs');

process.on('exit', () => {
  const file = process.env.EQUILENS_MAX_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
});
