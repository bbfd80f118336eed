// Types of supercluster-layout.mjs.
import type Supercluster from 'supercluster'

/** One zoom's items in the tree's order; `kd` is the tree's KDBush data (KDBush.from makes it again). */
export type ZoomItems = { kd: ArrayBuffer; xy: Float64Array; id: Float64Array; parent: Float64Array; num: Uint32Array }

export declare function zoomItems(index: Supercluster, z: number): ZoomItems
