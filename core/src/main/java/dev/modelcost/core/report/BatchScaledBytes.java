package dev.modelcost.core.report;

/**
 * Bytes that are partly fixed and partly scale with the batch: {@code fixedBytes + batch × perSampleBytes} (the
 * DL4J-style "fixed + N × per-sample" split). Fixed bytes are parameter-sized state and values computed from shapes
 * alone; per-sample bytes are activations.
 */
public record BatchScaledBytes(long fixedBytes, long perSampleBytes) {
    public static final BatchScaledBytes ZERO = new BatchScaledBytes(0, 0);

    public static BatchScaledBytes fixed(long bytes) {
        return new BatchScaledBytes(bytes, 0);
    }

    public static BatchScaledBytes perSample(long bytes) {
        return new BatchScaledBytes(0, bytes);
    }

    /** {@code bytes} as per-sample when it scales with the batch, else as fixed. */
    public static BatchScaledBytes of(long bytes, boolean scalesWithBatch) {
        return scalesWithBatch ? perSample(bytes) : fixed(bytes);
    }

    /** The bytes for {@code batch} samples; overflow throws ArithmeticException. */
    public long atBatch(long batch) {
        return Math.addExact(Math.multiplyExact(perSampleBytes, batch), fixedBytes);
    }

    public BatchScaledBytes plus(BatchScaledBytes other) {
        return new BatchScaledBytes(
                Math.addExact(fixedBytes, other.fixedBytes), Math.addExact(perSampleBytes, other.perSampleBytes));
    }

    public BatchScaledBytes plusFixed(long bytes) {
        return new BatchScaledBytes(Math.addExact(fixedBytes, bytes), perSampleBytes);
    }
}
