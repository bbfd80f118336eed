/**
 * Residents' concerns clustered for the public map (docs/life-of-a-cluster.md): in-memory
 * supercluster indexes, one per filter, kept fresh by an overlay of what changed since each was
 * built. The files of this folder, one job each:
 * - cache.ts: the indexes per filter, when to rebuild, when to read an overlay;
 * - columns.ts: the concerns an index is built from, read from SQL into typed columns;
 * - flags.mjs: how a concern's public properties are packed into two numbers;
 * - builder.ts, worker.mjs: the build thread and its messages;
 * - levels.mjs: what it builds, from supercluster; supercluster-layout.mjs: the one place that
 *   reads supercluster's private layout;
 * - built-index.ts: a built index as the main thread holds it;
 * - version.ts: which changes an index includes;
 * - overlay.ts: the changes since an index's snapshot, on top of it;
 * - answer.ts: the answer's JSON; mercator.ts: the projection the levels are in.
 */
export { clustersJson, type ClusterCollection, type ClusterFeature, type PointFeature } from './answer.ts'
export { CLUSTER_OPTIONS, type BuiltIndex } from './built-index.ts'
export { clusterIndexes, ClusterIndexes, REBUILD_WAIT_MS } from './cache.ts'
export type { ClusterFilter } from './columns.ts'
export type { ClusterView, Overlay } from './overlay.ts'
export { CHANGE_CHECK_MS } from '../../db/changes.ts'
