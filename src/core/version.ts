/** Replaced at bundle time by esbuild's `define`; tests see the development value. */
declare const __EQUILENS_VERSION__: string | undefined;
export const VERSION: string = typeof __EQUILENS_VERSION__ === 'string' ? __EQUILENS_VERSION__ : '0.0.0-dev';
