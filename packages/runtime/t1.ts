import { CATALOG, catalogKey, computeCatalogDigests, catalogImage } from './src/registry/catalog.ts';
const e = CATALOG.find(e => catalogKey(e) === 'busybox:latest')!;
let t = performance.now();
console.log(JSON.stringify(computeCatalogDigests(e)), performance.now()-t);
const n = CATALOG.find(e => catalogKey(e) === 'nginx:1.25')!;
t = performance.now();
console.log(JSON.stringify(computeCatalogDigests(n)), performance.now()-t);
const img = catalogImage(n); console.log(img.id, img.configJson.slice(0,300));
