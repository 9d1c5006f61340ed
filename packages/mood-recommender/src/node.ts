// Node entry (the `node` condition of the `.` export). It exports the same names with the same types as
// src/index.ts; `readCatalogFile` here reads files with node:fs.
export * from './public';
export { readCatalogFile } from './load/read-file';
