package dev.modelcost.cli.format;

import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.ir.DType;
import dev.modelcost.core.ir.Shape;
import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.ir.TensorType;
import dev.modelcost.core.ir.ValueInfo;
import dev.modelcost.core.report.ActivationSummary;
import dev.modelcost.core.report.BatchScaledBytes;
import dev.modelcost.core.report.LayerRow;
import dev.modelcost.core.report.Ledger;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.report.LedgerEntry;
import dev.modelcost.core.report.ModelSummary;
import dev.modelcost.core.report.ParameterSummary;
import dev.modelcost.core.report.Report;

import java.util.List;
import java.util.Map;

/** Hand-made reports for formatter tests: the formatters print them, so the figures need only be consistent. */
final class TinyReports {
    private TinyReports() {}

    /** One input of 10 fp32 values and two layers whose names are hostile to the output formats. */
    static Report withNames(String first, String second) {
        TensorType t = new TensorType(DType.FLOAT32, Shape.of(1, 10));
        List<LayerRow> layers = List.of(
                new LayerRow(first, "Gemm", t, 10, 110, 100, 10, 100L),
                new LayerRow(second, "Relu", t, 0, 0, 0, 0, 0L));
        ParameterSummary p = new ParameterSummary(
                110,
                110,
                0,
                Map.of(TensorRole.WEIGHT, 100L, TensorRole.BIAS, 10L),
                Map.of(DType.FLOAT32, 110L),
                440,
                440,
                2,
                0,
                0,
                Map.of(),
                0,
                0,
                0);
        ActivationSummary a = new ActivationSummary(
                1, 20, 80, 80, BatchScaledBytes.perSample(80), 1, first, true, 80, new long[] {40, 80, 80}, null);
        Ledger ledger = new Ledger(
                500,
                0,
                List.of(
                        new LedgerEntry(LedgerCategory.PARAMETERS, "2 tensors", 440, 2, -1),
                        new LedgerEntry(LedgerCategory.GRAPH_AND_CONFIG, "nodes & names", 60, 1, -1)),
                0);
        return new Report(
                new ModelSummary("onnx", "dir/<model>.onnx", 500, Map.of()),
                Assumptions.DEFAULT,
                List.of(new ValueInfo("x", t)),
                List.of(new ValueInfo("y", t)),
                p,
                a,
                100,
                true,
                layers,
                ledger,
                List.of(),
                null,
                null,
                1);
    }
}
