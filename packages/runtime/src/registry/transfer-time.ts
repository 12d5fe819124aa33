// How long moving layers over the network takes, in virtual milliseconds. Registries serve
// compressed layers (about 40% of the tar for typical images); the daemon downloads three layers
// at a time (dockerd's max-concurrent-downloads default) and extracts them one by one, and
// uploads five at a time (max-concurrent-uploads).

const COMPRESSION_RATIO = 0.4;
const DOWNLOAD_BYTES_PER_MS = 25_000; // 25 MB/s
const UPLOAD_BYTES_PER_MS = 10_000; // 10 MB/s
const EXTRACT_BYTES_PER_MS = 150_000; // 150 MB/s
const ROUND_TRIP_MS = 150; // resolving the tag, fetching the manifest and configuration

function lanes(sizes: readonly number[], parallel: number, bytesPerMs: number): number {
  const free = Array.from({ length: parallel }, () => 0);
  for (const size of sizes) {
    free.sort((a, b) => a - b);
    free[0]! += (size * COMPRESSION_RATIO) / bytesPerMs;
  }
  return Math.max(0, ...free);
}

/** Pull time of layers (their tar sizes) that are not present yet. */
export function pullDurationMs(layerSizes: readonly number[]): number {
  const extract = layerSizes.reduce((n, s) => n + s / EXTRACT_BYTES_PER_MS, 0);
  return Math.round(ROUND_TRIP_MS + lanes(layerSizes, 3, DOWNLOAD_BYTES_PER_MS) + extract);
}

/** Push time of layers (their tar sizes) the registry does not have yet. */
export function pushDurationMs(layerSizes: readonly number[]): number {
  return Math.round(ROUND_TRIP_MS + lanes(layerSizes, 5, UPLOAD_BYTES_PER_MS));
}
