package dev.modelcost.core.analysis;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.report.KvCacheSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Finds a decoder's KV cache: data inputs named as a past or cache state (past_*, past_key_values.*, *cache*) of
 * rank 3 to 5. Their sequence axis is the one declared with a symbol other than the batch's (past_seq_len); a
 * static cache declares no such symbol, and then the axis is the usual one: [B, L, hidden] axis 1, [B, heads, L,
 * head] axis 2, [2, B, heads, L, head] axis 3. Per token, every other axis but the batch's counts, in the stored
 * type; a leading 2 before the batch axis holds K and V of one layer, otherwise a layer has a K and a V tensor.
 */
final class KvCache {
    private KvCache() { }

    static KvCacheSummary of(Graph g, InferredTypes types, long batch) {
        Set<String> batchSymbols = ShapeInference.batchSymbols(g, Assumptions.DEFAULT);
        List<String> names = new ArrayList<>();
        long perToken = 0;
        int combined = 0;
        Long total = null;
        for (ValueInfo in : g.dataInputs()) {
            Shape declared = in.type().shape();
            if (!isCacheName(in.name()) || !declared.hasRank() || declared.rank() < 3 || declared.rank() > 5) {
                continue;
            }
            int batchAxis = axisOf(declared, batchSymbols);
            int seqAxis = sequenceAxis(declared, batchSymbols);
            OptionalLong width = in.type().dtype().bytesFor(1);
            long elements = 1;
            for (int i = 0; i < declared.rank() && width.isPresent(); i++) {
                if (i != batchAxis && i != seqAxis) {
                    if (!declared.dim(i).isFixed()) {
                        return null; // a symbolic head size: no per-token figure
                    }
                    elements = Math.multiplyExact(elements, declared.dim(i).size());
                }
            }
            if (width.isEmpty()) {
                return null;
            }
            perToken = Math.addExact(perToken, Math.multiplyExact(elements, width.getAsLong()));
            names.add(in.name());
            combined += batchAxis == 1 && declared.dim(0).isFixed() && declared.dim(0).size() == 2 ? 1 : 0;
            Long length = presentLength(g, types, in.name(), seqAxis, declared.rank());
            if (length != null && (total == null || length > total)) {
                total = length;
            }
        }
        if (names.isEmpty()) {
            return null;
        }
        int layers = Math.max(1, combined + (names.size() - combined) / 2);
        Long bytes = total == null ? null : Math.multiplyExact(Math.multiplyExact(perToken, batch), total);
        return new KvCacheSummary(layers, perToken, batch, total, bytes, names);
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

    /** The length of the cache after this step: the matching present output's sequence axis, else the past's. */
    private static Long presentLength(Graph g, InferredTypes types, String past, int seqAxis, int rank) {
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
        return best < 0 ? null : best;
    }
}
