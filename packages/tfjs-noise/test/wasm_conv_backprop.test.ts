/**
 * The convolution gradients tfjs-noise registers for the wasm backend
 * (`src/tfjs_internals/wasm_conv_backprop.ts`), against the cpu backend's own kernels: gradients
 * of conv2d, conv1d, depthwiseConv2d and separableConv2d over strides, paddings, odd sizes,
 * channels and batches; a few training steps of small conv nets; the kernels called directly
 * with dilations (which tfjs's gradients never pass) against a plain loop; and the registration.
 *
 * Tolerance (float32): every element of a wasm gradient is within 1e-5 · max|cpu gradient| of
 * cpu's (the sums differ only in order; measured at most 3e-7); training losses within 1e-5
 * relative after 3 steps.
 *
 * The comparisons need the wasm backend and run in the wasm project; the registration checks run
 * in both.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initializers, layers, sequential } from '@tensorflow/tfjs-layers';
import { afterEach, describe, expect, it } from 'vitest';
import '../src/index';
import {
  registerWasmConvBackprop,
  WASM_CONV_BACKPROP_KERNELS,
} from '../src/tfjs_internals/wasm_conv_backprop';

// This file runs in the wasm project only (vitest.config.ts): it compares wasm with cpu itself.
const home = tf.getBackend();
if (home !== 'wasm') throw new Error(`wasm_conv_backprop.test.ts runs on wasm, not ${home}`);
const RTOL = 1e-5;

afterEach(async () => {
  await tf.setBackend(home);
});

/** Deterministic values in [-1, 1) (a linear congruential generator), the same on any backend. */
function values(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  let s = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = s / 2 ** 31 - 1;
  }
  return out;
}

const sizeOf = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
const rand = (shape: number[], seed: number) => tf.tensor(values(sizeOf(shape), seed), shape);

/** Runs `f` on `backend` and returns its tensors' values (tensors disposed). */
async function on(backend: string, f: () => tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const out = tf.tidy(f);
  const arrays = out.map((t) => t.dataSync() as Float32Array);
  tf.dispose(out);
  return arrays;
}

/** The largest |a - b| over max |b| (1 if b is all zero), per pair of arrays. */
function relError(a: Float32Array[], b: Float32Array[]): number {
  let worst = 0;
  for (const [k, ref] of b.entries()) {
    const got = a[k] as Float32Array;
    expect(got.length).toBe(ref.length);
    let scale = 0;
    let diff = 0;
    for (let i = 0; i < ref.length; i++) {
      scale = Math.max(scale, Math.abs(ref[i] as number));
      diff = Math.max(diff, Math.abs((got[i] as number) - (ref[i] as number)));
    }
    worst = Math.max(worst, diff / (scale || 1));
  }
  return worst;
}

/** The gradients of `sum(f(x, w) · dy)` for x and w, with dy fixed. */
function gradsOf(
  f: (x: tf.Tensor, w: tf.Tensor) => tf.Tensor,
  xShape: number[],
  wShape: number[],
): () => tf.Tensor[] {
  return () => {
    const x = rand(xShape, 1);
    const w = rand(wShape, 2);
    const yShape = f(x, w).shape;
    const dy = rand(yShape, 3);
    return tf.grads((a: tf.Tensor, b: tf.Tensor) => f(a, b))([x, w], dy);
  };
}

type Pad = 'same' | 'valid' | number | [[0, 0], [number, number], [number, number], [0, 0]];

interface Case {
  batch: number;
  size: [number, number];
  filter: [number, number];
  cin: number;
  cout: number;
  strides: number | [number, number];
  pad: Pad;
}

const label = (c: Case) =>
  `b${c.batch} ${c.size.join('x')}x${c.cin} filter ${c.filter.join('x')}->${c.cout} ` +
  `strides ${JSON.stringify(c.strides)} pad ${JSON.stringify(c.pad)}`;

/** Whether the forward convolution of `c` has at least one output (tfjs's shape rules). */
function hasOutput(c: Case): boolean {
  const info = tf.backend_util.computeConv2DInfo(
    [c.batch, ...c.size, c.cin],
    [...c.filter, c.cin, c.cout],
    c.strides,
    1,
    c.pad,
  );
  return info.outHeight > 0 && info.outWidth > 0;
}

