package dev.modelcost.core.analysis.runtime;

import dev.modelcost.core.analysis.InferredTypes;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ir.ValueInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The graph as a runtime executes it: steps in order, each reading and writing activation values whose sizes are for
 * the whole batch. Stored tensors and values known without running the model (computed shapes) are not activations:
 * ONNX Runtime folds them and PyTorch holds them as Python integers. A runtime's own graph rewrites (NCHWc layout,
 * reorders) are steps too, with {@code node} the file's node they come from.
 *
 * @param steps        in execution order
 * @param bytes        per activation value, its bytes for the batch
 * @param shapes       per activation value, its dimensions for the batch (batch axis first)
 * @param graphInputs  the caller's data inputs (held by the caller, not the runtime)
 * @param graphOutputs the values returned to the caller
 * @param complete     false when unknown shapes or dtypes left some value out
 */
record ExecGraph(
        List<Step> steps,
        Map<String, Long> bytes,
        Map<String, long[]> shapes,
        Set<String> graphInputs,
        Set<String> graphOutputs,
        boolean complete) {

    /** One kernel launch: {@code op} is the runtime's operator, {@code inputs}/{@code outputs} activation values. */
    record Step(Node node, String op, List<String> inputs, List<String> outputs) {
        Step {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
        }
    }

    ExecGraph {
        steps = List.copyOf(steps);
        bytes = Map.copyOf(bytes);
        shapes = Map.copyOf(shapes);
        graphInputs = Set.copyOf(graphInputs);
        graphOutputs = Set.copyOf(graphOutputs);
    }

    /**
     * The file's schedule with sizes for {@code multiplier} times the samples the inferred shapes hold (the analyses'
     * batch unit); {@code dtype} replaces floating-point activation types when not null (--dtype).
     */
    static ExecGraph of(Graph g, InferredTypes types, long multiplier, DType dtype) {
        Map<String, Long> bytes = new HashMap<>();
        Map<String, long[]> shapes = new HashMap<>();
        boolean[] complete = {true};
        Set<String> inputs = new LinkedHashSet<>();
        for (ValueInfo in : g.dataInputs()) {
            if (size(in.name(), types, multiplier, dtype, bytes, shapes)) {
                inputs.add(in.name());
            } else {
                complete[0] = false;
            }
        }
        List<Step> steps = new ArrayList<>();
        for (Node n : types.schedule().all()) {
            List<String> ins = new ArrayList<>();
            for (String in : n.inputs()) {
                if (bytes.containsKey(in)) {
                    ins.add(in);
                }
            }
            if (ins.isEmpty()) {
                continue; // computed from stored tensors alone: folded at load, or a parameter of the eager model
            }
            List<String> outs = new ArrayList<>();
            for (String out : n.outputs()) {
                if (out.isEmpty()
                        || types.valuesOf(out).isPresent()
                        || g.tensors().containsKey(out)) {
                    continue;
                }
                if (size(out, types, multiplier, dtype, bytes, shapes)) {
                    outs.add(out);
                } else {
                    complete[0] = false;
                }
            }
            if (!outs.isEmpty()) {
                steps.add(new Step(n, n.opType(), ins, outs));
            }
        }
        Set<String> outputs = new HashSet<>();
        g.outputs().forEach(v -> outputs.add(v.name()));
        return new ExecGraph(steps, bytes, shapes, inputs, outputs, complete[0]);
    }

    private static boolean size(
            String value,
            InferredTypes types,
            long multiplier,
            DType dtype,
            Map<String, Long> bytes,
            Map<String, long[]> shapes) {
        TensorType t = types.typeOf(value);
        DType d = dtype != null && t.dtype().isFloating() ? dtype : t.dtype();
        if (!t.shape().isFullyKnown() || !d.hasFixedWidth()) {
            return false;
        }
        long[] dims = t.shape().sizes();
        if (dims.length > 0) {
            dims[0] = Math.multiplyExact(dims[0], multiplier);
        }
        long n = 1;
        for (long x : dims) {
            n = Math.multiplyExact(n, x);
        }
        bytes.put(value, d.bytesFor(n).getAsLong());
        shapes.put(value, dims);
        return true;
    }

    long bytesOf(String value) {
        return bytes.getOrDefault(value, 0L);
    }

    long[] shapeOf(String value) {
        long[] s = shapes.get(value);
        return s == null ? new long[0] : s.clone();
    }

    /** Per value, the step that writes it. */
    Map<String, Integer> producers() {
        Map<String, Integer> out = new HashMap<>();
        for (int k = 0; k < steps.size(); k++) {
            for (String o : steps.get(k).outputs()) {
                out.put(o, k);
            }
        }
        return out;
    }

    /** Per value, the steps that read it, in order. */
    Map<String, List<Integer>> readers() {
        Map<String, List<Integer>> out = new HashMap<>();
        for (int k = 0; k < steps.size(); k++) {
            for (String in : new LinkedHashSet<>(steps.get(k).inputs())) {
                out.computeIfAbsent(in, x -> new ArrayList<>()).add(k);
            }
        }
        return out;
    }
}
