package dev.modelcost.core.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates docs/ops.md from a registry: per domain, each operator with the opset versions it has
 * rules for, its shape rule and its cost convention, then the graph patterns that assign parameter roles. The file
 * is generated from every provider (core's ONNX domains, the Keras and DL4J importers) and checked in; the CLI
 * module's OpsDocsTest fails when it is stale.
 */
public final class OpsDocument {
    /** The command that rewrites docs/ops.md. */
    public static final String REGENERATE = "mvn -q -o -pl cli -am test -Dtest=OpsDocsTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dmodelcost.regenerate=true";

    private OpsDocument() {}

    public static String markdown(OpRegistry registry) {
        Map<String, Map<String, List<Map.Entry<OpKey, OpRule>>>> byDomain = new LinkedHashMap<>();
        for (Map.Entry<OpKey, OpRule> e : registry.all().entrySet()) {
            byDomain.computeIfAbsent(e.getKey().domain(), d -> new LinkedHashMap<>())
                    .computeIfAbsent(e.getKey().opType(), o -> new ArrayList<>())
                    .add(e);
        }
        StringBuilder sb = new StringBuilder();
        sb.append("# Operators\n\n")
                .append("Generated from modelcost's operator registry; do not edit by hand. Regenerate with\n")
                .append("`")
                .append(REGENERATE)
                .append("`.\n\n")
                .append(
                        "A model's node uses the rule of the newest listed version not newer than the model's opset for\n")
                .append(
                        "that domain (the Keras and DL4J domains have one version: their rules read the layer configuration).\n")
                .append("Operators not listed are reported as unknown: their outputs take the file's declared\n")
                .append(
                        "types where there are any, they are named in the diagnostics, and their MACs make the total a lower bound.\n\n")
                .append(
                        "Cost conventions: one multiply-accumulate (MAC) is one multiplication added to an accumulator; FLOPs\n")
                .append("are reported as 2 x MACs. Elementwise ops, reductions, normalisations, data movement and\n")
                .append(
                        "interpolation count 0 MACs. Control flow: If counts the taken branch when its condition is known, else\n")
                .append(
                        "the larger branch; Loop counts the body times the trip count M when M is constant, else one iteration\n")
                .append("(with a diagnostic).\n\n")
                .append(
                        "Data-dependent output sizes (NonZero, Compress, Unique, NonMaxSuppression, StringNormalizer) are exact\n")
                .append(
                        "when their inputs' values are known to the file (initializers, constants, computed shapes), and\n")
                .append("otherwise an unknown dimension named in the diagnostics.\n");
        for (var domain : byDomain.entrySet()) {
            sb.append("\n## ").append(heading(domain.getKey())).append("\n\n");
            sb.append("| Operator | Since versions | Output shape | MACs |\n|---|---|---|---|\n");
            for (var op : domain.getValue().entrySet()) {
                List<String> versions = new ArrayList<>();
                op.getValue()
                        .forEach(e -> versions.add(Integer.toString(e.getKey().sinceVersion())));
                OpRule newest = op.getValue().get(op.getValue().size() - 1).getValue();
                sb.append("| ")
                        .append(op.getKey())
                        .append(" | ")
                        .append(String.join(", ", versions))
                        .append(" | ")
                        .append(cell(newest.shapeRule()))
                        .append(" | ")
                        .append(cell(newest.costFormula()))
                        .append(" |\n");
            }
        }
        sb.append("\n## Parameter roles from graph patterns\n\n")
                .append(
                        "Each operator rule names the role of its stored inputs (weight, bias, norm scale/shift, statistic,\n")
                .append("constant). These patterns give roles that no single node can tell; they run first.\n\n");
        for (RolePattern pattern : registry.rolePatterns()) {
            sb.append("- ").append(pattern.description()).append("\n");
        }
        return sb.toString();
    }

    private static String heading(String domain) {
        return switch (domain) {
            case "" -> "ai.onnx (default domain)";
            case "keras" -> "keras (Keras layer classes)";
            case "dl4j" -> "dl4j (DL4J layer, vertex and preprocessor classes)";
            default -> domain;
        };
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }
}