/**
 * conv2d cases: strides 1-3 (and mixed), paddings 'same', 'valid', a number and explicit, odd and
 * even sizes, filters square and not, channels in 1-4 and out 1-4, batch 1-3. A number as padding
 * goes with square filters and equal strides only: tfjs then computes both output sizes from the
 * filter's height and the stride along the height, and wasm's own forward Conv2D writes past its
 * output otherwise (a tfjs bug outside these kernels).
 */
function conv2dCases(): Case[] {
  const cases: Case[] = [];
  const sizes: [number, number][] = [
    [5, 7],
    [6, 6],
    [1, 4],
    [9, 3],
  ];
  const filters: [number, number][] = [
    [3, 3],
    [2, 1],
    [1, 3],
    [2, 2],
  ];
  const pads: Pad[] = [
    'same',
    'valid',
    1,
    [
      [0, 0],
      [1, 2],
      [0, 1],
      [0, 0],
    ],
  ];
  let k = 0;
  for (const strides of [1, 2, 3, [1, 2], [3, 1]] as const) {
    for (const pad of pads) {
      for (const size of sizes) {
        for (const filter of filters) {
          if (typeof pad === 'number' && (filter[0] !== filter[1] || Array.isArray(strides))) {
            continue;
          }
          k++;
          const c: Case = {
            batch: 1 + (k % 3),
            size,
            filter,
            cin: 1 + (k % 4),
            cout: 1 + ((k * 3) % 4),
            strides: typeof strides === 'number' ? strides : [strides[0], strides[1]],
            pad,
          };
          if (hasOutput(c)) cases.push(c);
        }
      }
    }
  }
  return cases;
}

