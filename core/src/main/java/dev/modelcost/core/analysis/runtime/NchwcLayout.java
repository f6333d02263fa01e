package dev.modelcost.core.analysis.runtime;

import dev.modelcost.core.analysis.InferredTypes;
import dev.modelcost.core.ir.Node;
import dev.modelcost.core.ir.TensorType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ONNX Runtime's NCHWc layout transformer (graph optimisation level "all", fp32, CPUs with AVX-512: blocks of 16
 * channels). Convolutions with constant weights whose channels fit the blocks run on channel-blocked tensors, their
 * output channels padded up to a multiple of 16; max and average pooling of block-aligned channels too, and global
 * pooling, Add/Sum/Mul of equal shapes, channel Concat of aligned inputs, BatchNormalization and Relu/Sigmoid/Tanh when
 * their inputs are blocked already. A blocked value gets a ReorderOutput copy for each consumer that needs the plain
 * layout (one per value), a plain value a ReorderInput copy for blocked consumers; an activation after a single-use
 * blocked convolution is fused into it, and so is an Add of a second blocked operand, which the convolution then
 * accumulates into (docs/memory.md, "Runtime profiles").
 */
final class NchwcLayout {
    static final long BLOCK = 16;
    private static final String SUFFIX = "#nchwc";

    private final ExecGraph eg;
    private final InferredTypes types;
    private final Map<String, List<Integer>> readers;
    private final List<ExecGraph.Step> steps = new ArrayList<>();
    private final Map<String, Long> bytes;
    private final Map<String, long[]> shapes;
    private final Map<String, String> blocked = new HashMap<>();
    private final Set<String> plain = new HashSet<>();
    /** Blocked convolution outputs (by original value) that an activation or an Add may still fuse into. */
    private final Map<String, Integer> fusable = new HashMap<>();

    private NchwcLayout(ExecGraph eg, InferredTypes types) {
        this.eg = eg;
        this.types = types;
        this.readers = eg.readers();
        this.bytes = new HashMap<>(eg.bytes());
        this.shapes = new HashMap<>(eg.shapes());
        plain.addAll(eg.graphInputs());
    }

    /** The graph as ONNX Runtime runs it after the transformer. */
    static ExecGraph apply(ExecGraph eg, InferredTypes types) {
        NchwcLayout t = new NchwcLayout(eg, types);
        for (ExecGraph.Step s : eg.steps()) {
            if (!t.transform(s)) {
                t.plainStep(s);
            }
        }
        for (String out : eg.graphOutputs()) {
            if (eg.bytes().containsKey(out)) {
                t.toPlain(out, null);
            }
        }
        return new ExecGraph(t.steps, t.bytes, t.shapes, eg.graphInputs(), eg.graphOutputs(), eg.complete());
    }

    private boolean transform(ExecGraph.Step s) {
        Node n = s.node();
        String out = s.outputs().get(0);
        if (!n.domain().isEmpty() || s.outputs().size() != 1 || !isFloat32(out)) {
            return false;
        }
        return switch (n.opType()) {
            case "Conv" -> conv(s);
            case "MaxPool", "AveragePool" -> channels(n.input(0)) % BLOCK == 0 && pool(s, true);
            case "GlobalAveragePool", "GlobalMaxPool" -> blocked.containsKey(n.input(0))
                    && channels(n.input(0)) % BLOCK == 0
                    && pool(s, false);
            case "Relu", "Sigmoid", "Tanh" -> activation(s, true);
            case "Clip", "LeakyRelu", "HardSigmoid" -> activation(s, false);
            case "Add", "Sum", "Mul" -> binary(s);
            case "Concat" -> concat(s);
            case "BatchNormalization" -> blocked.containsKey(n.input(0)) && unary(s, "NchwcBatchNorm", true);
            default -> false;
        };
    }

    private boolean conv(ExecGraph.Step s) {
        Node n = s.node();
        TensorType w = types.typeOf(n.input(1));
        if (eg.bytes().containsKey(n.input(1))
                || !w.shape().isFullyKnown()
                || w.shape().rank() != 4) {
            return false;
        }
        long[] dims = w.shape().sizes();
        long co = dims[0];
        long cg = dims[1];
        long group = n.intAttr("group", 1);
        boolean reorderInput = true;
        if (group > 1) {
            boolean depthwise = cg == 1 && co == group;
            if (co % BLOCK != 0 || !depthwise && (cg % BLOCK != 0 || co % group != 0 || (co / group) % BLOCK != 0)) {
                return false;
            }
        } else if (cg < BLOCK) {
            reorderInput = false;
        } else if (cg % BLOCK != 0) {
            return false;
        }
        String x = n.input(0);
        String in = reorderInput ? toBlocked(x, s.node()) : toPlain(x, s.node());
        String out = s.outputs().get(0);
        emitBlocked(s.node(), "NchwcConv", List.of(in), out, co);
        fusable.put(out, steps.size() - 1);
        return true;
    }

    private boolean pool(ExecGraph.Step s, boolean reorderInput) {
        String x = s.node().input(0);
        String in = reorderInput ? toBlocked(x, s.node()) : blocked.get(x);
        emitBlocked(s.node(), "Nchwc" + s.op(), List.of(in), s.outputs().get(0), channels(x));
        return true;
    }

