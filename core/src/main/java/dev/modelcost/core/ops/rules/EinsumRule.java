package dev.modelcost.core.ops.rules;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ops.InferenceContext;
import dev.modelcost.core.ops.NodeContext;
import dev.modelcost.core.ops.OpKey;
import dev.modelcost.core.ops.OpRule;
import dev.modelcost.core.ops.RuleCannotTell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Einsum: each subscript letter names one dimension; "..." stands for broadcast leading dims. The output
 * is the explicit right-hand side, or (implicit form) the ellipsis then the letters used once, in
 * alphabetical order.
 */
final class EinsumRule implements OpRule {
    private static final List<OpKey> KEYS = List.of(OpKey.onnx("Einsum"));

    @Override
    public List<OpKey> keys() {
        return KEYS;
    }

    /** Letter sizes and the broadcast ellipsis dims of one node, or null when a rank is unknown. */
    private record Bound(Map<Character, Dim> letters, Shape ellipsis, String output) {}

    @Override
    public void infer(InferenceContext ctx) {
        Bound b = bind(ctx);
        if (b == null) {
            ctx.setOutput(0, new TensorType(ctx.input(0).dtype(), Shape.UNKNOWN_RANK));
            return;
        }
        List<Dim> out = new ArrayList<>();
        String rhs = b.output();
        for (int i = 0; i < rhs.length(); i++) {
            char c = rhs.charAt(i);
            if (c == '.') {
                out.addAll(b.ellipsis().dims());
                i += 2;
            } else if (Character.isLetter(c)) {
                out.add(b.letters().getOrDefault(c, Dim.UNKNOWN));
            }
        }
        ctx.setOutput(0, new TensorType(ctx.input(0).dtype(), Shape.of(out)));
    }

    private static Bound bind(NodeContext ctx) {
        String eq = ctx.node()
                .stringAttr("equation")
                .orElseThrow(() -> new RuleCannotTell("no equation"))
                .replace(" ", "");
        String[] sides = eq.split("->", -1);
        String[] terms = sides[0].split(",", -1);
        Map<Character, Dim> letters = new LinkedHashMap<>();
        Map<Character, Integer> uses = new TreeMap<>();
        List<Shape> ellipses = new ArrayList<>();
        for (int t = 0; t < terms.length; t++) {
            Shape s = ctx.input(t).shape();
            if (!s.hasRank()) {
                return null;
            }
            String term = terms[t];
            int named = term.replace("...", "").length();
            int ellipsisRank = s.rank() - named;
            int axis = 0;
            for (int i = 0; i < term.length(); i++) {
                char c = term.charAt(i);
                if (c == '.') {
                    ellipses.add(Shape.of(s.dims().subList(axis, axis + ellipsisRank)));
                    axis += ellipsisRank;
                    i += 2;
                    continue;
                }
                Dim d = s.dim(axis++);
                Dim prev = letters.get(c);
                letters.put(c, prev == null || !prev.isFixed() || prev.isFixed() && prev.size() == 1 ? d : prev);
                uses.merge(c, 1, Integer::sum);
            }
        }
        Shape ellipsis = ellipses.isEmpty() ? Shape.of(List.of()) : Broadcast.shapes(ellipses);
        String output;
        if (sides.length > 1) {
            output = sides[1];
        } else {
            StringBuilder sb = new StringBuilder(ellipses.isEmpty() ? "" : "...");
            uses.forEach((c, n) -> {
                if (n == 1) {
                    sb.append(c);
                }
            });
            output = sb.toString();
        }
        return new Bound(letters, ellipsis, output);
    }

    /** With two or more operands: one multiply-accumulate per point of the joint index space. */
    @Override
    public OptionalLong macs(NodeContext ctx) {
        if (ctx.inputCount() < 2) {
            return OptionalLong.of(0);
        }
        Bound b = bind(ctx);
        if (b == null || !b.ellipsis().isFullyKnown()) {
            return OptionalLong.empty();
        }
        long n = b.ellipsis().elementCount().getAsLong();
        for (Dim d : b.letters().values()) {
            if (!d.isFixed()) {
                return OptionalLong.empty();
            }
            n = Math.multiplyExact(n, d.size());
        }
        return OptionalLong.of(n);
    }

    @Override
    public String costFormula() {
        return "two or more operands: product of all index sizes (incl. broadcast ellipsis); one operand: 0";
    }

    @Override
    public TensorRole roleOfInput(int index) {
        return TensorRole.WEIGHT;
    }

    @Override
    public String shapeRule() {
        return "letters bound to input dims; explicit output, or implicit (ellipsis + letters used once, sorted)";
    }
}
