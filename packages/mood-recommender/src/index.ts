// Browser / isomorphic entry (the `default` of the `.` export). It exports the same names with the same
// types as src/node.ts; `readCatalogFile` here rejects with an UnsupportedEnvironmentError.
export * from './public';
export { readCatalogFile } from './load/read-file-browser';
