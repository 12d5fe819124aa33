// Keeping string lists sorted as items come and go, without sorting them again: the API store's
// keys (in etcd's byte order) and the page's list of event objects.

/** Where `key` is, or would go, in `sorted` (ascending by code unit): a binary search. */
export function sortedPosition(sorted: readonly string[], key: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (sorted[mid]! < key) low = mid + 1;
    else high = mid;
  }
  return low;
}
