package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TransformerShape;
import dev.modelcost.core.ir.ValueInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds a decoder's KV cache: data inputs named as a past or cache state (past_*, past_key_values.*, *cache*) of
 * rank 3 to 5. Their sequence axis is the one declared with a symbol other than the batch's (past_seq_len); a
 * static cache declares no such symbol, and then the axis is the usual one: [B, L, hidden] axis 1, [B, heads, L,
 * head] axis 2, [2, B, heads, L, head] axis 3. Per token, every other axis but the batch's counts, in the stored
 * type; a leading 2 before the batch axis holds K and V of one layer, otherwise a layer has a K and a V tensor.
 */
final class KvCache {
    private KvCache() {}

    /**
     * The decoder's cache as a {@link TransformerShape} (declared by the graph's past inputs): layers, K/V heads and head
     * size read from the cache inputs ([B, L, width] counts as one head of that width), the cache type theirs, and
     * as context the cache length of this step (the present outputs' length); null when the graph has no cache.
     */
    static TransformerShape of(Graph g, InferredTypes types) {
        Set<String> batchSymbols = ShapeInference.batchSymbols(g, Assumptions.DEFAULT);
        int inputs = 0;
        int combined = 0;
        long kvHeads = 0;
        long headDim = 0;
        DType cacheType = null;
        long total = 0;
        for (ValueInfo in : g.dataInputs()) {
            Shape declared = in.type().shape();
            if (!isCacheName(in.name()) || !declared.hasRank() || declared.rank() < 3 || declared.rank() > 5) {
                continue;
            }
            int batchAxis = axisOf(declared, batchSymbols);
            int seqAxis = sequenceAxis(declared, batchSymbols);
            boolean kAndV = batchAxis == 1
                    && declared.dim(0).isFixed()
                    && declared.dim(0).size() == 2;
            List<Long> rest = new ArrayList<>();
            for (int i = 0; i < declared.rank(); i++) {
                if (i != batchAxis && i != seqAxis && !(kAndV && i == 0)) {
                    if (!declared.dim(i).isFixed()) {
                        return null; // a symbolic head size: no per-token figure
                    }
                    rest.add(declared.dim(i).size());
                }
            }
            if (!in.type().dtype().hasFixedWidth() || rest.isEmpty() || rest.size() > 2) {
                return null;
            }
            long heads = rest.size() == 2 ? rest.get(0) : 1;
            long dim = rest.get(rest.size() - 1);
            if (inputs > 0 && (heads != kvHeads || dim != headDim || in.type().dtype() != cacheType)) {
                return null; // caches of different widths: not one transformer shape
            }
            kvHeads = heads;
            headDim = dim;
            cacheType = in.type().dtype();
            inputs++;
            combined += kAndV ? 1 : 0;
            total = Math.max(total, presentLength(g, types, in.name(), seqAxis, declared.rank()));
        }
        if (inputs == 0 || kvHeads <= 0 || headDim <= 0) {
            return null;
        }
        long layers = Math.max(1, combined + (inputs - combined) / 2);
        return new TransformerShape(
                "the graph's past/cache inputs",
                "onnx decoder",
                layers,
                0,
                0,
                kvHeads,
                headDim,
                0,
                0,
                total,
                cacheType);
    }

    static boolean isCacheName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.startsWith("past") || n.contains("cache") || n.contains(".past") || n.contains("_past");
    }

    private static int axisOf(Shape s, Set<String> symbols) {
        for (int i = 0; i < s.rank(); i++) {
            if (s.dim(i) instanceof Dim.Symbolic sym && symbols.contains(sym.name())) {
                return i;
            }
        }
        return s.rank() == 5 ? 1 : 0;
    }

    private static int sequenceAxis(Shape s, Set<String> batchSymbols) {
        for (int i = 0; i < s.rank(); i++) {
            if (!s.dim(i).isFixed() && !(s.dim(i) instanceof Dim.Symbolic sym && batchSymbols.contains(sym.name()))) {
                return i;
            }
        }
        return s.rank() == 3 ? 1 : s.rank() - 2;
    }

    /** The length of the cache after this step: the matching present output's sequence axis, else the past's; 0 unknown. */
    private static long presentLength(Graph g, InferredTypes types, String past, int seqAxis, int rank) {
        List<String> candidates = new ArrayList<>();
        for (ValueInfo out : g.outputs()) {
            String n = out.name().toLowerCase(Locale.ROOT);
            if (n.contains("present") || n.contains("cache")) {
                candidates.add(out.name());
            }
        }
        candidates.add(past);
        long best = -1;
        for (String name : candidates) {
            Shape s = types.typeOf(name).shape();
            if (s.hasRank() && s.rank() == rank && s.dim(seqAxis).isFixed()) {
                best = Math.max(best, s.dim(seqAxis).size());
            }
        }
        return Math.max(best, 0);
    }
}
