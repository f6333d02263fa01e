package dev.modelcost.core.analysis;

import java.util.Set;

/**
 * A --dim value names no symbolic dimension of the model: a typing slip that would otherwise change nothing and
 * go unnoticed. The message lists the model's symbols; front ends report it as a usage error.
 */
public final class UnknownDimensionException extends IllegalArgumentException {
    private final Set<String> modelSymbols;

    public UnknownDimensionException(Set<String> unknown, Set<String> modelSymbols) {
        super("--dim " + String.join(", ", unknown) + ": no dimension of the model has that name; "
                + (modelSymbols.isEmpty()
                        ? "the model declares no symbolic dimensions"
                        : "its symbolic dimensions are " + String.join(", ", modelSymbols)));
        this.modelSymbols = Set.copyOf(modelSymbols);
    }

    public Set<String> modelSymbols() {
        return modelSymbols;
    }
}
