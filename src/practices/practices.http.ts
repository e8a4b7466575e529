/** Route parameters of the pages, read as every feature reads them. */
export { idOf, slugOf } from '../platform/http/params.ts';
