package dev.modelcost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The per-layer Params column and its role columns (named as the summary line names the roles) add up to the totals
 * the report prints, in every table format, per layer and per --depth group, on corpus files with every kind of
 * role: BatchNorm scale/shift and statistics (a Keras MobileNet in nested models), a transformer's shared LayerNorm
 * and biases, quantization scales and zero points, PyTorch's shared biases. Where the corpus truth has the figures
 * (parameter total, Keras roles), the printed total is that truth.
 */
class RoleColumnsCrossFootTest {
    private static final String KERAS = "keras/real/syndicai__models__keras__teachable_machine__data__keras_model.h5";
    private static final String GPT2 = "onnx/real/genai_tiny_gpt2_past_fp32.onnx";
    private static final String RESNET = "onnx/torchvision/resnet18_external.onnx";
    private static final String QUANTIZED = "onnx/real/all_minilm_l6_v2_q.onnx";
    private static final String[] GPT2_DIMS = {
        "--dim", "seq_len=1", "--dim", "total_seq_len=101", "--dim", "past_seq_len=100"
    };

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (String depth : new String[] {null, "1", "2"}) {
            all.add(Arguments.of(KERAS, options(depth)));
            all.add(Arguments.of(RESNET, options(depth)));
            all.add(Arguments.of(QUANTIZED, options(depth)));
            List<String> gpt2 = new ArrayList<>(List.of(GPT2_DIMS));
            gpt2.addAll(options(depth));
            all.add(Arguments.of(GPT2, gpt2));
        }
        all.add(Arguments.of(RESNET, List.of("--depth", "2", "--top", "3")));
        all.add(Arguments.of(KERAS, List.of("--top", "5", "--top-by", "macs")));
        return all.stream();
    }

    private static List<String> options(String depth) {
        return depth == null ? List.of() : List.of("--depth", depth);
    }

    private static String inspect(String file, List<String> options, String format) {
        List<String> args = new ArrayList<>(
                List.of("inspect", InspectCommandTest.corpus().resolve(file).toString(), "--format", format));
        args.addAll(options);
        InspectCommandTest.Run r = InspectCommandTest.run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        return r.out();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void rowsAddUpToTheTotalsRoleByRoleInEveryFormat(String file, List<String> options) throws Exception {
        JsonNode json = new ObjectMapper().readTree(inspect(file, options, "json"));
        GoldenInspectTest.crossFootJson(json);
        GoldenInspectTest.crossFootTable(CrossFoot.text(inspect(file, options, "text")), json, "text");
        GoldenInspectTest.crossFootTable(CrossFoot.markdown(inspect(file, options, "markdown")), json, "markdown");
        GoldenInspectTest.crossFootTable(CrossFoot.html(inspect(file, options, "html")), json, "html");
        // CSV leaves figures that are not known exactly empty: a lower-bound total has no exact sum to meet.
        CrossFoot.Table csv = CrossFoot.csv(inspect(file, options, "csv"));
        Map<String, Long> expected = GoldenInspectTest.jsonTotals(json, csv.columns());
        Map<String, Long> sum = csv.sum(false);
        if (!json.at("/activations/complete").asBoolean()) {
            expected.remove("activation_elements");
            sum.remove("activation_elements");
        }
        if (!json.get("macsComplete").asBoolean()) {
            expected.remove("macs");
            sum.remove("macs");
        }
        assertEquals(expected, sum, "CSV rows sum to the totals");
        if (options.contains("--depth")) {
            groupsAddUp(json);
        }
        truth(file, json);
    }

    /** The groups partition the layers (no-op views left out), and their figures add up to the totals as the layers' do. */
    private static void groupsAddUp(JsonNode j) {
        List<Integer> indices = new ArrayList<>();
        long params = 0;
        Map<String, Long> byRole = new TreeMap<>();
        for (JsonNode g : j.get("groups")) {
            g.get("layerIndices").forEach(i -> indices.add(i.asInt()));
            params += g.get("parameters").asLong();
            g.get("byRole")
                    .fields()
                    .forEachRemaining(e -> byRole.merge(e.getKey(), e.getValue().asLong(), Long::sum));
        }
        indices.sort(null);
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < j.get("layers").size(); i++) {
            if (!j.get("layers").get(i).get("noOp").asBoolean()) {
                all.add(i);
            }
        }
        assertEquals(all, indices, "every layer but the no-op views in exactly one group");
        assertEquals(j.at("/parameters/total").asLong(), params, "groups' parameters = total");
        Map<String, Long> totals = new TreeMap<>();
        j.at("/parameters/byRole").fields().forEachRemaining(e -> {
            if (e.getValue().asLong() != 0) {
                totals.put(e.getKey(), e.getValue().asLong());
            }
        });
        assertEquals(totals, byRole, "groups' byRole = parameters.byRole");
    }

    /** The corpus oracles (h5py for Keras roles, onnx for initializer elements), never modelcost's output. */
    private static void truth(String file, JsonNode j) throws Exception {
        Path truthFile = InspectCommandTest.corpus().resolve(file + ".truth.json");
        if (!Files.isRegularFile(truthFile)) {
            truthFile = InspectCommandTest.corpus().resolve(file.replace(".onnx", ".truth.json"));
        }
        JsonNode truth = new ObjectMapper().readTree(truthFile.toFile());
        if (file.equals(KERAS)) {
            assertEquals(
                    truth.get("params_total").asLong(),
                    j.at("/parameters/total").asLong());
            truth.get("by_role")
                    .fields()
                    .forEachRemaining(e -> assertEquals(
                            e.getValue().asLong(),
                            j.at("/parameters/byRole/" + e.getKey()).asLong(),
                            e.getKey()));
        } else if (file.equals(RESNET)) {
            assertEquals(
                    truth.at("/onnx/initializer_elements").asLong(),
                    j.at("/parameters/total").asLong());
        } else if (file.equals(GPT2)) {
            assertEquals(
                    truth.at("/initializers/elements_all_graphs").asLong(),
                    j.at("/parameters/total").asLong());
        }
    }
}
