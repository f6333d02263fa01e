package dev.modelcost.core.report;

import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.ir.ValueInfo;

import java.util.List;

/**
 * Everything modelcost says about one model, computed under {@code assumptions}. Formatters print it
 * and compute nothing. {@code macs} is per sample; {@code macsComplete} is false when some were unknown.
 * {@code training} is the memory of one training step, or null when only inference was asked for.
 */
public record Report(ModelSummary model,
                     Assumptions assumptions,
                     List<ValueInfo> inputs,
                     List<ValueInfo> outputs,
                     ParameterSummary parameters,
                     ActivationSummary activations,
                     long macs,
                     boolean macsComplete,
                     List<LayerRow> layers,
                     Ledger ledger,
                     List<Diagnostic> diagnostics,
                     TrainingSummary training) {
    public static final int SCHEMA_VERSION = 1;

    /** An inference-only report ({@code training} is null unless the assumptions ask for training). */
    public Report(ModelSummary model, Assumptions assumptions, List<ValueInfo> inputs, List<ValueInfo> outputs,
                  ParameterSummary parameters, ActivationSummary activations, long macs, boolean macsComplete,
                  List<LayerRow> layers, Ledger ledger, List<Diagnostic> diagnostics) {
        this(model, assumptions, inputs, outputs, parameters, activations, macs, macsComplete, layers, ledger, diagnostics, null);
    }

    /**
     * Memory to run inference for the assumed batch: the parameters as stored (their logical bytes) plus the peak of
     * live activations for the batch (in the what-if dtype where one is given). A lower bound where
     * {@link #memoryToRunComplete()} is false. KV caches are graph inputs and outputs here, so they are inside the
     * activations.
     */
    public long memoryToRunBytes() {
        return Math.addExact(parameters.logicalBytes(), activations.peakLiveBytes());
    }

    /** False when unknown shapes or dtypes make {@link #memoryToRunBytes()} a lower bound. */
    public boolean memoryToRunComplete() { return activations.complete(); }

    public Report {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        layers = List.copyOf(layers);
        diagnostics = List.copyOf(diagnostics);
    }
}
