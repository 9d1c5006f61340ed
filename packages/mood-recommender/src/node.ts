export { readCatalogFile } from './load/read-file';
