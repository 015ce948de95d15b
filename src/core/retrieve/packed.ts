/** Typed arrays as base64 for the start-up cache: a few buffers to read back instead of a JSON number per element. */
export function toBase64(array: Uint32Array | Int32Array | Float32Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

/** The bytes of `toBase64`'s output, in a fresh, aligned buffer: a Buffer may sit at any offset of a shared pool. */
export function bufferOf(base64: string): ArrayBuffer {
  return new Uint8Array(Buffer.from(base64, 'base64')).buffer;
}
