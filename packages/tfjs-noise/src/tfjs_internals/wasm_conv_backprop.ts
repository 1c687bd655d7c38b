/**
 * The convolution gradients that tfjs's wasm backend lacks, built from kernels it has.
 *
 * tfjs-backend-wasm 4.22 registers `Conv2D`, `Conv2DBackpropInput` and `DepthwiseConv2dNative`,
 * but not `Conv2DBackpropFilter` (no 4.x version has it), `DepthwiseConv2dNativeBackpropFilter`
 * or `DepthwiseConv2dNativeBackpropInput`: any training step through `tf.conv1d`, `tf.conv2d`,
 * `tf.depthwiseConv2d` or `tf.separableConv2d` (and the tf.layers that call them) fails there with
 * "Kernel 'Conv2DBackpropFilter' not registered for backend 'wasm'". Importing tfjs-noise
 * registers the three kernels below for the backend named `wasm`, each only if that name has no
 * kernel of its own at import time, so a tfjs whose wasm backend brings the kernel keeps it.
 * A kernel registered for `wasm` before the wasm backend itself is registered is found once the
 * backend is (the registry is keyed by name), so the import order of tfjs-noise and
 * `@tensorflow/tfjs-backend-wasm` does not matter. If a later wasm backend that brings one of these
 * kernels is imported after tfjs-noise, its kernel replaces ours (tfjs prints that the kernel
 * was already registered).
 *
 * Each kernel runs other wasm kernels (`Conv2D`, `DepthwiseConv2dNative`, `Transpose`, `PadV2`,
 * `Slice`, `Reshape`, `Reverse`, `Sum`, `Fill`), looked up by name when it runs, on the backend
 * it was given, and frees every intermediate it made. If one is missing, it throws an error that
 * names it.
 *
 * The math, in NHWC, for a forward convolution with strides (sh, sw), dilations (dh, dw) and
 * top/left padding (t, l) from `backend_util.computeConv2DInfo` (which reads 'same', 'valid', a
 * number or explicit padding as the forward kernel did):
 *
 *     y[b, i, j, o] = Σ_{p, q, c} xp[b, i·sh + p·dh, j·sw + q·dw, c] · w[p, q, c, o]
 *
 * where xp is x shifted by (t, l) and zero outside x. Then
 *
 *     dw[p, q, c, o] = Σ_{b, i, j} xp[b, p·dh + i·sh, q·dw + j·sw, c] · dy[b, i, j, o]
 *
 * which is itself a 'valid' convolution of xp with batch and channel axes swapped
 * (`[c, rows, cols, b]`) by dy used as the filter (`[i, j, b, o]`), with the forward dilations as
 * its strides and the forward strides as its dilations: `dw = T(conv2d(T(xp), T(dy)))`. Only the
 * rows (columns) of xp that some output reads are kept: `(oh - 1)·sh + (fh - 1)·dh + 1` of them
 * from row -t, padded with zeros where they fall outside x and cropped where the strides leave
 * the last rows of x unread, so the backward convolution's output is exactly `fh × fw`.
 * Because tfjs's forward op allows strides > 1 or dilations > 1 but not both, the backward one
 * does too.
 *
 * Edges:
 * - The output rows and columns are dy's. tfjs's conv2d gradient drops the forward op's
 *   `dimRoundingMode`, so after a forward convolution rounded up ('ceil', 'round') dy has more
 *   of them than the attributes describe: this kernel counts them (what they read past x is
 *   zero, as in the forward kernels), where cpu's kernel leaves them out.
 * - tfjs's gradients of conv2d and depthwiseConv2d refuse dilations > 1 themselves, on every
 *   backend, so `tf.grad` passes dilation 1; `Conv2DBackpropFilter` reads an optional
 *   `dilations` attribute anyway (tfjs's own kernel has none), the depthwise kernels read theirs.
 * - A forward convolution with no output (dy empty) has a zero gradient.
 * - With a number as padding, tfjs computes both output sizes from the filter's height and the
 *   stride along the height; this kernel follows the shapes tfjs computed, as cpu's does.
 *
 * The depthwise filter gradient is the same with channels kept apart: x becomes one image of
 * `C·B` channels, dy a filter of multiplier M per (channel, batch) pair, and a depthwise
 * convolution followed by a sum over the batch gives `[fh, fw, C, M]`. The depthwise input
 * gradient spreads dy by the strides (zeros between rows and columns), pads it by
 * `(fh - 1)·dh - t` on top (`(fw - 1)·dw - l` on the left), correlates it with the filter turned
 * by 180° (dilated like the forward filter), one channel per (c, m), and sums over m.
 *
 * dataFormat 'NCHW' (Conv2DBackpropFilter only; the depthwise kernels have no dataFormat) is
 * handled by transposing x and dy to NHWC first. dtype is float32, as the wasm convolutions
 * require.
 */
