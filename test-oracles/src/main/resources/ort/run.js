'use strict';
// The ONNX Runtime oracle's runner (OnnxRuntimeOracleTest): loads one model with onnxruntime-node, feeds
// inputs of the given shapes and element types filled with one value (0 unless "fill" says otherwise), and
// prints each output's name, element type and dims as one JSON line.
// Usage: node run.js <onnxruntime-node folder> <model.onnx> <inputs JSON>
// where inputs JSON is [{"name": ..., "dtype": "float32" | "int64" | ..., "dims": [...], "fill": 1?}, ...].
const path = require('path');
const ort = require(path.resolve(process.argv[2]));

const ARRAYS = {
  float32: Float32Array, float64: Float64Array, float16: Uint16Array, int8: Int8Array, uint8: Uint8Array,
  int16: Int16Array, uint16: Uint16Array, int32: Int32Array, uint32: Uint32Array, int64: BigInt64Array,
  uint64: BigUint64Array, bool: Uint8Array,
};

function filled(dtype, dims, value) {
  const count = dims.reduce((a, b) => a * b, 1);
  if (dtype === 'string') {
    return new Array(count).fill('');
  }
  const kind = ARRAYS[dtype];
  if (!kind) {
    throw new Error('unsupported input element type ' + dtype);
  }
  const data = new kind(count);
  if (value) {
    data.fill(kind === BigInt64Array || kind === BigUint64Array ? BigInt(value) : value);
  }
  return data;
}

async function main() {
  const specs = JSON.parse(process.argv[4]);
  // No graph optimisation: the shapes are those of the graph as stored.
  const session = await ort.InferenceSession.create(process.argv[3], { graphOptimizationLevel: 'disabled' });
  const feeds = {};
  for (const s of specs) {
    feeds[s.name] = new ort.Tensor(s.dtype, filled(s.dtype, s.dims, s.fill || 0), s.dims);
  }
  const results = await session.run(feeds);
  const outputs = session.outputNames.map(n => ({
    name: n,
    type: results[n] ? results[n].type : null,
    dims: results[n] ? Array.from(results[n].dims) : null,
  }));
  process.stdout.write(JSON.stringify({ outputs }) + '\n');
}

main().catch(e => {
  process.stderr.write(String((e && e.message) || e) + '\n');
  process.exit(2);
});
