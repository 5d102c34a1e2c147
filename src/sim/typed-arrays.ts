/** Growth of the engine's typed-array pools and queues. */

/** A copy of `array` twice as long, the new half zero: room for a pool or a queue to grow. */
export function doubled<T extends Float64Array | Int32Array>(array: T): T {
  const grown = new (array.constructor as new (length: number) => T)(array.length * 2)
  grown.set(array)
  return grown
}
