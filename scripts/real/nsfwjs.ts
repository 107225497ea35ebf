// nsfwjs ships its models inside browserify bundles: dist/models/<name>/model.min.js exports the
// model JSON as a JavaScript object literal, each group1-shard*.min.js exports one weight file as a
// base64 string. This writes them out as the model.json + binary shards every TF.js loader reads.
import { readdirSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runInNewContext } from 'node:vm';

/** Writes each bundled model of `bundlesDir` to `outDir/<name>/model.json` and its shards. */
export function extractNsfwjs(bundlesDir: string, outDir: string): void {
  for (const name of readdirSync(bundlesDir).sort()) {
    const bundle = path.join(bundlesDir, name, 'model.min.js');
    if (!existsSync(bundle)) continue;
    const model = evaluateBundle(bundle) as { weightsManifest: { paths: string[] }[] };
    const dest = path.join(outDir, name);
    mkdirSync(dest, { recursive: true });
    for (const group of model.weightsManifest) {
      for (const shard of group.paths) {
        const base64 = evaluateBundle(path.join(bundlesDir, name, `${shard}.min.js`));
        if (typeof base64 !== 'string') throw new Error(`${name}/${shard}.min.js does not export a base64 string`);
        // The manifest names shards without an extension; keep its paths as they are.
        writeFileSync(path.join(dest, shard), Buffer.from(base64, 'base64'));
      }
    }
    writeFileSync(path.join(dest, 'model.json'), JSON.stringify(model));
  }
}

/**
 * What a UMD bundle assigns to module.exports. It runs in an empty context (no require, process
 * or globals beyond the language's) with a time limit: the bundles only build a literal.
 */
function evaluateBundle(file: string): unknown {
  const module = { exports: {} as unknown };
  runInNewContext(readFileSync(file, 'utf8'), { module, exports: module.exports }, { timeout: 10_000, filename: file });
  return module.exports;
}
