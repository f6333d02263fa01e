// ONNX Runtime as a shape oracle: runs one model on inputs of the given fixed shapes (ones everywhere, so that masks,
// ids and lengths are valid) and prints every output's real dims as JSON. Usage: node oracle.js MODEL SPEC_JSON, where
// SPEC_JSON is {"inputName": {"dtype": "fp32", "shape": [1, 3]}, ...}. Run in a process of its own per model.
const ort = require('onnxruntime-node');
const fs = require('fs');

function filled(dtype, n) {
  switch (dtype) {
    case 'fp32': return ['float32', new Float32Array(n).fill(1)];
    case 'fp64': return ['float64', new Float64Array(n).fill(1)];
    case 'fp16': return ['float16', new Uint16Array(n).fill(0x3c00)];
    case 'int64': return ['int64', new BigInt64Array(n).fill(1n)];
    case 'int32': return ['int32', new Int32Array(n).fill(1)];
    case 'int8': return ['int8', new Int8Array(n).fill(1)];
    case 'uint8': return ['uint8', new Uint8Array(n).fill(1)];
    case 'bool': return ['bool', new Uint8Array(n).fill(1)];
    default: throw new Error('input type ' + dtype + ' not supported by the oracle');
  }
}

async function main() {
  const [model, specFile] = process.argv.slice(2);
  const spec = JSON.parse(fs.readFileSync(specFile, 'utf8'));
  const session = await ort.InferenceSession.create(model, { graphOptimizationLevel: 'disabled' });
  const feeds = {};
  for (const name of session.inputNames) {
    const s = spec[name];
    if (!s) throw new Error('no shape given for input ' + name);
    const n = s.shape.reduce((a, b) => a * b, 1);
    const [type, data] = filled(s.dtype, n);
    feeds[name] = new ort.Tensor(type, data, s.shape);
  }
  const results = await session.run(feeds);
  const out = {};
  for (const name of session.outputNames) {
    out[name] = results[name].dims.map(Number);
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch(e => { process.stderr.write(String(e && e.message || e)); process.exit(3); });
