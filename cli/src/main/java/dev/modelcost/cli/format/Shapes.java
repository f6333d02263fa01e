package dev.modelcost.cli.format;

import dev.modelcost.core.ir.Dim;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.ValueInfo;

/** Writes shapes: integers for fixed dims, strings for symbols and symbol expressions ("2*seq + 1"), null for unknown. */
final class Shapes {
    private Shapes() {}

    /** The element type of a tensor value, or a sequence's or map's whole type ("map(string,tensor(float))"). */
    static String dtypeText(ValueInfo v) {
        return v.isTensor() ? v.type().dtype().shortName() : v.container().text();
    }

    /** The element type and shape of a tensor value, or a sequence's or map's whole type. */
    static String typeText(ValueInfo v) {
        return v.isTensor()
                ? v.type().dtype().shortName() + " " + v.type().shape()
                : v.container().text();
    }

    static void write(JsonWriter w, Shape s) {
        if (!s.hasRank()) {
            w.nullValue();
            return;
        }
        w.beginArray();
        for (Dim d : s.dims()) {
            if (d instanceof Dim.Fixed f) {
                w.value(f.size());
            } else if (d instanceof Dim.Symbolic sym) {
                w.value(sym.name());
            } else if (d instanceof Dim.Expr e) {
                w.value(e.toString());
            } else {
                w.nullValue();
            }
        }
        w.endArray();
    }
}
