package dev.modelcost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Validates the golden JSON outputs against docs/json-schema.md: every field they contain is documented there,
 * either by its dotted path or in the {field, ...} list of its documented parent. Maps whose keys are data
 * (metadata, dims, dtypes) are documented as a whole.
 */
class JsonSchemaDocTest {
    private static final Set<String> DATA_KEYED = Set.of(
            "model.metadata",
            "assumptions.dims",
            "parameters.byDType",
            "conventions",
            "ledger.externalFiles",
            "layers[].byRole", // the roles of parameters.byRole that the layer has
            "groups[].byRole");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "GoldenInspectTest/squeezenet1_1.json",
                "GoldenInspectTest/resnet18_external.json",
                "GoldenInspectTest/resnet18_external.depth1.json",
                "GoldenCompareTest/resnet18_fp32_vs_fp16.json"
            })
    void everyFieldOfTheGoldenJsonIsDocumented(String golden) throws Exception {
        String doc = Files.readString(Path.of("../docs/json-schema.md"));
        JsonNode j = new ObjectMapper()
                .readTree(Path.of("src/test/resources/golden", golden).toFile());
        Set<String> paths = new TreeSet<>();
        collect(j, "", paths);
        assertTrue(paths.size() > 10, "walked " + paths);
        List<String> missing = new ArrayList<>();
        for (String p : paths) {
            if (!documented(doc, p)) {
                missing.add(p);
            }
        }
        assertTrue(missing.isEmpty(), "fields not in docs/json-schema.md: " + missing);
    }

    static void collect(JsonNode n, String path, Set<String> out) {
        if (DATA_KEYED.contains(path)) {
            out.add(path);
            return;
        }
        if (n.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = n.fields();
            while (it.hasNext()) {
                var e = it.next();
                collect(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out);
            }
        } else if (n.isArray() && n.size() > 0 && n.get(0).isObject()) {
            for (JsonNode x : n) {
                collect(x, path + "[]", out);
            }
        } else {
            out.add(path);
        }
    }

    /** `a.b.c` appears, or the parent `a.b` (or `a.b[]`) is documented on a line that names `c`. */
    static boolean documented(String doc, String path) {
        if (doc.contains("`" + path + "`") || doc.contains(path + ".{") || doc.contains("`" + path + "[]`")) {
            return true;
        }
        int dot = path.lastIndexOf('.');
        String parent = dot < 0 ? "" : path.substring(0, dot);
        String leaf = path.substring(dot + 1);
        if (parent.isEmpty()) {
            return doc.lines().anyMatch(l -> l.contains("`" + leaf + "`"));
        }
        for (String line : doc.lines().toList()) {
            boolean parentHere = line.contains("`" + parent + "`")
                    || line.contains("`" + parent.replace("[]", "") + "`")
                    || line.contains(parent + ".{");
            if (parentHere && (line.matches(".*[{ ,]" + Pattern.quote(leaf) + "[?,}:].*"))) {
                return true;
            }
        }
        return false;
    }
}
