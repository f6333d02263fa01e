'use strict';
// Peak memory of one ONNX Runtime (CPU) session, measured from the process's own /proc/self/status, in a fresh
// process per measurement. Prints one JSON line.
//
// usage: node --expose-gc ort_peak.js MODEL.onnx BATCH [VARIANT]
//   VARIANT: default | no_arena | no_mempattern | no_arena_no_mempattern | opt_disabled | no_arena_opt_disabled |
//            no_prepack
//   ORT_NODE_DIR: the npm prefix holding node_modules/onnxruntime-node (default .cache/onnxruntime-node)
//
// Phases, each preceded by a garbage collection and a reset of the high-water mark (`5` into
// /proc/self/clear_refs sets VmHWM back to the current VmRSS):
//   create  InferenceSession.create(file): reads the file, builds the graph, optimises it, places the weights
//           and pre-packs them (MLAS GEMM/conv layouts) unless the variant says otherwise
//   input   the caller's input tensor, random floats, batch B (fixed-batch files take B = 1 only)
//   run1    the first session.run (the memory-pattern planner records the allocation pattern here)
//   run2    the second, warm run (with memory patterns: one planned block per run)
// For each phase: VmRSS before and after, VmHWM at the end; deltas in bytes (the kernel counts KiB).
const fs = require('fs');
const path = require('path');

const RUNS = Number(process.env.ORT_RUNS || 3);

const VARIANTS = {
  default: {},
  no_arena: { enableCpuMemArena: false },
  no_mempattern: { enableMemPattern: false },
  no_arena_no_mempattern: { enableCpuMemArena: false, enableMemPattern: false },
  opt_disabled: { graphOptimizationLevel: 'disabled' },
  // The allocation planner alone on the graph as stored: no arena, no fusions or layout changes.
  no_arena_opt_disabled: { enableCpuMemArena: false, graphOptimizationLevel: 'disabled' },
  no_prepack: { extra: { session: { disable_prepacking: '1' } } },
};

function statusKib() {
  const out = {};
  for (const line of fs.readFileSync('/proc/self/status', 'utf8').split('\n')) {
    const m = /^(VmRSS|VmHWM|RssAnon|RssFile):\s+(\d+) kB/.exec(line);
    if (m) out[m[1]] = Number(m[2]);
  }
  return out;
}

function settle() {
  if (global.gc) {
    global.gc();
    global.gc();
  }
}

function resetHighWaterMark() {
  fs.writeFileSync('/proc/self/clear_refs', '5');
}

// Runs fn between two status readings; the high-water mark is reset first, so hwm - before is the phase's peak.
async function phase(fn) {
  settle();
  resetHighWaterMark();
  const before = statusKib();
  const value = await fn();
  const end = statusKib();
  settle();
  const after = statusKib();
  return {
    value,
    record: {
      rss_before_bytes: before.VmRSS * 1024,
      hwm_bytes: end.VmHWM * 1024,
      rss_after_bytes: after.VmRSS * 1024,
      peak_delta_bytes: (end.VmHWM - before.VmRSS) * 1024,
      retained_delta_bytes: (after.VmRSS - before.VmRSS) * 1024,
      rss_anon_before_bytes: before.RssAnon * 1024,
      rss_anon_after_bytes: after.RssAnon * 1024,
      // Pages of the library's code touched for the first time show up in RssFile; they are not activations.
      rss_file_delta_bytes: (after.RssFile - before.RssFile) * 1024,
    },
  };
}

function inputFor(ort, session, batch) {
  const meta = session.inputMetadata[0];
  const dims = meta.shape.map((d, i) => (typeof d === 'number' && d > 0 ? d : i === 0 ? batch : NaN));
  if (dims.some(d => Number.isNaN(d))) throw new Error('input has a symbolic axis other than the batch: ' + meta.shape);
  if (dims[0] !== batch) {
    throw new Error(`the file fixes the batch at ${dims[0]}; batch ${batch} needs the dynamic-batch export`);
  }
  const count = dims.reduce((a, b) => a * b, 1);
  const data = new Float32Array(count);
  for (let i = 0; i < count; i++) data[i] = Math.random() * 2 - 1;
  return { name: meta.name, tensor: new ort.Tensor('float32', data, dims), dims };
}

async function main() {
  const [modelPath, batchText, variantName = 'default'] = process.argv.slice(2);
  const batch = Number(batchText);
  if (!modelPath || !(batch > 0) || !VARIANTS[variantName]) {
    throw new Error('usage: node --expose-gc ort_peak.js MODEL.onnx BATCH [' + Object.keys(VARIANTS).join('|') + ']');
  }
  const ortDir = path.resolve(process.env.ORT_NODE_DIR || '.cache/onnxruntime-node');
  const ort = require(path.join(ortDir, 'node_modules', 'onnxruntime-node'));
  const ortVersion = JSON.parse(fs.readFileSync(path.join(ortDir, 'node_modules', 'onnxruntime-node', 'package.json'))).version;
  // Defaults of the Node.js binding, made explicit; one intra-op thread, sequential execution.
  const options = Object.assign({
    executionProviders: ['cpu'],
    graphOptimizationLevel: 'all',
    enableCpuMemArena: true,
    enableMemPattern: true,
    executionMode: 'sequential',
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
  }, VARIANTS[variantName]);

  const baseline = statusKib();
  const create = await phase(() => ort.InferenceSession.create(modelPath, options));
  const session = create.value;
  const input = await phase(() => inputFor(ort, session, batch));
  const feeds = { [input.value.name]: input.value.tensor };
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const run = await phase(async () => {
      const results = await session.run(feeds);
      return Object.values(results).reduce((a, t) => a + t.data.byteLength, 0);
    });
    run.record.output_bytes = run.value;
    // The quantity modelcost predicts: the peak above what the caller holds once the session exists and the
    // input is built (weights placed, pre-packed copies made, input filled).
    run.record.peak_above_post_creation_bytes = run.record.hwm_bytes - input.record.rss_after_bytes;
    runs.push(run.record);
  }
  const st = fs.statSync(modelPath);
  const inputBytes = input.value.dims.reduce((a, b) => a * b, 1) * 4;
  process.stdout.write(JSON.stringify({
    runtime: 'onnxruntime',
    runtime_version: 'onnxruntime-node ' + ortVersion,
    node_version: process.version,
    model_file: path.basename(modelPath),
    model_file_bytes: st.size,
    batch,
    variant: variantName,
    session_options: options,
    input_dims: input.value.dims,
    input_bytes: inputBytes,
    baseline_rss_bytes: baseline.VmRSS * 1024,
    create: create.record,
    input: input.record,
    runs,
    malloc_env: {
      MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_ || null,
      MALLOC_TRIM_THRESHOLD_: process.env.MALLOC_TRIM_THRESHOLD_ || null,
    },
  }) + '\n');
}

main().catch(e => {
  process.stderr.write(String((e && e.stack) || e) + '\n');
  process.exit(2);
});
