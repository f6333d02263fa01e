package dev.modelcost.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * modelcost explain on a shared-corpus Keras HDF5 file saved with its Adam state (issue 4's acceptance: a golden
 * test of explain for a Keras file with Adam state). The figures the golden output rests on are checked against
 * the file's truth (h5py): optimizer-state = optimizer_weights_bytes, and the bridge adds up to the file size.
 */
class ExplainKerasAdamTest {
    static final String DIR = "keras/KonduitAI__dl4j-test-resources";
    static final String FILE = "src__main__resources__modelimport__keras__weights__issue_9560.h5";

    static Path model() {
        Path p = InspectCommandTest.corpus().resolve(DIR).resolve(FILE);
        assertTrue(Files.isRegularFile(p), "corpus file missing: " + p);
        return p;
    }

    static String explain(Path model, String... options) {
        String[] args = new String[2 + options.length];
        args[0] = "explain";
        args[1] = model.toString();
        System.arraycopy(options, 0, args, 2, options.length);
        InspectCommandTest.Run r = InspectCommandTest.run(args);
        assertEquals(0, r.code(), r.err());
        return r.out().replace(model.getParent().toString(), "$CORPUS/" + DIR);
    }

    @Test
    void explainKerasFileWithAdamStateMatchesItsGoldenFile() throws Exception {
        Golden.check("ExplainKerasAdamTest.explainIssue9560.txt", explain(model()));
    }

    @Test
    void explainKerasFileWithAdamStateAsJsonMatchesItsGoldenFile() throws Exception {
        Golden.check("ExplainKerasAdamTest.explainIssue9560AsJson.json", explain(model(), "--format", "json"));
    }

    /** From the truth file: file_size_bytes 3,275,344; optimizer_weights_bytes 2,139,704; weights storage 1,070,360 (267,590 fp32). */
    @Test
    void theBridgeAddsUpAndTheAdamStateIsTheTruths() throws Exception {
        JsonNode j = new ObjectMapper().readTree(explain(model(), "--format", "json"));
        assertEquals(3_275_344L, j.get("totalBytes").asLong(), "file_size_bytes");
        assertEquals(267_590L, j.get("parameters").asLong(), "totals.weights.elements");
        long sum = j.get("naiveBytes").asLong();
        long optimizer = -1;
        for (JsonNode c : j.get("bridge")) {
            sum += c.get("bytes").asLong();
            if (c.toString().contains("optimizer")) {
                optimizer = c.get("bytes").asLong();
            }
        }
        assertEquals(j.get("totalBytes").asLong(), sum, "naive + causes = bytes on disk");
        assertEquals(2_139_704L, optimizer, "optimizer_weights_bytes");
    }
}
