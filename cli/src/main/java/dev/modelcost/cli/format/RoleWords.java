package dev.modelcost.cli.format;

import dev.modelcost.core.ir.TensorRole;
import dev.modelcost.core.report.ParameterSummary;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The words for the parameter roles, in the order the summary line lists them: the summary line and the layer
 * tables' role columns use these same words, so a column and the summary figure it sums to read alike.
 */
final class RoleWords {
    /** The parameter roles in summary order (quantization last: the summary names it only where present). */
    static final List<TensorRole> ORDER = List.of(
            TensorRole.WEIGHT,
            TensorRole.BIAS,
            TensorRole.NORM_SCALE_SHIFT,
            TensorRole.NORM_STATISTIC,
            TensorRole.OTHER_PARAMETER,
            TensorRole.QUANTIZATION);

    private static final Map<TensorRole, String> WORDS = Map.of(
            TensorRole.WEIGHT, "weights",
            TensorRole.BIAS, "biases",
            TensorRole.NORM_SCALE_SHIFT, "norm scale/shift",
            TensorRole.NORM_STATISTIC, "norm statistics",
            TensorRole.OTHER_PARAMETER, "other",
            TensorRole.QUANTIZATION, "quantization scales/zero points");

    private static final Map<TensorRole, String> CSV = Map.of(
            TensorRole.WEIGHT, "weights",
            TensorRole.BIAS, "biases",
            TensorRole.NORM_SCALE_SHIFT, "norm_scale_shift",
            TensorRole.NORM_STATISTIC, "norm_statistics",
            TensorRole.OTHER_PARAMETER, "other",
            TensorRole.QUANTIZATION, "quantization");

    private RoleWords() {}

    static String of(TensorRole role) {
        return WORDS.get(role);
    }

    /** The CSV column name of a role. */
    static String csv(TensorRole role) {
        return CSV.get(role);
    }

    /** The roles the summary names: all but quantization, which it names only where the model has some. */
    static List<TensorRole> inSummary(ParameterSummary p) {
        List<TensorRole> out = new ArrayList<>(ORDER);
        if (p.role(TensorRole.QUANTIZATION) == 0) {
            out.remove(TensorRole.QUANTIZATION);
        }
        return out;
    }

    /** The roles a layer table gives a column: those with parameters in the model (a column of blanks says nothing). */
    static List<TensorRole> inTable(ParameterSummary p) {
        return ORDER.stream().filter(r -> p.role(r) != 0).toList();
    }
}
