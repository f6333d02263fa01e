package dev.modelcost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * compare × every format it offers, on the fp32 and fp16 exports of ResNet-18: golden files, and the cross-foot
 * of the comparison: role lines sum to the parameter line, ledger lines sum to the file bytes, delta = B − A.
 */
class GoldenCompareTest {

    private static String compare(String format) {
        Path dir = InspectCommandTest.corpus().resolve("onnx/torchvision");
        InspectCommandTest.Run r = InspectCommandTest.run(
                "compare",
                dir.resolve("resnet18_external.onnx").toString(),
                dir.resolve("resnet18_fp16.onnx").toString(),
                "--format",
                format);
        assertEquals(0, r.code(), r.err());
        return r.out().replace(dir.toString(), "$CORPUS/onnx/torchvision");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "json", "jsonl", "csv", "markdown"})
    void compareMatchesItsGoldenFile(String format) throws Exception {
        Golden.check(GoldenCompareTest.class, "resnet18_fp32_vs_fp16." + format, compare(format));
    }

    @ParameterizedTest
    @ValueSource(strings = {"csv", "json"})
    void compareLinesCrossFoot(String format) throws Exception {
        String out = compare(format);
        List<long[]> abDelta = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> sections = new ArrayList<>();
        if (format.equals("csv")) {
            var records = CrossFoot.parseCsv(out);
            for (List<String> r : records.subList(1, records.size())) {
                sections.add(r.get(0));
                names.add(r.get(1));
                abDelta.add(new long[] {Long.parseLong(r.get(3)), Long.parseLong(r.get(4)), Long.parseLong(r.get(5))});
            }
        } else {
            for (JsonNode l : new ObjectMapper().readTree(out).get("lines")) {
                sections.add(l.get("section").asText());
                names.add(l.get("quantity").asText());
                abDelta.add(new long[] {
                    l.get("a").asLong(), l.get("b").asLong(), l.get("delta").asLong()
                });
            }
        }
        long[] roles = new long[2];
        long[] ledger = new long[2];
        for (int i = 0; i < names.size(); i++) {
            long[] v = abDelta.get(i);
            assertEquals(v[1] - v[0], v[2], names.get(i) + ": delta is B - A");
            if (List.of("weight", "bias", "normScaleShift", "normStatistics", "other")
                    .contains(names.get(i))) {
                roles[0] += v[0];
                roles[1] += v[1];
            }
            if (sections.get(i).equals("file") && !names.get(i).startsWith("file bytes")) {
                ledger[0] += v[0];
                ledger[1] += v[1];
            }
        }
        long[] params = abDelta.get(names.indexOf("parameters"));
        assertEquals(params[0], roles[0], "A: roles sum to parameters");
        assertEquals(params[1], roles[1], "B: roles sum to parameters");
        long[] file = abDelta.get(names.indexOf("file bytes (with external data)"));
        assertEquals(file[0], ledger[0], "A: ledger categories and unexplained sum to the file bytes");
        assertEquals(file[1], ledger[1], "B: ledger categories and unexplained sum to the file bytes");
    }
}