import {
  backend_util,
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  DepthwiseConv2dNativeBackpropFilter,
  type DepthwiseConv2dNativeBackpropFilterAttrs,
  DepthwiseConv2dNativeBackpropInput,
  type DepthwiseConv2dNativeBackpropInputAttrs,
  getKernel,
  type KernelBackend,
  type KernelConfig,
  type KernelFunc,
  type NamedAttrMap,
  type NamedTensorInfoMap,
  registerKernel,
  type TensorInfo,
} from '@tensorflow/tfjs-core';

/** The backend name these kernels are registered for. */
export const WASM_BACKEND = 'wasm';

/** Runs a wasm kernel by name; its output is freed when the kernel body ends, unless returned. */
type Run = (kernelName: string, inputs: NamedTensorInfoMap, attrs?: object) => TensorInfo;

/**
 * Runs `body` with a `run` that calls the backend's kernels by name and remembers what they
 * made; frees all of it except the result `body` returns (by object: a reshape shares its
 * input's data and holds a reference of its own).
 */
function scoped(owner: string, backend: KernelBackend, body: (run: Run) => TensorInfo): TensorInfo {
  const made: TensorInfo[] = [];
  const run: Run = (kernelName, inputs, attrs = {}) => {
    const kernel = getKernel(kernelName, WASM_BACKEND);
    if (kernel === undefined) {
      throw new Error(
        `tfjs-noise: the ${owner} kernel it registers for the wasm backend needs the wasm ` +
          `kernel '${kernelName}', which this version of tfjs-backend-wasm does not have.`,
      );
    }
    const out = kernel.kernelFunc({ inputs, backend, attrs: attrs as NamedAttrMap }) as TensorInfo;
    made.push(out);
    return out;
  };
  let result: TensorInfo | undefined;
  try {
    result = body(run);
    return result;
  } finally {
    for (const t of made) if (t !== result) backend.disposeData(t.dataId);
  }
}

/** A float32 tensor of zeros. */
function zeros(run: Run, shape: number[]): TensorInfo {
  return run('Fill', {}, { shape, value: 0, dtype: 'float32' });
}

/**
 * The rows `[start0, start0 + length0)` (axis 1) and columns `[start1, start1 + length1)`
 * (axis 2) of the NHWC tensor `x`, zero where they fall outside `x`; null if none of them is
 * inside `x` (all zeros).
 */
function window(
  run: Run,
  x: TensorInfo,
  [start0, start1]: [number, number],
  [length0, length1]: [number, number],
): TensorInfo | null {
  const [n, h, w, c] = x.shape as [number, number, number, number];
  const lo0 = Math.max(start0, 0);
  const hi0 = Math.min(start0 + length0, h);
  const lo1 = Math.max(start1, 0);
  const hi1 = Math.min(start1 + length1, w);
  if (hi0 <= lo0 || hi1 <= lo1 || n === 0 || c === 0) return null;
  let out = x;
  if (lo0 > 0 || hi0 < h || lo1 > 0 || hi1 < w) {
    out = run('Slice', { x: out }, { begin: [0, lo0, lo1, 0], size: [n, hi0 - lo0, hi1 - lo1, c] });
  }
  const before0 = lo0 - start0;
  const after0 = start0 + length0 - hi0;
  const before1 = lo1 - start1;
  const after1 = start1 + length1 - hi1;
  if (before0 > 0 || after0 > 0 || before1 > 0 || after1 > 0) {
    out = run(
      'PadV2',
      { x: out },
      {
        paddings: [
          [0, 0],
          [before0, after0],
          [before1, after1],
          [0, 0],
        ],
        constantValue: 0,
      },
    );
  }
  return out;
}

const pair = (v: number | [number, number] | undefined): [number, number] =>
  v === undefined ? [1, 1] : typeof v === 'number' ? [v, v] : v;

/**
 * The output rows and columns to take the gradient over: dy's. Throws unless dy has the batch and
 * channels of the convolution described by `info`, and at least its rows and columns. It may have
 * more: tfjs's conv2d gradient does not pass the forward op's `dimRoundingMode` on, so a forward
 * convolution rounded up ('ceil', 'round') made more outputs than the attributes describe; they
 * read rows (columns) past x, which count as zeros, as in the forward kernels.
 */