    private boolean activation(ExecGraph.Step s, boolean ownKernel) {
        String x = s.node().input(0);
        if (!blocked.containsKey(x)) {
            return false;
        }
        if (fusable.containsKey(x) && singleUse(x)) {
            fusable.remove(x);
            blocked.put(s.outputs().get(0), blocked.get(x)); // the convolution applies it as it writes
            return true;
        }
        return ownKernel && unary(s, s.op(), false);
    }

    private boolean unary(ExecGraph.Step s, String op, boolean fusableAfter) {
        String x = s.node().input(0);
        emitBlocked(s.node(), op, List.of(blocked.get(x)), s.outputs().get(0), channels(x));
        if (fusableAfter) {
            fusable.put(s.outputs().get(0), steps.size() - 1);
        }
        return true;
    }

    private boolean binary(ExecGraph.Step s) {
        List<String> ins = s.node().inputs();
        if (ins.size() != s.inputs().size() || ins.stream().anyMatch(i -> !blocked.containsKey(i))) {
            return false;
        }
        boolean sameShape = ins.stream().allMatch(i -> Arrays.equals(shapes.get(i), shapes.get(ins.get(0))));
        boolean sameChannels = ins.stream().allMatch(i -> channels(i) == channels(ins.get(0)));
        if (!sameChannels || !sameShape && s.op().equals("Mul")) {
            return false;
        }
        String out = s.outputs().get(0);
        if (!s.op().equals("Mul") && ins.size() == 2 && sameShape) {
            for (int a = 0; a < 2; a++) {
                Integer conv = fusable.get(ins.get(a));
                String other = blocked.get(ins.get(1 - a));
                if (conv != null && singleUse(ins.get(a)) && producedBefore(other, conv)) {
                    ExecGraph.Step c = steps.get(conv);
                    List<String> cin = new ArrayList<>(c.inputs());
                    cin.add(other);
                    steps.set(conv, new ExecGraph.Step(c.node(), "NchwcConvSum", cin, c.outputs()));
                    fusable.remove(ins.get(a));
                    blocked.put(out, blocked.get(ins.get(a)));
                    fusable.put(out, conv);
                    return true;
                }
            }
        }
        emitBlocked(s.node(), s.op(), ins.stream().map(blocked::get).toList(), out, channels(ins.get(0)));
        return true;
    }

    private boolean concat(ExecGraph.Step s) {
        List<String> ins = s.node().inputs();
        if (s.node().intAttr("axis", 0) != 1
                || ins.size() != s.inputs().size()
                || ins.stream().anyMatch(i -> !blocked.containsKey(i) || channels(i) % BLOCK != 0)) {
            return false;
        }
        String out = s.outputs().get(0);
        emitBlocked(s.node(), "Concat", ins.stream().map(blocked::get).toList(), out, channels(out));
        return true;
    }

    /** A step on plain tensors: its blocked inputs are reordered back first. */
    private void plainStep(ExecGraph.Step s) {
        List<String> ins = new ArrayList<>();
        for (String in : s.inputs()) {
            ins.add(toPlain(in, s.node()));
        }
        steps.add(new ExecGraph.Step(s.node(), s.op(), ins, s.outputs()));
        plain.addAll(s.outputs());
    }

    private void emitBlocked(Node node, String op, List<String> ins, String out, long channels) {
        String b = out + SUFFIX;
        long[] dims = shapes.get(out).clone();
        dims[1] = (channels + BLOCK - 1) / BLOCK * BLOCK;
        shapes.put(b, dims);
        bytes.put(b, Math.multiplyExact(elements(dims), Float.BYTES));
        blocked.put(out, b);
        steps.add(new ExecGraph.Step(node, op, ins, List.of(b)));
    }

    private String toBlocked(String x, Node consumer) {
        if (!blocked.containsKey(x)) {
            String b = x + SUFFIX;
            long[] dims = shapes.get(x).clone();
            dims[1] = (dims[1] + BLOCK - 1) / BLOCK * BLOCK;
            shapes.put(b, dims);
            bytes.put(b, Math.multiplyExact(elements(dims), Float.BYTES));
            blocked.put(x, b);
            steps.add(new ExecGraph.Step(consumer, "ReorderInput", List.of(x), List.of(b)));
        }
        return blocked.get(x);
    }

    private String toPlain(String x, Node consumer) {
        if (!plain.contains(x) && blocked.containsKey(x)) {
            steps.add(new ExecGraph.Step(
                    consumer == null ? steps.get(steps.size() - 1).node() : consumer,
                    "ReorderOutput",
                    List.of(blocked.get(x)),
                    List.of(x)));
            plain.add(x);
        }
        return x;
    }

    private boolean singleUse(String value) {
        return readers.getOrDefault(value, List.of()).size() == 1
                && !eg.graphOutputs().contains(value);
    }

    private boolean producedBefore(String value, int step) {
        for (int k = 0; k < step; k++) {
            if (steps.get(k).outputs().contains(value)) {
                return true;
            }
        }
        return eg.graphInputs().contains(value);
    }

    private boolean isFloat32(String value) {
        long[] dims = shapes.get(value);
        return dims != null && dims.length == 4 && elements(dims) * Float.BYTES == bytes.get(value);
    }

    private long channels(String value) {
        long[] dims = shapes.get(value);
        return dims == null || dims.length < 2 ? -1 : dims[1];
    }

    private static long elements(long[] dims) {
        long n = 1;
        for (long d : dims) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }
}
