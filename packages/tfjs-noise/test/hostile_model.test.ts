/**
 * Hostile model.json: topologies with wrong types, non-finite numbers, negative or enormous
 * sizes, missing fields and __proto__/constructor keys in our layers' configs. Loading must
 * fail with a clear error (or load safely), never pollute prototypes, never hang.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tfn from '../src/index';

type Json = Record<string, unknown>;
let topology: Json;
const results: string[] = [];
let pollutionChecks = 0;
let polluted = 0;

beforeAll(async () => {
  const model = tfl.sequential();
  model.add(tfn.layers.gaussianJitter({ stddev: [0.1, 0.2, 0.3], seed: 1, inputShape: [3] }));
  model.add(
    tfn.layers.weightNoise({ layer: tfl.layers.dense({ units: 4 }), stddev: 0.1, seed: 2 }),
  );
  model.add(tfn.layers.noisyActivation({ activation: 'hardTanh', seed: 3 }));
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      topology = artifacts.modelTopology as Json;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
});

afterAll(() => {
  const rejected = results.filter((r) => r === 'rejected').length;
  console.log(
    `hostile model.json (${tf.getBackend()}): ${results.length} files tried, ${rejected} rejected ` +
      `with an error, ${pollutionChecks} prototype checks, ${polluted} polluted`,
  );
});

/** A deep copy of the topology with `edit` applied to layer `index`'s config. */
function mutated(index: number, edit: (config: Json) => void): Json {
  const copy = JSON.parse(JSON.stringify(topology)) as Json;
  const layers = (copy.config as Json).layers as Json[];
  edit((layers[index] as Json).config as Json);
  return copy;
}

async function load(modelTopology: Json): Promise<tfl.LayersModel> {
  return tfl.loadLayersModel(tf.io.fromMemory({ modelTopology }));
}

const JITTER = 0;
const WEIGHT = 1;
const ACTIVATION = 2;

