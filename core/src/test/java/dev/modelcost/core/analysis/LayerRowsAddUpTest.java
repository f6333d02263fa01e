package dev.modelcost.core.analysis;

import dev.modelcost.core.TinyGraph;
import dev.modelcost.core.ir.Attr;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ops.OpRegistry;
import dev.modelcost.core.report.LayerRow;
import dev.modelcost.core.report.ParameterUse;
import dev.modelcost.core.report.Report;
import dev.modelcost.core.spi.ImportedModel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layer rows add up to the parameter totals role by role, whatever the graph: random chains of [1, 16]
 * activations with Gemms (weight, bias), BatchNormalizations (scale/shift, statistics), Gemms that reuse an earlier
 * Gemm's tensors directly or through an Identity (shared: counted once, at the first user). The seed is in every
 * failure message.
 */
class LayerRowsAddUpTest {
    private final OpRegistry registry = OpRegistry.standard();

    private static Graph randomGraph(long seed) {
        Random rnd = new Random(seed);
        TinyGraph g = new TinyGraph().input("x", 1, 16);
        String last = "x";
        List<Integer> gemms = new ArrayList<>();
        int n = 2 + rnd.nextInt(12);
        for (int i = 0; i < n; i++) {
            String out = "v" + i;
            int kind = rnd.nextInt(5);
            if (kind <= 1 || kind == 4 && gemms.isEmpty()) {
                g.weight("W" + i, 16, 16).weight("b" + i, 16);
                g.node("Gemm", List.of(last, "W" + i, "b" + i), out, Map.of("transB", new Attr.Int(1)));
                gemms.add(i);
            } else if (kind == 2) {
                g.weight("s" + i, 16).weight("t" + i, 16).weight("m" + i, 16).weight("v" + i + "var", 16);
                g.node("Identity", List.of(last), "u" + i);
                g.node("Unsqueeze", List.of("u" + i, "axes" + i), "w" + i);
                g.ints("axes" + i, 2, 3);
                g.node("BatchNormalization", List.of("w" + i, "s" + i, "t" + i, "m" + i, "v" + i + "var"), "bn" + i);
                g.ints("flat" + i, 1, 16);
                g.node("Reshape", List.of("bn" + i, "flat" + i), out);
            } else if (kind == 3) {
                g.node("Relu", List.of(last), out);
            } else {
                int j = gemms.get(rnd.nextInt(gemms.size()));
                String w = "W" + j;
                if (rnd.nextBoolean()) {
                    g.node("Identity", List.of(w), "id" + i);
                    w = "id" + i;
                }
                g.node("Gemm", List.of(last, w, "b" + j), out, Map.of("transB", new Attr.Int(1)));
            }
            last = out;
        }
        return g.output(last).build();
    }

    @Test
    void rowsAddUpToTheTotalsRoleByRoleAndSharedTensorsAreCountedOnce() {
        int sharedSeen = 0;
        long normSeen = 0;
        for (long seed = 1; seed <= 200; seed++) {
            Graph g = randomGraph(seed);
            Report r = new ModelAnalysis(registry)
                    .analyze(
                            new ImportedModel("onnx", "random.onnx", 0, g, List.of(), Map.of(), List.of()),
                            Assumptions.DEFAULT);
            String why = "seed " + seed;
            Map<TensorRole, Long> byRole = new EnumMap<>(TensorRole.class);
            long total = 0;
            Set<String> counted = new HashSet<>();
            for (LayerRow l : r.layers()) {
                total += l.parameters();
                l.parametersByRole().forEach((role, e) -> byRole.merge(role, e, Long::sum));
                for (ParameterUse u : l.parameterUses()) {
                    if (u.counted()) {
                        assertTrue(counted.add(u.tensor()), why + ": " + u.tensor() + " counted twice");
                    } else {
                        assertTrue(counted.contains(u.tensor()), why + ": " + u.tensor() + " shared before counted");
                        sharedSeen++;
                    }
                }
                if (l.noOp()) {
                    assertEquals(0, l.parameters() + l.sharedParameters(), why + ": a view holds nothing");
                }
            }
            assertEquals(r.parameters().total(), total, why);
            normSeen += r.parameters().role(TensorRole.NORM_STATISTIC);
            for (TensorRole role : TensorRole.values()) {
                if (role.isParameter()) {
                    assertEquals(r.parameters().role(role), byRole.getOrDefault(role, 0L), why + " " + role);
                }
            }
        }
        assertTrue(sharedSeen > 20, "the graphs share tensors: " + sharedSeen);
        assertTrue(normSeen > 0, "the graphs have normalisation statistics");
    }
}
