/** Orders strings with digit runs compared as numbers: member-2 before member-10. */
export function naturalCompare(a: string, b: string): number {
  const ra = a.split(/(\d+)/);
  const rb = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(ra.length, rb.length); i++) {
    if (ra[i] === rb[i]) continue;
    // Odd indices hold the digit runs (split with a capture group alternates text, digits).
    if (i % 2 === 1) {
      const d = Number(ra[i]) - Number(rb[i]);
      if (d !== 0) return d;
    }
    return ra[i]! < rb[i]! ? -1 : 1;
  }
  return ra.length - rb.length;
}
