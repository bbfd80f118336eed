/**
 * Where each OSM node is, for turning ways into lines. Ids and coordinates go into growing
 * typed arrays (24 bytes a node, no per-node object), sorted once by id when reading ends and
 * then looked up by binary search. PBF and API files are already sorted, so that is a check.
 */
export class NodeLocations {
  private ids = new Float64Array(1 << 16)
  private coordinates = new Float64Array(2 << 16)
  private length = 0
  private sorted = true

  get size(): number {
    return this.length
  }

  add(id: number, lon: number, lat: number): void {
    if (this.length === this.ids.length) this.grow()
    if (this.length > 0 && id <= this.ids[this.length - 1]!) this.sorted = false
    this.ids[this.length] = id
    this.coordinates[2 * this.length] = lon
    this.coordinates[2 * this.length + 1] = lat
    this.length++
  }

  /** The index of a node for lon()/lat(), or -1 when the file does not have it. */
  find(id: number): number {
    if (!this.sorted) this.sort()
    let low = 0
    let high = this.length - 1
    while (low <= high) {
      const middle = (low + high) >>> 1
      const m = this.ids[middle]!
      if (m < id) low = middle + 1
      else if (m > id) high = middle - 1
      else return middle
    }
    return -1
  }

  lon(index: number): number {
    return this.coordinates[2 * index]!
  }

  lat(index: number): number {
    return this.coordinates[2 * index + 1]!
  }

  private grow() {
    const ids = new Float64Array(this.ids.length * 2)
    ids.set(this.ids)
    const coordinates = new Float64Array(this.coordinates.length * 2)
    coordinates.set(this.coordinates)
    this.ids = ids
    this.coordinates = coordinates
  }

  private sort() {
    const order = new Uint32Array(this.length).map((_, i) => i).sort((a, b) => this.ids[a]! - this.ids[b]!)
    const ids = new Float64Array(this.ids.length)
    const coordinates = new Float64Array(this.coordinates.length)
    order.forEach((from, to) => {
      ids[to] = this.ids[from]!
      coordinates[2 * to] = this.coordinates[2 * from]!
      coordinates[2 * to + 1] = this.coordinates[2 * from + 1]!
    })
    this.ids = ids
    this.coordinates = coordinates
    this.sorted = true
  }
}
