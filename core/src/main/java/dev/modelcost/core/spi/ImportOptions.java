package dev.modelcost.core.spi;

/**
 * Limits an importer checks before it allocates, so that hostile files cannot exhaust memory.
 */
public record ImportOptions(int maxNodes, int maxTensorRank, int maxSubgraphDepth, long maxMetadataBytes) {
    public static final ImportOptions DEFAULTS = new ImportOptions(5_000_000, 64, 64, 64L * 1024 * 1024);
}
