package dev.modelcost.core.report;

import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.ir.ValueInfo;

import java.util.List;

/**
 * Everything modelcost says about one model, computed under {@code assumptions}. Formatters print it
 * and compute nothing. {@code macs} is per sample; {@code macsComplete} is false when some were unknown.
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
                     List<Diagnostic> diagnostics) {
    public static final int SCHEMA_VERSION = 1;

    public Report {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        layers = List.copyOf(layers);
        diagnostics = List.copyOf(diagnostics);
    }
}