describe('wasm convolution gradients equal cpu gradients', () => {
  it('conv2d: for the input and the filter, over strides, paddings, sizes, channels, batches', async () => {
    const cases = conv2dCases();
    expect(cases.length).toBeGreaterThan(200);
    let worst = 0;
    for (const c of cases) {
      const f = (x: tf.Tensor, w: tf.Tensor) =>
        tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, c.strides, c.pad);
      const grads = gradsOf(f, [c.batch, ...c.size, c.cin], [...c.filter, c.cin, c.cout]);
      const cpu = await on('cpu', grads);
      const wasm = await on('wasm', grads);
      const err = relError(wasm, cpu);
      expect(err, label(c)).toBeLessThanOrEqual(RTOL);
      worst = Math.max(worst, err);
    }
    expect(worst).toBeLessThan(RTOL);
  });

  it('conv2d with dimRoundingMode: the filter gradient counts every output the forward made', async () => {
    // tfjs's conv2d gradient does not pass dimRoundingMode on; 'round' and 'ceil' make a last row
    // or column that reads past x. Plain loops over dy give the exact filter gradient (cpu's
    // kernel leaves that row and column out, so it is not the reference here).
    for (const rounding of ['floor', 'round', 'ceil'] as const) {
      for (const strides of [2, 3]) {
        const xShape: Shape4 = [2, 6, 7, 2];
        const fShape: Shape4 = [2, 2, 2, 3];
        const info = tf.backend_util.computeConv2DInfo(xShape, fShape, strides, 1, 0, rounding);
        const x = values(sizeOf(xShape), 1);
        const dy = values(sizeOf(info.outShape), 2);
        const geometry: [number, number, number, number, number, number] = [
          strides,
          strides,
          1,
          1,
          0,
          0,
        ];
        const want = reference(x, xShape, dy, info.outShape, fShape, geometry, false).dFilter;
        const [got] = await on('wasm', () => [
          tf.grad((w: tf.Tensor) =>
            tf.conv2d(
              tf.tensor(x, xShape) as tf.Tensor4D,
              w as tf.Tensor4D,
              strides,
              0,
              'NHWC',
              1,
              rounding,
            ),
          )(tf.tensor(values(sizeOf(fShape), 3), fShape), tf.tensor(dy, info.outShape)),
        ]);
        expect(
          relError([got as Float32Array], [want]),
          `${rounding} ${strides}`,
        ).toBeLessThanOrEqual(RTOL);
      }
    }
  });

  it('conv1d: strides 1-3, paddings same, valid and explicit, channels 1-4, batch 1-3', async () => {
    let n = 0;
    for (const stride of [1, 2, 3]) {
      for (const pad of [
        'same',
        'valid',
        [
          [0, 0],
          [0, 0],
          [2, 1],
          [0, 0],
        ],
      ] as const) {
        for (const [width, fw] of [
          [7, 3],
          [8, 2],
          [5, 5],
          [11, 1],
        ] as const) {
          n++;
          const batch = 1 + (n % 3);
          const cin = 1 + (n % 4);
          const cout = 1 + ((n * 3) % 4);
          const f = (x: tf.Tensor, w: tf.Tensor) =>
            tf.conv1d(x as tf.Tensor3D, w as tf.Tensor3D, stride, pad as Pad);
          const grads = gradsOf(f, [batch, width, cin], [fw, cin, cout]);
          const err = relError(await on('wasm', grads), await on('cpu', grads));
          const what = `conv1d w${width} f${fw} s${stride} ${JSON.stringify(pad)}`;
          expect(err, what).toBeLessThanOrEqual(RTOL);
        }
      }
    }
    expect(n).toBe(36);
  });

  it('dilations 2: the gradient is refused by tfjs on both backends with the same error', async () => {
    const message = async (backend: string, f: () => tf.Tensor[]) => {
      try {
        await on(backend, f);
        return 'no error';
      } catch (e) {
        return (e as Error).message;
      }
    };
    const conv2d = gradsOf(
      (x, w) => tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, 'same', 'NHWC', 2),
      [2, 7, 7, 2],
      [3, 3, 2, 3],
    );
    const conv1d = gradsOf(
      (x, w) => tf.conv1d(x as tf.Tensor3D, w as tf.Tensor3D, 1, 'valid', 'NWC', 2),
      [2, 9, 2],
      [3, 2, 3],
    );
    for (const f of [conv2d, conv1d]) {
      const cpu = await message('cpu', f);
      expect(cpu).toMatch(/dilation rates greater than 1/);
      expect(await message('wasm', f)).toBe(cpu);
    }
  });

  it('depthwiseConv2d: strides 1-2, paddings, channel multipliers 1-3', async () => {
    let n = 0;
    for (const strides of [1, 2, [2, 1]] as const) {
      for (const pad of [
        'same',
        'valid',
        [
          [0, 0],
          [2, 0],
          [1, 1],
          [0, 0],
        ],
      ] as const) {
        for (const [size, filter] of [
          [
            [5, 7],
            [3, 3],
          ],
          [
            [6, 4],
            [2, 1],
          ],
          [
            [1, 5],
            [1, 2],
          ],
        ] as const) {
          n++;
          const batch = 1 + (n % 3);
          const cin = 1 + (n % 3);
          const mult = 1 + ((n * 2) % 3);
          const f = (x: tf.Tensor, w: tf.Tensor) =>
            tf.depthwiseConv2d(
              x as tf.Tensor4D,
              w as tf.Tensor4D,
              typeof strides === 'number' ? strides : [strides[0], strides[1]],
              pad as Pad,
            );
          const grads = gradsOf(f, [batch, ...size, cin], [...filter, cin, mult]);
          const err = relError(await on('wasm', grads), await on('cpu', grads));
          expect(err, `depthwise ${n}`).toBeLessThanOrEqual(RTOL);
        }
      }
    }
    expect(n).toBe(27);
  });

  it('separableConv2d: its depthwise and pointwise filters and its input', async () => {
    for (const [strides, pad] of [
      [1, 'same'],
      [2, 'valid'],
    ] as const) {
      const grads = () => {
        const x = rand([2, 7, 6, 3], 1);
        const d = rand([3, 3, 3, 2], 2);
        const p = rand([1, 1, 6, 4], 3);
        const f = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) =>
          tf.separableConv2d(a as tf.Tensor4D, b as tf.Tensor4D, c as tf.Tensor4D, strides, pad);
        const dy = rand(f(x, d, p).shape, 4);
        return tf.grads(f)([x, d, p], dy);
      };
      expect(relError(await on('wasm', grads), await on('cpu', grads))).toBeLessThanOrEqual(RTOL);
    }
  });

  it('Conv2DBackpropFilter with dataFormat NCHW equals NHWC', async () => {
    const filterShape: [number, number, number, number] = [3, 2, 3, 4];
    const run = () => {
      const x = rand([2, 6, 5, 3], 1);
      const info = tf.backend_util.computeConv2DInfo(
        x.shape as [number, number, number, number],
        filterShape,
        2,
        1,
        'same',
      );
      const dy = rand(info.outShape, 2);
      const attrs = { strides: 2, pad: 'same', filterShape };
      const nhwc = tf
        .engine()
        .runKernel(
          'Conv2DBackpropFilter',
          { x, dy },
          { ...attrs, dataFormat: 'NHWC' },
        ) as tf.Tensor;
      const nchw = tf
        .engine()
        .runKernel(
          'Conv2DBackpropFilter',
          { x: tf.transpose(x, [0, 3, 1, 2]), dy: tf.transpose(dy, [0, 3, 1, 2]) },
          { ...attrs, dataFormat: 'NCHW' },
        ) as tf.Tensor;
      return [nhwc, nchw];
    };
    const [nhwc, nchw] = await on('wasm', run);
    expect(relError([nchw as Float32Array], [nhwc as Float32Array])).toBeLessThanOrEqual(RTOL);
    const [cpu] = await on('cpu', run);
    expect(relError([nhwc as Float32Array], [cpu as Float32Array])).toBeLessThanOrEqual(RTOL);
  });

  it('frees every intermediate tensor (no data left on the backend)', async () => {
    await tf.setBackend('wasm');
    const x = rand([2, 7, 7, 3], 1);
    const w = rand([3, 3, 3, 2], 2);
    const dw = rand([3, 3, 3, 2], 3);
    const run = () => {
      const g1 = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same'),
      )([x, w]);
      const g2 = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same'),
      )([x, dw]);
      tf.dispose([...g1, ...g2]);
    };
    run(); // warm up
    const tensors = tf.memory().numTensors;
    const data = tf.backend().numDataIds();
    run();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.backend().numDataIds()).toBe(data);
    tf.dispose([x, w, dw]);
  });

  it('gives zeros for an empty dy, as cpu does', async () => {
    const run = () => [
      tf
        .engine()
        .runKernel(
          'Conv2DBackpropFilter',
          { x: rand([2, 1, 4, 3], 1), dy: tf.zeros([2, 0, 4, 2]) },
          { strides: 1, pad: 'valid', dataFormat: 'NHWC', filterShape: [2, 1, 3, 2] },
        ) as tf.Tensor,
    ];
    const [wasm] = await on('wasm', run);
    expect(Array.from(wasm as Float32Array)).toEqual(new Array(12).fill(0));
    expect(await on('cpu', run)).toEqual([wasm]);
  });
});

