package dev.modelcost.core.analysis.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which buffer each activation value lives in, and the steps a buffer lives over: from the step that writes it to the
 * last step that reads any value in it (graph outputs to the end). A value either gets a buffer of its own or shares
 * one of its inputs' (a view, an in-place kernel), as the runtime's {@link AliasRule} decides. The caller's inputs are
 * not the runtime's: they are never counted.
 */
final class Buffers {
    /** Decides whether output {@code index} of step {@code step} writes into the buffer of one of its inputs. */
    interface AliasRule {
        /** The input value whose buffer the output shares, or null for a buffer of its own. */
        String aliasOf(ExecGraph eg, int step, int index, Buffers soFar);
    }

    private final ExecGraph eg;
    private final Map<String, String> bufferOf = new HashMap<>();
    private final Map<String, int[]> spans = new LinkedHashMap<>();
    private final Map<String, Integer> lastRead = new HashMap<>();

    private Buffers(ExecGraph eg) {
        this.eg = eg;
        int end = eg.steps().size();
        for (int k = 0; k < end; k++) {
            for (String in : eg.steps().get(k).inputs()) {
                lastRead.put(in, k);
            }
        }
        eg.graphOutputs().forEach(o -> lastRead.put(o, end));
    }

    static Buffers plan(ExecGraph eg, AliasRule rule) {
        Buffers b = new Buffers(eg);
        for (String in : eg.graphInputs()) {
            b.bufferOf.put(in, in);
        }
        for (int k = 0; k < eg.steps().size(); k++) {
            List<String> outs = eg.steps().get(k).outputs();
            for (int j = 0; j < outs.size(); j++) {
                String source = rule.aliasOf(eg, k, j, b);
                String out = outs.get(j);
                if (source != null && b.bufferOf.containsKey(source)) {
                    String buffer = b.bufferOf.get(source);
                    b.bufferOf.put(out, buffer);
                    b.extend(out, b.lastRead.getOrDefault(out, k));
                } else {
                    b.bufferOf.put(out, out);
                    b.spans.put(out, new int[] {k, Math.max(k, b.lastRead.getOrDefault(out, k))});
                }
            }
        }
        for (Map.Entry<String, String> e : b.bufferOf.entrySet()) {
            int[] span = b.spans.get(e.getValue());
            if (span != null) {
                span[1] = Math.max(span[1], b.lastRead.getOrDefault(e.getKey(), span[0]));
            }
        }
        return b;
    }

    /** The step after which nothing reads {@code value} (the number of steps for graph outputs). */
    int lastRead(String value) {
        return lastRead.getOrDefault(value, -1);
    }

    String bufferOf(String value) {
        return bufferOf.get(value);
    }

    /** True when the value is the caller's input or shares its buffer. */
    boolean isCallers(String value) {
        String b = bufferOf.get(value);
        return b != null && eg.graphInputs().contains(b);
    }

    /** The last step that reads any value of {@code value}'s buffer, so far; -1 for the caller's inputs. */
    int bufferEnd(String value) {
        String b = bufferOf.get(value);
        int[] span = b == null ? null : spans.get(b);
        return span == null ? -1 : span[1];
    }

    long bytesOfBuffer(String value) {
        String b = bufferOf.get(value);
        return b == null ? 0 : eg.bytesOf(b);
    }

    /** Keeps {@code value}'s buffer alive through {@code step} (a runtime holding it longer than its last reader). */
    void extend(String value, int step) {
        String b = bufferOf.get(value);
        int[] span = b == null ? null : spans.get(b);
        if (span != null) {
            span[1] = Math.max(span[1], step);
        }
    }

    /** The buffers the runtime allocates: name, bytes, first and last step. */
    List<Span> spans() {
        List<Span> out = new ArrayList<>();
        spans.forEach((b, s) -> out.add(new Span(b, eg.bytesOf(b), s[0], s[1])));
        return out;
    }

    /** A buffer written at {@code first} and read for the last time at {@code last}. */
    record Span(String buffer, long bytes, int first, int last) {}

    /** Bytes alive while each step runs (its inputs still held, its outputs written). */
    long[] liveBytes() {
        int n = eg.steps().size();
        long[] diff = new long[n + 1];
        for (Span s : spans()) {
            int to = Math.min(s.last(), n - 1);
            diff[s.first()] += s.bytes();
            diff[to + 1] -= s.bytes();
        }
        long[] live = new long[n];
        long run = 0;
        for (int k = 0; k < n; k++) {
            run += diff[k];
            live[k] = run;
        }
        return live;
    }

    /** Bytes of the buffers each step reads for the last time (freed once it returns). */
    long[] freedAfter() {
        long[] freed = new long[eg.steps().size()];
        for (Span s : spans()) {
            if (s.last() < freed.length) {
                freed[s.last()] += s.bytes();
            }
        }
        return freed;
    }
}