describe('hostile model.json', () => {
  it('loads the untouched topology', async () => {
    const model = await load(topology);
    expect(model.layers.map((l) => l.getClassName())).toEqual([
      'GaussianJitter',
      'WeightNoise',
      'NoisyActivation',
    ]);
  });

  const cases: [string, number, (c: Json) => void, RegExp][] = [
    [
      'string stddev',
      JITTER,
      (c) => {
        c.stddev = 'abc';
      },
      /GaussianJitter: `stddev` must be .*got "abc"/,
    ],
    [
      'NaN stddev',
      JITTER,
      (c) => {
        c.stddev = Number.NaN;
      },
      /GaussianJitter: `stddev` .*got NaN/,
    ],
    [
      'Infinity in a stddev array',
      JITTER,
      (c) => {
        c.stddev = [0.1, Number.POSITIVE_INFINITY, 0.1];
      },
      /`stddev\[1\]` .*got Infinity/,
    ],
    [
      'negative stddev',
      JITTER,
      (c) => {
        c.stddev = -1;
      },
      /got -1/,
    ],
    [
      'stddev array of the wrong length',
      JITTER,
      (c) => {
        c.stddev = new Array(1000).fill(0.1);
      },
      /one value per feature \(3 features/,
    ],
    [
      'object as mode',
      JITTER,
      (c) => {
        c.mode = { evil: true };
      },
      /`mode` must be one of .*got \{"evil":true\}/,
    ],
    [
      'seed 1e300',
      JITTER,
      (c) => {
        c.seed = 1e300;
      },
      /`seed` must be a safe integer.*1e\+300/,
    ],
    [
      'missing inner layer',
      WEIGHT,
      (c) => {
        delete c.layer;
      },
      /`layer.className` must be a registered layer class, but got undefined/,
    ],
    [
      'unknown inner class',
      WEIGHT,
      (c) => {
        (c.layer as Json).class_name = 'EvilLayer';
      },
      /`layer.className` must be a registered layer class, but got "EvilLayer"/,
    ],
    [
      'inner layer of the wrong kind',
      WEIGHT,
      (c) => {
        c.layer = { class_name: 'Flatten', config: {} };
      },
      /`layer` must be a layer with a kernel to perturb .* got Flatten/,
    ],
    [
      'negative units',
      WEIGHT,
      (c) => {
        ((c.layer as Json).config as Json).units = -5;
      },
      /units|-5|size|shape/i,
    ],
    [
      'enormous units',
      WEIGHT,
      (c) => {
        ((c.layer as Json).config as Json).units = 1e12;
      },
      /units|size|length|shape|memory|1000000000000/i,
    ],
    [
      'string stddev in WeightNoise',
      WEIGHT,
      (c) => {
        c.stddev = '0.1';
      },
      /WeightNoise: `stddev` .*got "0.1"/,
    ],
    [
      'unknown activation',
      ACTIVATION,
      (c) => {
        c.activation = 'constructor';
      },
      /NoisyActivation: `activation` must be .*got "constructor"/,
    ],
    [
      'NaN alpha',
      ACTIVATION,
      (c) => {
        c.alpha = Number.NaN;
      },
      /`alpha` must be a finite number, but got NaN/,
    ],
  ];
  // Names of Object.prototype members are not registered classes; the error names the wrapper
  // (as it is called in the file) and the field.
  for (const member of ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf']) {
    cases.push([
      `inner class named ${member}`,
      WEIGHT,
      (c) => {
        (c.layer as Json).class_name = member;
      },
      new RegExp(
        `WeightNoise "weight_noise_\\w+": \`layer.className\` must be a registered layer class, but got "${member}"`,
      ),
    ]);
  }
  cases.push(
    [
      'inner layer without a config',
      WEIGHT,
      (c) => {
        delete (c.layer as Json).config;
      },
      /WeightNoise "weight_noise_\w+": `layer.config` must be an object \(the config of the wrapped Dense\), but got undefined/,
    ],
    [
      'inner layer with a null config',
      WEIGHT,
      (c) => {
        (c.layer as Json).config = null;
      },
      /WeightNoise "weight_noise_\w+": `layer.config` must be an object .*, but got null/,
    ],
    [
      'inner layer config that is an array',
      WEIGHT,
      (c) => {
        (c.layer as Json).config = [1, 2];
      },
      /WeightNoise "weight_noise_\w+": `layer.config` must be an object .*, but got \[1,2\]/,
    ],
    [
      'inner layer that is a string',
      WEIGHT,
      (c) => {
        c.layer = 'Dense';
      },
      /WeightNoise "weight_noise_\w+": `layer` must be an object \{className, config\}, but got "Dense"/,
    ],
    [
      'inner class that is not a layer',
      WEIGHT,
      (c) => {
        (c.layer as Json).class_name = 'Adam';
      },
      /WeightNoise "weight_noise_\w+": `layer.className` must be a registered layer class, but got "Adam"/,
    ],
    [
      'inner class that is a model',
      WEIGHT,
      (c) => {
        (c.layer as Json).class_name = 'Sequential';
      },
      /WeightNoise "weight_noise_\w+": `layer` must be a layer with a kernel to perturb .* got Sequential/,
    ],
  );
  it.each(cases)('%s: a clear error', async (_name, index, edit, message) => {
    await expect(load(mutated(index, edit))).rejects.toThrow(message);
    results.push('rejected');
  });

  it('__proto__ and constructor keys in configs do not pollute prototypes', async () => {
    const pollutions: ((c: Json) => void)[] = [
      (c) => {
        Object.defineProperty(c, '__proto__', { value: { polluted: true }, enumerable: true });
      },
      (c) => {
        Object.assign(c, { constructor: { prototype: { polluted: true } } });
      },
      (c) => {
        (c.layer as Json | undefined) &&
          Object.defineProperty((c.layer as Json).config as Json, '__proto__', {
            value: { polluted: true },
            enumerable: true,
          });
      },
    ];
    for (const [i, pollute] of pollutions.entries()) {
      for (const index of [JITTER, WEIGHT, ACTIVATION]) {
        if (i === 2 && index !== WEIGHT) continue;
        // Through JSON text, as a model.json file would arrive: JSON.parse keeps __proto__ as an own key.
        const json = JSON.parse(JSON.stringify(mutated(index, pollute)));
        try {
          const model = await load(json);
          model.dispose();
          results.push('loaded');
        } catch (e) {
          expect(e).toBeInstanceOf(Error);
          results.push('rejected');
        }
        pollutionChecks++;
        if (
          ({} as Json).polluted !== undefined ||
          (Object.prototype as Json).polluted !== undefined
        ) {
          polluted++;
        }
        expect(({} as Json).polluted).toBeUndefined();
        expect((Object.prototype as Json).polluted).toBeUndefined();
      }
    }
  });

  it('a hostile optimizer config (AnnealedGradientNoise) gives a clear error', async () => {
    const model = tfl.sequential();
    model.add(tfl.layers.dense({ units: 1, inputShape: [2] }));
    model.compile({
      optimizer: tfn.train.annealedGradientNoise(tf.train.adam(0.01), { eta: 0.1, seed: 1 }),
      loss: 'meanSquaredError',
    });
    let artifacts: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (a) => {
        artifacts = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
      { includeOptimizer: true },
    );
    const edits: [(c: Json) => void, RegExp][] = [
      [
        (c) => {
          (c.optimizer as Json).class_name = 'EvilOptimizer';
        },
        /`optimizer.className` must be the registered class name of a tf.Optimizer .*"EvilOptimizer"/,
      ],
      [
        (c) => {
          (c.optimizer as Json).class_name = '__proto__';
        }, // tfjs camel-cases class names with underscores on load, so the value shown is tfjs's.
        /`optimizer.className` must be the registered class name of a tf.Optimizer/,
      ],
      [
        (c) => {
          c.eta = Number.NaN;
        },
        /AnnealedGradientNoise: `eta` must be a finite number >= 0, but got NaN/,
      ],
      [
        (c) => {
          c.optimizer = 'adam';
        },
        /`optimizer` must be an object \{className, config\}, but got "adam"/,
      ],
      [
        (c) => {
          c.clip_norm = -1;
        },
        /`clipNorm` must be a finite number > 0, but got -1/,
      ],
    ];
    for (const [edit, message] of edits) {
      const { weightData, ...json } = artifacts as tf.io.ModelArtifacts;
      const copy = { ...(JSON.parse(JSON.stringify(json)) as tf.io.ModelArtifacts), weightData };
      const optimizerConfig = (copy.trainingConfig as unknown as Json).optimizer_config as Json;
      edit(optimizerConfig.config as Json);
      await expect(tfl.loadLayersModel(tf.io.fromMemory(copy))).rejects.toThrow(message);
      results.push('rejected');
      expect(({} as Json).polluted).toBeUndefined();
    }
  });
});
