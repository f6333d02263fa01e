package dev.modelcost.core.analysis.runtime;

import dev.modelcost.core.analysis.InferredTypes;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.RuntimeEstimate;
import dev.modelcost.core.report.RuntimeTerm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * ONNX Runtime inference on the CPU with the default session options (memory arena and memory pattern on, graph
 * optimisation "all", one intra-op thread, sequential execution): the resident memory the runs add once the session
 * exists and the caller's input is filled, which is what a process pays for them. The terms: the planner's in-place
 * rules, the NCHWc layout, the convolutions' working buffers, then the arena, which serves the first run tensor by
 * tensor from regions that grow in powers of two and keeps them, and in the second run allocates the memory
 * pattern's single block (docs/memory.md, "Runtime profiles").
 */
final class OrtInference {
    private final Graph graph;
    private final InferredTypes types;
    private final IdealAliases ideal;

    private OrtInference(Graph graph, InferredTypes types, OpRegistry registry) {
        this.graph = graph;
        this.types = types;
        this.ideal = new IdealAliases(graph, registry);
    }

    static RuntimeEstimate estimate(Graph g, InferredTypes types, OpRegistry registry, ExecGraph eg, long idealBytes) {
        OrtInference sim = new OrtInference(g, types, registry);
        List<RuntimeTerm> terms = new ArrayList<>();
        long baseline = peak(Buffers.plan(eg, sim.ideal), new long[eg.steps().size()]);
        add(terms, "valuesNotAllocated", baseline - idealBytes);
        long inPlace = peak(
                Buffers.plan(eg, new OrtAliases(sim.ideal, true)),
                new long[eg.steps().size()]);
        add(terms, "ortInPlace", inPlace - baseline);
        ExecGraph ort = NchwcLayout.apply(eg, types);
        Buffers buffers = Buffers.plan(ort, new OrtAliases(sim.ideal, true));
        long layout = peak(buffers, new long[ort.steps().size()]);
        add(terms, "nchwcLayout", layout - inPlace);
        long[] scratch = sim.workingBuffers(ort);
        long working = peak(buffers, scratch);
        add(terms, "convolutionWorkingBuffers", working - layout);
        Runs runs = runTwice(ort, buffers, scratch);
        add(terms, "arenaFirstRun", runs.first() - working);
        add(terms, "memoryPatternSecondRun", runs.second() - runs.first());
        return new RuntimeEstimate("onnxruntime", idealBytes, runs.second(), peakAt(ort, buffers, scratch), terms);
    }

    private static void add(List<RuntimeTerm> terms, String key, long bytes) {
        if (bytes != 0) {
            terms.add(new RuntimeTerm(key, bytes));
        }
    }

    /** The largest sum of live buffers and a step's working buffer. */
    private static long peak(Buffers buffers, long[] scratch) {
        long[] live = buffers.liveBytes();
        long best = 0;
        for (int k = 0; k < live.length; k++) {
            best = Math.max(best, live[k] + scratch[k]);
        }
        return best;
    }

    private static String peakAt(ExecGraph eg, Buffers buffers, long[] scratch) {
        long[] live = buffers.liveBytes();
        int at = 0;
        for (int k = 0; k < live.length; k++) {
            if (live[k] + scratch[k] > live[at] + scratch[at]) {
                at = k;
            }
        }
        return live.length == 0 ? "" : eg.steps().get(at).node().label();
    }

    private long[] workingBuffers(ExecGraph ort) {
        long[] out = new long[ort.steps().size()];
        for (int k = 0; k < out.length; k++) {
            ExecGraph.Step s = ort.steps().get(k);
            if (s.op().equals("Conv") && s.node().domain().isEmpty()) {
                ConvolutionNode c = ConvolutionNode.of(s.node(), ort, types);
                out[k] = c == null ? 0 : MlasConvolution.workingBufferBytes(c);
            }
        }
        return out;
    }

    /** Resident bytes of the arena after the first run and after the second. */
    private record Runs(long first, long second) {}

    private static Runs runTwice(ExecGraph eg, Buffers buffers, long[] scratch) {
        Map<Integer, List<Buffers.Span>> starting = new HashMap<>();
        Map<Integer, List<Buffers.Span>> ending = new HashMap<>();
        for (Buffers.Span s : buffers.spans()) {
            starting.computeIfAbsent(s.first(), k -> new ArrayList<>()).add(s);
            ending.computeIfAbsent(Math.min(s.last(), eg.steps().size()), k -> new ArrayList<>())
                    .add(s);
        }
        BfcArena arena = new BfcArena();
        MemoryPattern pattern = new MemoryPattern();
        Map<String, Long> address = new HashMap<>();
        for (int k = 0; k <= eg.steps().size(); k++) {
            for (Buffers.Span s : starting.getOrDefault(k, List.of())) {
                address.put(s.buffer(), arena.allocate(s.bytes()));
                pattern.allocate(s.buffer(), s.bytes());
            }
            if (k < scratch.length && scratch[k] > 0) {
                arena.release(arena.allocate(scratch[k]));
            }
            for (Buffers.Span s : ending.getOrDefault(k, List.of())) {
                arena.release(address.remove(s.buffer()));
                pattern.release(s.buffer());
            }
        }
        long first = arena.residentBytes();
        if (pattern.sizeBytes() > 0) {
            arena.allocate(pattern.sizeBytes());
        }
        for (long bytes : scratch) {
            if (bytes > 0) {
                arena.release(arena.allocate(bytes));
            }
        }
        return new Runs(first, arena.residentBytes());
    }
}
