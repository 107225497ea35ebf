/** Copies the extension's files from the repository at `root` into `dest`, laid out as in the VSIX. */
export function copyExtension(root: string, dest: string): void;