/** Plain loops: the gradients of a dilated, strided, padded (top, left) convolution. */
type Shape4 = [number, number, number, number];

function reference(
  x: Float32Array,
  [b, h, w, c]: Shape4,
  dy: Float32Array,
  [, oh, ow, k]: Shape4,
  [fh, fw, , m]: Shape4,
  [sh, sw, dh, dw, top, left]: [number, number, number, number, number, number],
  depthwise: boolean,
  filter?: Float32Array,
): { dFilter: Float32Array; dInput: Float32Array } {
  const dFilter = new Float32Array(fh * fw * c * m);
  const dInput = new Float32Array(b * h * w * c);
  for (let n = 0; n < b; n++) {
    for (let i = 0; i < oh; i++) {
      for (let j = 0; j < ow; j++) {
        for (let p = 0; p < fh; p++) {
          const r = i * sh + p * dh - top;
          if (r < 0 || r >= h) continue;
          for (let q = 0; q < fw; q++) {
            const s = j * sw + q * dw - left;
            if (s < 0 || s >= w) continue;
            for (let ci = 0; ci < c; ci++) {
              const xi = ((n * h + r) * w + s) * c + ci;
              for (let o = 0; o < m; o++) {
                if (!depthwise && o >= k) break;
                const out = depthwise ? ci * m + o : o;
                const g = dy[((n * oh + i) * ow + j) * k + out] as number;
                const fi = ((p * fw + q) * c + ci) * m + o;
                dFilter[fi] = (dFilter[fi] as number) + (x[xi] as number) * g;
                if (filter) dInput[xi] = (dInput[xi] as number) + (filter[fi] as number) * g;
              }
            }
          }
        }
      }
    }
  }
  return { dFilter, dInput };
}