function outputSize(
  owner: string,
  dy: TensorInfo,
  info: backend_util.Conv2DInfo,
): [number, number] {
  const [b, oh, ow, k] = dy.shape as [number, number, number, number];
  if (
    dy.shape.length !== 4 ||
    b !== info.batchSize ||
    k !== info.outChannels ||
    oh < info.outHeight ||
    ow < info.outWidth
  ) {
    throw new Error(
      `tfjs-noise: ${owner} on wasm: dy has shape [${dy.shape}] but the convolution outputs ` +
        `[${info.outShape}].`,
    );
  }
  return [oh, ow];
}

/** `Conv2DBackpropFilter`: the gradient of conv2d (and conv1d) with respect to its filter. */
const conv2dBackpropFilter: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const a = attrs as unknown as Conv2DBackpropFilterAttrs & {
    dilations?: number | [number, number];
  };
  const filterShape = [...a.filterShape] as [number, number, number, number];
  return scoped(Conv2DBackpropFilter, backend as KernelBackend, (run) => {
    const channelsFirst = a.dataFormat === 'NCHW';
    const x4 = channelsFirst ? run('Transpose', { x }, { perm: [0, 2, 3, 1] }) : x;
    const dy4 = channelsFirst ? run('Transpose', { x: dy }, { perm: [0, 2, 3, 1] }) : dy;
    const info = backend_util.computeConv2DInfo(
      x4.shape as [number, number, number, number],
      filterShape,
      a.strides,
      pair(a.dilations),
      a.pad,
      a.dimRoundingMode,
      false,
      'channelsLast',
    );
    const [oh, ow] = outputSize(Conv2DBackpropFilter, dy4, info);
    const [fh, fw] = filterShape;
    const { strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
    if (oh === 0 || ow === 0) return zeros(run, filterShape);
    const xw = window(
      run,
      x4,
      [-info.padInfo.top, -info.padInfo.left],
      [(oh - 1) * sh + (fh - 1) * dh + 1, (ow - 1) * sw + (fw - 1) * dw + 1],
    );
    if (xw === null) return zeros(run, filterShape);
    const xT = run('Transpose', { x: xw }, { perm: [3, 1, 2, 0] }); // [C, rows, cols, B]
    const dyT = run('Transpose', { x: dy4 }, { perm: [1, 2, 0, 3] }); // [oh, ow, B, O]
    const out = run(
      'Conv2D',
      { x: xT, filter: dyT },
      { strides: [dh, dw], dilations: [sh, sw], pad: 'valid', dataFormat: 'NHWC' },
    ); // [C, fh, fw, O]
    return run('Transpose', { x: out }, { perm: [1, 2, 0, 3] });
  });
};

/** `DepthwiseConv2dNativeBackpropFilter`: the gradient of depthwiseConv2d for its filter. */
const depthwiseBackpropFilter: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const a = attrs as unknown as DepthwiseConv2dNativeBackpropFilterAttrs;
  const filterShape = [...a.filterShape] as [number, number, number, number];
  return scoped(DepthwiseConv2dNativeBackpropFilter, backend as KernelBackend, (run) => {
    const info = backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      filterShape,
      a.strides,
      pair(a.dilations),
      a.pad,
      a.dimRoundingMode,
      true,
    );
    const [oh, ow] = outputSize(DepthwiseConv2dNativeBackpropFilter, dy, info);
    const [fh, fw, c, m] = filterShape;
    const b = x.shape[0] as number;
    const { strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
    if (oh === 0 || ow === 0) return zeros(run, filterShape);
    const rows = (oh - 1) * sh + (fh - 1) * dh + 1;
    const cols = (ow - 1) * sw + (fw - 1) * dw + 1;
    const xw = window(run, x, [-info.padInfo.top, -info.padInfo.left], [rows, cols]);
    if (xw === null) return zeros(run, filterShape);
    // x as one image whose channels are the (c, b) pairs; dy as their filters of multiplier m.
    const xT = run('Transpose', { x: xw }, { perm: [1, 2, 3, 0] }); // [rows, cols, C, B]
    const xImage = run('Reshape', { x: xT }, { shape: [1, rows, cols, c * b] });
    const dy5 = run('Reshape', { x: dy }, { shape: [b, oh, ow, c, m] });
    const dyT = run('Transpose', { x: dy5 }, { perm: [1, 2, 3, 0, 4] }); // [oh, ow, C, B, M]
    const dyFilter = run('Reshape', { x: dyT }, { shape: [oh, ow, c * b, m] });
    const out = run(
      'DepthwiseConv2dNative',
      { x: xImage, filter: dyFilter },
      { strides: [dh, dw], dilations: [sh, sw], pad: 'valid' },
    ); // [1, fh, fw, C·B·M]
    const perBatch = run('Reshape', { x: out }, { shape: [fh, fw, c, b, m] });
    return b === 1
      ? run('Reshape', { x: perBatch }, { shape: filterShape })
      : run('Sum', { x: perBatch }, { axis: [3], keepDims: false });
  });
};

