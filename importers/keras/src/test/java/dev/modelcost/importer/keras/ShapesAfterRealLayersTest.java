package dev.modelcost.importer.keras;

import dev.modelcost.core.report.LayerRow;
import dev.modelcost.core.report.Report;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Shapes carry on through layers real models have: tf.keras TFOpLambda ({@code x + y}, {@code x * 2.0},
 * {@code tf.reshape}), TextVectorization; a Lambda without output_shape stops only what depends on it.
 */
class ShapesAfterRealLayersTest {
    private static String tfOp(String name, String function, String inbound) {
        return "{\"class_name\": \"TFOpLambda\", \"name\": \"" + name + "\", \"config\": {\"name\": \"" + name
                + "\", \"trainable\": true, \"dtype\": \"float32\", \"function\": \"" + function
                + "\"}, \"inbound_nodes\": [" + inbound + "]}";
    }

    private static String dense(String name, int units, String from) {
        return "{\"class_name\": \"Dense\", \"name\": \"" + name + "\", \"config\": {\"name\": \"" + name
                + "\", \"units\": " + units + "}, \"inbound_nodes\": [[[\"" + from + "\", 0, 0, {}]]]}";
    }

    private static String functional(String output, String... layers) {
        return "{\"class_name\": \"Functional\", \"config\": {\"name\": \"m\", \"layers\": ["
                + "{\"class_name\": \"InputLayer\", \"name\": \"x\", \"config\": {\"name\": \"x\", \"batch_input_shape\": [null, 8], \"dtype\": \"float32\"}, \"inbound_nodes\": []}, "
                + String.join(", ", layers) + "], \"input_layers\": [[\"x\", 0, 0]], \"output_layers\": [[\"" + output
                + "\", 0, 0]]}}";
    }

    private static Map<String, String> shapes(Report r) {
        Map<String, String> out = new TreeMap<>();
        r.layers().forEach(l -> out.put(l.name(), l.output().shape().toString()));
        return out;
    }

    @Test
    void tfOpLambdaAddScaleAndReshapeKeepShapes() throws Exception {
        String cfg = functional(
                "c",
                dense("a", 4, "x"),
                dense("b", 4, "x"),
                tfOp(
                        "tf.__operators__.add",
                        "__operators__.add",
                        "[[\"a\", 0, 0, {\"y\": [\"b\", 0, 0], \"name\": null}]]"),
                tfOp(
                        "tf.math.multiply",
                        "math.multiply",
                        "[[\"tf.__operators__.add\", 0, 0, {\"y\": 2.0, \"name\": null}]]"),
                tfOp(
                        "tf.reshape",
                        "reshape",
                        "[[\"tf.math.multiply\", 0, 0, {\"shape\": [-1, 2, 2], \"name\": null}]]"),
                "{\"class_name\": \"Flatten\", \"name\": \"f\", \"config\": {\"name\": \"f\"}, \"inbound_nodes\": [[[\"tf.reshape\", 0, 0, {}]]]}",
                dense("c", 3, "f"));
        Report r = Synthetic.report(
                cfg,
                new Synthetic.W("a", "kernel", 8, 4),
                new Synthetic.W("b", "kernel", 8, 4),
                new Synthetic.W("c", "kernel", 4, 3));
        Map<String, String> s = shapes(r);
        assertEquals("[1, 4]", s.get("tf.__operators__.add"));
        assertEquals("[1, 4]", s.get("tf.math.multiply"));
        assertEquals("[1, 2, 2]", s.get("tf.reshape"));
        assertEquals("[1, 3]", s.get("c"));
        assertTrue(r.macsComplete(), r.diagnostics().toString());
        assertEquals(8 * 4 * 2 + 4 * 3, r.macs(), "two 8→4 Dense and one 4→3; the tf functions do no MACs");
        assertEquals(
                0,
                r.layers().stream()
                        .filter(l -> l.name().equals("tf.reshape"))
                        .mapToLong(LayerRow::activationElements)
                        .sum(),
                "tf.reshape is a view");
    }

    @Test
    void anUnknownTfFunctionStopsOnlyWhatDependsOnIt() throws Exception {
        String cfg = functional(
                "c",
                dense("a", 4, "x"),
                tfOp("tf.linalg.qr", "linalg.qr", "[[\"a\", 0, 0, {\"name\": null}]]"),
                dense("b", 4, "x"),
                "{\"class_name\": \"Concatenate\", \"name\": \"cat\", \"config\": {\"name\": \"cat\", \"axis\": -1}, \"inbound_nodes\": [[[\"a\", 0, 0, {}], [\"b\", 0, 0, {}]]]}",
                dense("c", 3, "cat"));
        Report r = Synthetic.report(
                cfg,
                new Synthetic.W("a", "kernel", 8, 4),
                new Synthetic.W("b", "kernel", 8, 4),
                new Synthetic.W("c", "kernel", 8, 3));
        Map<String, String> s = shapes(r);
        assertEquals("[?..]", s.get("tf.linalg.qr"));
        assertEquals("[1, 8]", s.get("cat"), "the branch that does not read the unknown value keeps its shapes");
        assertTrue(
                r.diagnostics().stream().anyMatch(d -> d.message().contains("tf.linalg.qr")),
                r.diagnostics().toString());
    }

    @Test
    void textVectorizationGivesTokenIdsOfTheConfiguredLength() throws Exception {
        String cfg = Synthetic.sequential(
                "[null, 1]",
                Synthetic.layer(
                        "TextVectorization",
                        "\"name\": \"tv\", \"max_tokens\": 100, \"output_mode\": \"int\", \"output_sequence_length\": 20"),
                Synthetic.layer("Embedding", "\"name\": \"emb\", \"input_dim\": 100, \"output_dim\": 8"),
                Synthetic.layer("GlobalAveragePooling1D", "\"name\": \"gap\""),
                Synthetic.layer("Dense", "\"name\": \"d\", \"units\": 1"));
        Report r = Synthetic.report(
                cfg, new Synthetic.W("emb", "embeddings", 100, 8), new Synthetic.W("d", "kernel", 8, 1));
        Map<String, String> s = shapes(r);
        assertEquals("[1, 20]", s.get("tv"));
        assertEquals("[1, 20, 8]", s.get("emb"));
        assertEquals("[1, 1]", s.get("d"));
        assertEquals(
                List.of(),
                r.diagnostics().stream()
                        .filter(d -> d.message().contains("unknown"))
                        .toList());
    }
}
