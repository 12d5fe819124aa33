// CPU and memory the way `kubectl top` prints them: millicores (`250m`) and mebibytes (`64Mi`).
const MI = 1024 * 1024;

export function formatCpu(millicores: number): string {
  return `${Math.round(millicores)}m`;
}

export function formatMemory(bytes: number): string {
  return bytes >= 10 * 1024 * MI ? `${(bytes / (1024 * MI)).toFixed(1)}Gi` : `${Math.round(bytes / MI)}Mi`;
}
