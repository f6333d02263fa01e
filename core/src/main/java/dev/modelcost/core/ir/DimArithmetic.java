package dev.modelcost.core.ir;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Exact arithmetic on dimensions: fixed sizes, symbols and integer polynomials of symbols. Whatever
 * cannot be stated exactly (an unknown operand, a division that does not come out even) is unknown.
 */
public final class DimArithmetic {
    /** Monomials in a stable order: by degree, then by their symbols. */
    static final Comparator<List<String>> MONOMIAL_ORDER =
            Comparator.<List<String>>comparingInt(List::size).thenComparing(l -> String.join("*", l));

    private DimArithmetic() {}

    public static Dim add(Dim a, Dim b) {
        return combine(a, b, 1);
    }

    public static Dim sub(Dim a, Dim b) {
        return combine(a, b, -1);
    }

    public static Dim mul(Dim a, Dim b) {
        Map<List<String>, Long> p = poly(a);
        Map<List<String>, Long> q = poly(b);
        if (p == null || q == null) {
            return Dim.UNKNOWN;
        }
        Map<List<String>, Long> out = new TreeMap<>(MONOMIAL_ORDER);
        for (var x : p.entrySet()) {
            for (var y : q.entrySet()) {
                List<String> m = new ArrayList<>(x.getKey());
                m.addAll(y.getKey());
                Collections.sort(m);
                out.merge(List.copyOf(m), Math.multiplyExact(x.getValue(), y.getValue()), Math::addExact);
            }
        }
        return of(out);
    }

    /**
     * a / b when it comes out exact: b a non-zero constant dividing every coefficient, or b a monomial
     * (times a constant) dividing every term; otherwise unknown.
     */
    public static Dim divExact(Dim a, Dim b) {
        Map<List<String>, Long> p = poly(a);
        Map<List<String>, Long> q = poly(b);
        if (p == null || q == null || q.size() != 1) {
            return Dim.UNKNOWN;
        }
        var divisor = q.entrySet().iterator().next();
        long c = divisor.getValue();
        Map<List<String>, Long> out = new TreeMap<>(MONOMIAL_ORDER);
        for (var t : p.entrySet()) {
            List<String> rest = new ArrayList<>(t.getKey());
            for (String s : divisor.getKey()) {
                if (!rest.remove(s)) {
                    return Dim.UNKNOWN;
                }
            }
            if (c == 0 || t.getValue() % c != 0) {
                return Dim.UNKNOWN;
            }
            out.merge(List.copyOf(rest), t.getValue() / c, Math::addExact);
        }
        return of(out);
    }

    /**
     * An integer of a shape computation as a dim: fixed when non-negative; a negative one (Reshape's −1,
     * Slice's −1 ends) is kept as a constant expression so that it survives arithmetic and concatenation.
     */
    public static Dim ofValue(long v) {
        return v >= 0 ? Dim.of(v) : new Dim.Expr(Map.of(List.of(), v));
    }

    /** The integer a dim stands for when it has no symbols (fixed or a negative constant). */
    public static OptionalLong constant(Dim d) {
        if (d instanceof Dim.Fixed f) {
            return OptionalLong.of(f.size());
        }
        if (d instanceof Dim.Expr e && e.terms().size() == 1 && e.terms().containsKey(List.of())) {
            return OptionalLong.of(e.terms().get(List.of()));
        }
        return OptionalLong.empty();
    }

    /** Substitutes values for symbols; the result is fixed when every symbol has a value. */
    public static Dim substitute(Dim d, Map<String, Long> values) {
        if (d instanceof Dim.Symbolic s) {
            return values.containsKey(s.name()) ? Dim.of(values.get(s.name())) : d;
        }
        if (!(d instanceof Dim.Expr e)) {
            return d;
        }
        Dim out = Dim.of(0);
        for (var t : e.terms().entrySet()) {
            Dim term = Dim.of(t.getValue());
            for (String s : t.getKey()) {
                term = mul(term, values.containsKey(s) ? Dim.of(values.get(s)) : Dim.symbol(s));
            }
            out = add(out, term);
        }
        return out;
    }

    private static Dim combine(Dim a, Dim b, long sign) {
        Map<List<String>, Long> p = poly(a);
        Map<List<String>, Long> q = poly(b);
        if (p == null || q == null) {
            return Dim.UNKNOWN;
        }
        Map<List<String>, Long> out = new TreeMap<>(MONOMIAL_ORDER);
        out.putAll(p);
        for (var t : q.entrySet()) {
            out.merge(t.getKey(), Math.multiplyExact(sign, t.getValue()), Math::addExact);
        }
        return of(out);
    }

    /** The polynomial of a dim, null when unknown. */
    static Map<List<String>, Long> poly(Dim d) {
        Map<List<String>, Long> out = new TreeMap<>(MONOMIAL_ORDER);
        if (d instanceof Dim.Fixed f) {
            out.put(List.of(), f.size());
        } else if (d instanceof Dim.Symbolic s) {
            out.put(List.of(s.name()), 1L);
        } else if (d instanceof Dim.Expr e) {
            out.putAll(e.terms());
        } else {
            return null;
        }
        return out;
    }

    /** The canonical dim of a polynomial: fixed, a lone symbol, an expression, or unknown when negative. */
    static Dim of(Map<List<String>, Long> terms) {
        terms.values().removeIf(v -> v == 0);
        if (terms.isEmpty()) {
            return Dim.of(0);
        }
        if (terms.size() == 1 && terms.containsKey(List.of())) {
            long v = terms.get(List.of());
            return v < 0 ? new Dim.Expr(terms) : Dim.of(v);
        }
        if (terms.size() == 1) {
            var t = terms.entrySet().iterator().next();
            if (t.getValue() == 1 && t.getKey().size() == 1) {
                return Dim.symbol(t.getKey().get(0));
            }
        }
        return new Dim.Expr(terms);
    }

    /** "2*seq + 1", "batch*seq", "n - 1". */
    static String format(Map<List<String>, Long> terms) {
        List<List<String>> order = new ArrayList<>(terms.keySet());
        order.sort(MONOMIAL_ORDER.reversed());
        StringBuilder sb = new StringBuilder();
        for (List<String> m : order) {
            long c = terms.get(m);
            String body = m.isEmpty()
                    ? Long.toString(Math.abs(c))
                    : (Math.abs(c) == 1 ? "" : Math.abs(c) + "*") + String.join("*", m);
            if (sb.length() == 0) {
                sb.append(c < 0 ? "-" : "").append(body);
            } else {
                sb.append(c < 0 ? " - " : " + ").append(body);
            }
        }
        return sb.toString();
    }
}
