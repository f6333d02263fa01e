package dev.modelcost.core.analysis;

import dev.modelcost.core.report.BatchScaledBytes;

import java.util.List;

/**
 * Bytes alive over discrete time slots, split into a part that scales with the batch and a fixed part,
 * summed with difference arrays. A buffer added over [from, to] counts in every slot from..to inclusive.
 */
final class Timeline {
    private final long[] perSample;
    private final long[] fixed;

    Timeline(int slots) {
        perSample = new long[slots + 1];
        fixed = new long[slots + 1];
    }

    int slots() {
        return perSample.length - 1;
    }

    void add(int from, int to, BatchScaledBytes bytes) {
        int a = Math.max(0, from);
        int b = Math.min(slots() - 1, Math.max(to, a));
        perSample[a] = Math.addExact(perSample[a], bytes.perSampleBytes());
        perSample[b + 1] -= bytes.perSampleBytes();
        fixed[a] = Math.addExact(fixed[a], bytes.fixedBytes());
        fixed[b + 1] -= bytes.fixedBytes();
    }

    void add(Span span) {
        add(span.fromSlot(), span.toSlot(), span.bytes());
    }

    /** The bytes alive in each slot. */
    List<BatchScaledBytes> live() {
        BatchScaledBytes[] out = new BatchScaledBytes[slots()];
        long p = 0;
        long f = 0;
        for (int i = 0; i < slots(); i++) {
            p += perSample[i];
            f += fixed[i];
            out[i] = new BatchScaledBytes(f, p);
        }
        return List.of(out);
    }

    /** The slot in [from, to] where the live bytes for {@code batch} samples are largest (the earliest on ties). */
    static int argmax(List<BatchScaledBytes> live, long batch, int from, int to) {
        int best = from;
        long bestBytes = Long.MIN_VALUE;
        for (int i = from; i <= to; i++) {
            long v = live.get(i).atBatch(batch);
            if (v > bestBytes) {
                bestBytes = v;
                best = i;
            }
        }
        return best;
    }

    /** A buffer's bytes over the slots [fromSlot, toSlot]. */
    record Span(int fromSlot, int toSlot, BatchScaledBytes bytes) {}
}
