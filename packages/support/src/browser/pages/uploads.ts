/**
 * An upload counter for the test and benchmark pages: it wraps the WebGL2 and WebGPU calls that
 * move data from the CPU to the GPU and adds up their bytes. It measures what the browser was
 * asked to move, whatever tfjs's backends do inside (no tfjs internals are read).
 */

let uploaded = 0;
let installed = false;

/** Bytes uploaded since {@link installUploadCounter}. */
export function uploadedBytes(): number {
  return uploaded;
}

function byteLengthOf(data: unknown, elements?: number): number {
  if (ArrayBuffer.isView(data)) {
    const per = 'BYTES_PER_ELEMENT' in data ? (data.BYTES_PER_ELEMENT as number) : 1;
    return elements !== undefined ? elements * per : data.byteLength;
  }
  if (data instanceof ArrayBuffer) return elements ?? data.byteLength;
  return 0;
}

function wrap<T extends object>(proto: T, method: string, count: (args: unknown[]) => number) {
  const target = proto as Record<string, unknown>;
  const original = target[method];
  if (typeof original !== 'function') return;
  target[method] = function (this: unknown, ...args: unknown[]) {
    uploaded += count(args);
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  };
}

/**
 * Counts, from now on, every byte handed from the CPU to the GPU through WebGL2's texture and
 * buffer uploads and WebGPU's `writeBuffer`, `writeTexture` and buffers mapped at creation (how
 * tfjs's webgpu backend stages uploads). Call it once per page, before tfjs uploads anything.
 */
export function installUploadCounter(): void {
  if (installed) return;
  installed = true;
  const gl = globalThis.WebGL2RenderingContext?.prototype;
  if (gl) {
    // Texture and buffer uploads: the data is the one ArrayBufferView among the arguments.
    for (const method of [
      'texImage2D',
      'texSubImage2D',
      'texImage3D',
      'texSubImage3D',
      'bufferData',
      'bufferSubData',
    ]) {
      wrap(gl, method, (args) => args.reduce<number>((s, a) => s + byteLengthOf(a), 0));
    }
  }
  const g = globalThis as unknown as {
    GPUQueue?: { prototype: object };
    GPUDevice?: { prototype: object };
  };
  if (g.GPUQueue) {
    // writeBuffer(buffer, offset, data, dataOffset?, size?): size counts elements of `data`.
    wrap(g.GPUQueue.prototype, 'writeBuffer', (args) =>
      byteLengthOf(args[2], args[4] as number | undefined),
    );
    wrap(g.GPUQueue.prototype, 'writeTexture', (args) => byteLengthOf(args[1]));
  }
  if (g.GPUDevice) {
    // Buffers mapped at creation are filled from the CPU (tfjs's staging uploads).
    wrap(g.GPUDevice.prototype, 'createBuffer', (args) => {
      const d = args[0] as { mappedAtCreation?: boolean; size?: number };
      return d.mappedAtCreation ? (d.size ?? 0) : 0;
    });
  }
}
