package dev.modelcost.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** --format and --top as users meet them. */
class FormatOptionsTest {
    private static String squeezenet() {
        return InspectCommandTest.corpus()
                .resolve("onnx/torchvision/squeezenet1_1.onnx")
                .toString();
    }

    @Test
    void topKeepsTheLargestLayersAndAnOtherRow() {
        InspectCommandTest.Run r = InspectCommandTest.run("inspect", squeezenet(), "--format", "csv", "--top", "3");
        assertEquals(0, r.code(), r.err());
        var records = CrossFoot.parseCsv(r.out());
        // header, one input, three layers, the "other" row
        assertEquals(6, records.size(), r.out());
        assertTrue(records.get(5).get(0).startsWith("(other "), r.out());
        // The largest parameter tensor of SqueezeNet 1.1 is the 1000×512 classifier convolution (torchvision's
        // definition).
        assertTrue(r.out().contains("/classifier/classifier.1/Conv"), r.out());
    }

    @Test
    void topZeroFoldsEveryLayerIntoOther() {
        InspectCommandTest.Run r = InspectCommandTest.run("inspect", squeezenet(), "--top", "0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("(other "), r.out());
    }

    @Test
    void jsonlIsOneCompactLineOfTheSameReport() throws Exception {
        InspectCommandTest.Run l = InspectCommandTest.run("inspect", squeezenet(), "--format", "jsonl");
        InspectCommandTest.Run j = InspectCommandTest.run("inspect", squeezenet(), "-f", "json");
        assertEquals(1, l.out().lines().count());
        ObjectMapper m = new ObjectMapper();
        assertEquals(m.readTree(j.out()), m.readTree(l.out()));
    }

    @Test
    void badFormatOptionsAreUsageErrors() {
        assertEquals(
                2,
                InspectCommandTest.run("inspect", squeezenet(), "--format", "pdf")
                        .code());
        assertEquals(
                2,
                InspectCommandTest.run("inspect", squeezenet(), "--top", "-1").code());
        assertEquals(
                2,
                InspectCommandTest.run("inspect", squeezenet(), "--top-by", "weight")
                        .code());
        InspectCommandTest.Run depth0 = InspectCommandTest.run("inspect", squeezenet(), "--depth", "0");
        assertEquals(2, depth0.code());
        assertTrue(depth0.err().contains("--depth must be 1 or more"), depth0.err());
        assertEquals(
                2,
                InspectCommandTest.run("compare", squeezenet(), squeezenet(), "--depth", "1")
                        .code());
    }

    @Test
    void commandsWithoutALayerTableRefuseTopRatherThanIgnoreIt() throws Exception {
        Path dir = Path.of(squeezenet()).getParent();
        assertEquals(
                2, InspectCommandTest.run("explain", squeezenet(), "--top", "3").code());
        assertEquals(
                2,
                InspectCommandTest.run("audit", dir.toString(), "--top-by", "macs", "--no-progress")
                        .code());
        assertEquals(
                2,
                InspectCommandTest.run("compare", squeezenet(), squeezenet(), "--top", "3")
                        .code());
    }
}