describe('the wasm kernels called with dilations (tfjs gradients never pass them)', () => {
  const cases = [
    { x: [2, 9, 8, 2], f: [3, 3, 2, 3], strides: 1, dilations: 2, pad: 'same' },
    { x: [1, 7, 9, 3], f: [2, 3, 3, 2], strides: 1, dilations: [2, 1], pad: 'valid' },
    { x: [3, 8, 8, 1], f: [3, 2, 1, 2], strides: 1, dilations: [1, 3], pad: 'same' },
    {
      x: [2, 6, 7, 2],
      f: [2, 2, 2, 1],
      strides: 1,
      dilations: 2,
      pad: [
        [0, 0],
        [1, 0],
        [2, 1],
        [0, 0],
      ],
    },
  ] as const;

  for (const [index, c] of cases.entries()) {
    it(`case ${index}: filter and input gradients equal plain loops`, async () => {
      await tf.setBackend('wasm');
      const xShape = [...c.x] as [number, number, number, number];
      const fShape = [...c.f] as [number, number, number, number];
      const pad = c.pad as Pad;
      const dilations = (typeof c.dilations === 'number' ? c.dilations : [...c.dilations]) as
        | number
        | [number, number];
      for (const depthwise of [false, true]) {
        const info = tf.backend_util.computeConv2DInfo(
          xShape,
          fShape,
          c.strides,
          dilations,
          pad,
          undefined,
          depthwise,
        );
        const x = values(sizeOf(xShape), 1);
        const dy = values(sizeOf(info.outShape), 2);
        const filter = values(sizeOf(fShape), 3);
        const geometry: [number, number, number, number, number, number] = [
          info.strideHeight,
          info.strideWidth,
          info.dilationHeight,
          info.dilationWidth,
          info.padInfo.top,
          info.padInfo.left,
        ];
        const want = reference(x, xShape, dy, info.outShape, fShape, geometry, depthwise, filter);
        const attrs = { strides: c.strides, pad, dilations };
        const got = tf.tidy(() => {
          const xt = tf.tensor(x, xShape);
          const dyt = tf.tensor(dy, info.outShape);
          const ft = tf.tensor(filter, fShape);
          const dF = tf
            .engine()
            .runKernel(
              depthwise ? 'DepthwiseConv2dNativeBackpropFilter' : 'Conv2DBackpropFilter',
              { x: xt, dy: dyt },
              { ...attrs, filterShape: fShape, dataFormat: 'NHWC' },
            ) as tf.Tensor;
          const out = [dF.dataSync() as Float32Array];
          if (depthwise) {
            const dX = tf
              .engine()
              .runKernel(
                'DepthwiseConv2dNativeBackpropInput',
                { dy: dyt, filter: ft },
                { ...attrs, inputShape: xShape },
              ) as tf.Tensor;
            out.push(dX.dataSync() as Float32Array);
          }
          return out;
        });
        const expected = depthwise ? [want.dFilter, want.dInput] : [want.dFilter];
        expect(relError(got, expected), `depthwise ${depthwise}`).toBeLessThanOrEqual(RTOL);
      }
    });
  }
});

/** A conv net of `kind` with seeded weights, compiled with SGD. */
function convnet(kind: 'conv2d' | 'conv1d' | 'separable') {
  const init = (seed: number) => initializers.glorotUniform({ seed });
  const model = sequential();
  if (kind === 'conv1d') {
    model.add(
      layers.conv1d({
        filters: 4,
        kernelSize: 3,
        activation: 'relu',
        padding: 'same',
        inputShape: [12, 2],
        kernelInitializer: init(1),
      }),
    );
    model.add(layers.conv1d({ filters: 3, kernelSize: 2, strides: 2, kernelInitializer: init(2) }));
  } else if (kind === 'conv2d') {
    model.add(
      layers.conv2d({
        filters: 4,
        kernelSize: 3,
        activation: 'relu',
        padding: 'same',
        inputShape: [10, 9, 1],
        kernelInitializer: init(1),
      }),
    );
    model.add(layers.maxPooling2d({ poolSize: 2 }));
    model.add(layers.conv2d({ filters: 6, kernelSize: 2, strides: 2, kernelInitializer: init(2) }));
  } else {
    model.add(
      layers.separableConv2d({
        filters: 4,
        kernelSize: 3,
        depthMultiplier: 2,
        activation: 'relu',
        inputShape: [9, 9, 2],
        depthwiseInitializer: init(1),
        pointwiseInitializer: init(2),
      }),
    );
    model.add(layers.depthwiseConv2d({ kernelSize: 2, strides: 2, depthwiseInitializer: init(4) }));
  }
  model.add(layers.flatten());
  model.add(layers.dense({ units: 3, activation: 'softmax', kernelInitializer: init(3) }));
  model.compile({ optimizer: tf.train.sgd(0.1), loss: 'categoricalCrossentropy' });
  return model;
}

