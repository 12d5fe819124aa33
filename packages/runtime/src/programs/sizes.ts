// Sizes as labels, flags and stress options write them: `64Mi`, `512Ki`, `150M`, `1g`.

/** Bytes of a size: binary for `Ki`/`Mi`/`Gi` and for docker's and stress's one-letter units, as they read them. */
export function parseBytes(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([kKmMgGtT]?)(i?)[bB]?$/.exec(text.trim());
  if (!match) return undefined;
  const power = ' kmgt'.indexOf(match[2]!.toLowerCase() || ' ');
  const base = match[3] === 'i' || match[2] === '' ? 1024 : 1000;
  // Bare numbers and docker's one-letter suffixes (150M) are binary, as docker and stress read them.
  const unit = match[3] === 'i' || /^[kKmMgGtT]$/.test(match[2]!) ? 1024 : base;
  return Math.round(Number(match[1]) * unit ** power);
}