/** `DepthwiseConv2dNativeBackpropInput`: the gradient of depthwiseConv2d for its input. */
const depthwiseBackpropInput: KernelFunc = ({ inputs, backend, attrs }) => {
  const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
  const a = attrs as unknown as DepthwiseConv2dNativeBackpropInputAttrs;
  const inputShape = [...a.inputShape] as [number, number, number, number];
  const filterShape = filter.shape as [number, number, number, number];
  return scoped(DepthwiseConv2dNativeBackpropInput, backend as KernelBackend, (run) => {
    const info = backend_util.computeConv2DInfo(
      inputShape,
      filterShape,
      a.strides,
      pair(a.dilations),
      a.pad,
      a.dimRoundingMode,
      true,
    );
    const [oh, ow] = outputSize(DepthwiseConv2dNativeBackpropInput, dy, info);
    const [b, h, w, c] = inputShape;
    const [fh, fw, , m] = filterShape;
    const { strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
    if (oh === 0 || ow === 0) return zeros(run, inputShape);
    // dy spread by the strides: row i of dy at row i·sh, zeros between.
    let spread = dy;
    if (sh > 1 || sw > 1) {
      const dy5 = run('Reshape', { x: dy }, { shape: [b * oh, 1, ow, 1, c * m] });
      const padded = run(
        'PadV2',
        { x: dy5 },
        {
          paddings: [
            [0, 0],
            [0, sh - 1],
            [0, 0],
            [0, sw - 1],
            [0, 0],
          ],
          constantValue: 0,
        },
      );
      spread = run('Reshape', { x: padded }, { shape: [b, oh * sh, ow * sw, c * m] });
    }
    const dyw = window(
      run,
      spread,
      [info.padInfo.top - (fh - 1) * dh, info.padInfo.left - (fw - 1) * dw],
      [h + (fh - 1) * dh, w + (fw - 1) * dw],
    );
    if (dyw === null) return zeros(run, inputShape);
    const turned = run('Reverse', { x: filter }, { dims: [0, 1] });
    const perChannel = run('Reshape', { x: turned }, { shape: [fh, fw, c * m, 1] });
    const out = run(
      'DepthwiseConv2dNative',
      { x: dyw, filter: perChannel },
      { strides: [1, 1], dilations: [dh, dw], pad: 'valid' },
    ); // [B, H, W, C·M]
    if (m === 1) return out;
    const split = run('Reshape', { x: out }, { shape: [b, h, w, c, m] });
    return run('Sum', { x: split }, { axis: [4], keepDims: false });
  });
};

/** The kernels this file provides for the wasm backend. */
export const WASM_CONV_BACKPROP_KERNELS: readonly KernelConfig[] = [
  { kernelName: Conv2DBackpropFilter, backendName: WASM_BACKEND, kernelFunc: conv2dBackpropFilter },
  {
    kernelName: DepthwiseConv2dNativeBackpropFilter,
    backendName: WASM_BACKEND,
    kernelFunc: depthwiseBackpropFilter,
  },
  {
    kernelName: DepthwiseConv2dNativeBackpropInput,
    backendName: WASM_BACKEND,
    kernelFunc: depthwiseBackpropInput,
  },
];

/**
 * Registers each kernel of {@link WASM_CONV_BACKPROP_KERNELS} that the wasm backend has none of
 * (by `getKernel`), and returns the names it registered. Runs once when tfjs-noise is imported.
 */
export function registerWasmConvBackprop(): string[] {
  const registered: string[] = [];
  for (const config of WASM_CONV_BACKPROP_KERNELS) {
    if (getKernel(config.kernelName, WASM_BACKEND) === undefined) {
      registerKernel(config);
      registered.push(config.kernelName);
    }
  }
  return registered;
}

registerWasmConvBackprop();
