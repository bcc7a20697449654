/*
 * OpenAPI registration: a plugin describes its routes with the same builders
 * as core (`op`, `obj`, `data`, …) and adds them to `/openapi.json` from its
 * `start` hook with `registerOpenApiPaths`.
 */
export { registerOpenApiPaths } from '#openapi/document'
export {
  bool,
  data,
  described,
  int,
  list,
  nullable,
  obj,
  op,
  paging,
  ref,
  str,
  time,
  uuid,
  type Described,
  type Operation,
  type OperationSpec,
  type Paths,
  type Schema,
} from '#openapi/builder'