describe('small conv nets train on wasm as on cpu', () => {
  for (const kind of ['conv2d', 'conv1d', 'separable'] as const) {
    it(`${kind}: the same losses over 3 steps`, async () => {
      const losses = async (backend: string) => {
        await tf.setBackend(backend);
        const model = convnet(kind);
        const inputShape = model.inputs[0]?.shape.slice(1) as number[];
        const x = rand([6, ...inputShape], 7);
        const y = tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32'), 3);
        const out: number[] = [];
        for (let step = 0; step < 3; step++) out.push((await model.trainOnBatch(x, y)) as number);
        tf.dispose([x, y]);
        model.dispose();
        return out;
      };
      const cpu = await losses('cpu');
      const wasm = await losses('wasm');
      expect(cpu[2]).toBeLessThan(cpu[0] as number); // it learns
      for (const [i, l] of cpu.entries()) {
        expect(Math.abs((wasm[i] as number) - l) / Math.abs(l)).toBeLessThanOrEqual(RTOL);
      }
    });
  }
});

describe('registration', () => {
  const names = WASM_CONV_BACKPROP_KERNELS.map((k) => k.kernelName);

  it('registers the three kernels wasm 4.22 lacks, and wasm has Conv2DBackpropInput', () => {
    expect(names).toEqual([
      'Conv2DBackpropFilter',
      'DepthwiseConv2dNativeBackpropFilter',
      'DepthwiseConv2dNativeBackpropInput',
    ]);
    for (const config of WASM_CONV_BACKPROP_KERNELS) {
      expect(tf.getKernel(config.kernelName, 'wasm')?.kernelFunc).toBe(config.kernelFunc);
    }
    expect(tf.getKernel('Conv2DBackpropInput', 'wasm')).toBeDefined();
    expect(tf.getKernel('Conv2DBackpropFilter', 'cpu')?.kernelFunc).not.toBe(
      WASM_CONV_BACKPROP_KERNELS[0]?.kernelFunc,
    );
  });

  it('is skipped for a kernel the wasm backend already has', () => {
    const own = () => {
      throw new Error('the backend own kernel');
    };
    for (const name of names) tf.unregisterKernel(name, 'wasm');
    try {
      tf.registerKernel({
        kernelName: 'Conv2DBackpropFilter',
        backendName: 'wasm',
        kernelFunc: own,
      });
      expect(registerWasmConvBackprop()).toEqual([
        'DepthwiseConv2dNativeBackpropFilter',
        'DepthwiseConv2dNativeBackpropInput',
      ]);
      expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')?.kernelFunc).toBe(own);
      expect(registerWasmConvBackprop()).toEqual([]);
    } finally {
      for (const name of names) tf.unregisterKernel(name, 'wasm');
      for (const config of WASM_CONV_BACKPROP_KERNELS) tf.registerKernel(config);
    }
  });

  it('works when the wasm backend is imported after tfjs-noise (in a child process)', async () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const script = join(here, 'fixtures', 'wasm_after_import.ts');
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', script],
        { cwd: join(here, '..'), encoding: 'utf8' },
        (error, out, stderr) =>
          error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(out),
      );
    });
    const result = JSON.parse(stdout.trim().split('\n').pop() as string);
    expect(result).toEqual({
      wasmRegisteredAtImport: false,
      kernelRegisteredAtImport: true,
      backend: 'wasm',
      // The filter gradient of a 3x3 'same' convolution of ones by ones on a 3x3 image: how many
      // outputs each filter tap reaches.
      dFilter: [4, 6, 4, 6, 9, 6, 4, 6, 4],
    });
  });
});
