package dev.modelcost.core.ir;

import java.util.List;

/** A node attribute. Lists are immutable. */
public sealed interface Attr {
    record Int(long value) implements Attr {}

    record Float(double value) implements Attr {}

    record Str(String value) implements Attr {}

    record Ints(List<Long> values) implements Attr {
        public Ints {
            values = List.copyOf(values);
        }

        public long[] toArray() {
            return values.stream().mapToLong(Long::longValue).toArray();
        }
    }

    record Floats(List<Double> values) implements Attr {
        public Floats {
            values = List.copyOf(values);
        }
    }

    record Strs(List<String> values) implements Attr {
        public Strs {
            values = List.copyOf(values);
        }
    }

    record TensorValue(Tensor tensor) implements Attr {}

    record GraphValue(Graph graph) implements Attr {}

    record Graphs(List<Graph> graphs) implements Attr {
        public Graphs {
            graphs = List.copyOf(graphs);
        }
    }

    /** A format's own declaration of the node's output (see {@link DeclaredOutput}). */
    record DeclaredOutputValue(DeclaredOutput output) implements Attr {}

    /** An importer's MAC rate for the node (see {@link MacsRate}). */
    record MacsRateValue(MacsRate rate) implements Attr {}

    /** Anything else the format allows (type protos, sparse tensors): kept by name only. */
    record Opaque(String kind) implements Attr {}
}
