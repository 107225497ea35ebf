// Issue 13 §4 and §5: report writes cannot be redirected by a planted symlink; in the editor, the
// probes setting stays in the workspace, the webview's file requests are confined by real path,
// and native code never comes from the workspace's own node_modules.
import assert from 'node:assert/strict';
import { constants, promises as fsp, lstatSync, mkdirSync, readFileSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { after, afterEach, before, mock, test } from 'node:test';
import { confineSettingPath } from '../src/extension/settingPaths';
import { confinedTo } from '../src/node/confinedTo';
import { ownRoot, resolveNative } from '../src/node/native';
import { nodeFiles, toPosix } from '../src/node/nodeFiles';
import { remoteFiles } from '../src/webview/compute/remoteFiles';
import { writeFileAtomic } from '../src/node/writeFileAtomic';
import { ROOT } from './helpers/cli';
import { hostileWorkspace, link, type Hostile } from './helpers/hostileFs';

let h: Hostile;
before(() => {
  h = hostileWorkspace();
  link(`${h.outside}/probes.npy`, `${h.ws}/p.npy`);
  link(h.outside, `${h.ws}/out`);
});
after(() => h.cleanup());
afterEach(() => mock.restoreAll());

const real = (p: string) => {
  try {
    return toPosix(realpathSync(p));
  } catch {
    return null;
  }
};

test('writeFileAtomic replaces a planted symlink at the report path instead of writing through it', async () => {
  writeFileSync(`${h.outside}/victim`, 'keep me');
  link(`${h.outside}/victim`, `${h.ws}/equilens.md`);
  await writeFileAtomic(`${h.ws}/equilens.md`, '# report');
  assert.equal(readFileSync(`${h.outside}/victim`, 'utf8'), 'keep me');
  assert.ok(!lstatSync(`${h.ws}/equilens.md`).isSymbolicLink());
  assert.equal(readFileSync(`${h.ws}/equilens.md`, 'utf8'), '# report');
});

test('writeFileAtomic creates its temp file exclusively, without following links, under an unpredictable name', async () => {
  const opened: [string, number][] = [];
  const realOpen = fsp.open.bind(fsp);
  mock.method(fsp, 'open', (p: string, flags: number, mode?: number) => (opened.push([p, flags]), realOpen(p, flags, mode)));
  await writeFileAtomic(`${h.ws}/r1.json`, '1');
  await writeFileAtomic(`${h.ws}/r1.json`, '2');
  const { O_CREAT, O_EXCL, O_NOFOLLOW } = constants;
  assert.equal(opened.length, 2);
  for (const [, flags] of opened) assert.equal(flags & (O_CREAT | O_EXCL | O_NOFOLLOW), O_CREAT | O_EXCL | O_NOFOLLOW);
  const names = opened.map(([p]) => p.slice(`${h.ws}/r1.json.`.length));
  assert.match(names[0]!, /^[0-9a-f]{32}\.tmp$/);
  assert.notEqual(names[0], names[1]);
  assert.ok(!readdirSync(h.ws).some((n) => n.endsWith('.tmp')));
});

test('equilens.probes: relative, inside paths work; .., absolute and symlinked ways out are refused', () => {
  const folders = [h.ws];
  assert.deepEqual(confineSettingPath('equilens.probes', 'probes.npy', folders, real), { path: `${h.ws}/probes.npy` });
  assert.deepEqual(confineSettingPath('equilens.probes', `${h.ws}/m`, folders, real), { path: `${h.ws}/m` });
  for (const [value, why] of [
    ['../outside/probes.npy', /"\.\.\/outside\/probes\.npy"/],
    [`${h.outside}/probes.npy`, /outside\/probes\.npy/],
    ['p.npy', /links to .*outside\/probes\.npy/],
    ['out/probes.npy', /links to/],
    ['/etc/passwd', /passwd/],
  ] as const) {
    const r = confineSettingPath('equilens.probes', value, folders, real);
    assert.ok('refused' in r, value);
    assert.match(r.refused, /^equilens\.probes: path leaves the workspace folder/);
    assert.match(r.refused, why);
  }
  assert.ok('refused' in confineSettingPath('equilens.probes', 'x.npy', [], real), 'no workspace folder: nothing to confine to');
});

test('webview file requests are confined by real path, not lexically', async () => {
  const folders = [`${h.ws}/m`, h.ws];
  assert.equal(await confinedTo(folders, `${h.ws}/m/model.json`), true);
  assert.equal(await confinedTo(folders, `${h.ws}/m/missing.json`), true, 'a missing file inside: stat may say so');
  assert.equal(await confinedTo(folders, `${h.ws}/p.npy`), false, 'a link inside the folder to outside');
  assert.equal(await confinedTo(folders, `${h.ws}/out/secret.txt`), false, 'through a linked folder');
  assert.equal(await confinedTo(folders, `${h.ws}/out/missing`), false, 'a missing file under a linked folder');
  assert.equal(await confinedTo(folders, `${h.outside}/secret.txt`), false);
  assert.equal(await confinedTo(folders, `${h.ws}/m/../../outside/secret.txt`), false);
});

test('native code: the workspace node_modules above a folder is never taken; EquiLens own folder and tfjsNodePath only', () => {
  // A workspace that ships its own "tfjs-node" (what a pull request could add).
  const mod = `${h.ws}/node_modules/@tensorflow/tfjs-node`;
  mkdirSync(mod, { recursive: true });
  writeFileSync(`${mod}/package.json`, JSON.stringify({ name: '@tensorflow/tfjs-node', main: 'index.js' }));
  writeFileSync(`${mod}/index.js`, 'throw new Error("workspace code ran")');
  mkdirSync(`${h.ws}/tools`);
  // Unconfined (Node's lookup) a tfjsNodePath inside the workspace reaches the workspace's module…
  assert.equal(toPosix(resolveNative('@tensorflow/tfjs-node', `${h.ws}/tools`, false)!), `${mod}/index.js`);
  // …confined, only a module inside that folder counts.
  assert.equal(resolveNative('@tensorflow/tfjs-node', `${h.ws}/tools`, true), null);
  assert.equal(toPosix(resolveNative('@tensorflow/tfjs-node', h.ws, true)!), `${mod}/index.js`, 'the folder named itself');
  assert.equal(toPosix(ownRoot()), toPosix(ROOT));
  const pkg = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { contributes: { configuration: { properties: Record<string, { scope?: string }> } } };
  assert.equal(pkg.contributes.configuration.properties['equilens.tfjsNodePath']!.scope, 'machine');
});

test('the webview FileSystem reads only regular files whose real path is inside its root, as the host answers', async () => {
  link('/dev/zero', `${h.ws}/m/zero.bin`);
  const root = `${h.ws}/m`;
  const fetched: string[] = [];
  // The host's side as webviewCompute.ts answers it: metadata only for paths confined by real path.
  const meta = async (op: 'stat' | 'readDir' | 'realPath', p: string) => {
    if (!(await confinedTo([root], p))) throw new Error('refused by the host');
    return nodeFiles[op](p);
  };
  const fs = remoteFiles({
    meta,
    roots: [{ path: root, uri: 'https://webview.test/r' }],
    fetch: (async (url: string) => {
      fetched.push(url);
      const bytes = readFileSync(`${root}/${decodeURIComponent(url.slice('https://webview.test/r/'.length))}`);
      return new Response(bytes);
    }) as typeof fetch,
  });
  link(`${h.outside}/secret.txt`, `${root}/secret.bin`);
  assert.equal((await fs.readFile(`${root}/weights.bin`, { within: root })).byteLength, readFileSync(`${root}/weights.bin`).byteLength);
  await assert.rejects(fs.readFile(`${root}/zero.bin`), /refused/);
  await assert.rejects(fs.readFile(`${root}/secret.bin`), /refused/);
  await assert.rejects(fs.readFile(`${h.outside}/secret.txt`), /outside the folders/);
  assert.deepEqual(fetched, ['https://webview.test/r/weights.bin'], 'nothing but the confined file was fetched');
});
