package dev.modelcost.core.analysis;

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

    int slots() { return perSample.length - 1; }

    void add(int from, int to, long perSampleBytes, long fixedBytes) {
        int a = Math.max(0, from);
        int b = Math.min(slots() - 1, Math.max(to, a));
        perSample[a] = Math.addExact(perSample[a], perSampleBytes);
        perSample[b + 1] -= perSampleBytes;
        fixed[a] = Math.addExact(fixed[a], fixedBytes);
        fixed[b + 1] -= fixedBytes;
    }

    /** Per slot: {perSampleBytes, fixedBytes}. */
    long[][] live() {
        long[][] out = new long[slots()][2];
        long p = 0;
        long f = 0;
        for (int i = 0; i < slots(); i++) {
            p += perSample[i];
            f += fixed[i];
            out[i][0] = p;
            out[i][1] = f;
        }
        return out;
    }

    /** The slot in [from, to] where {@code fixed + batch × perSample} is largest (the earliest on ties). */
    static int argmax(long[][] live, long batch, int from, int to) {
        int best = from;
        long bestBytes = Long.MIN_VALUE;
        for (int i = from; i <= to; i++) {
            long v = bytesAt(live[i], batch);
            if (v > bestBytes) {
                bestBytes = v;
                best = i;
            }
        }
        return best;
    }

    static long bytesAt(long[] split, long batch) { return Math.addExact(Math.multiplyExact(split[0], batch), split[1]); }
}
