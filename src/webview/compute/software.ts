// Names of software rasterisers (CPU emulations of a GPU). Their numbers are right but their
// speed is a CPU's, so `equilens.compute: auto` never picks the webview for them.
const SOFTWARE = /swiftshader|llvmpipe|softpipe|lavapipe|software|basic render|mesa offscreen|\bwarp\b/i;

/** True when a WebGL renderer string or WebGPU adapter description names a software renderer. */
export function isSoftwareRenderer(name: string): boolean {
  return SOFTWARE.test(name);
}
