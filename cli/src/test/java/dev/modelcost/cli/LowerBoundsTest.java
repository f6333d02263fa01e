package dev.modelcost.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Unknown is never printed as a plain number: a partial figure is "≥ N" / ">= N", a figure nothing could be counted
 * for is "unknown". sm_cnn's Conv nodes cannot be inferred (2-D strides on 1-D inputs) and silero_vad_half has a
 * symbolic sequence length: both reports are partial by construction of the files.
 */
class LowerBoundsTest {
    private static String inspect(String file, String... options) {
        String[] args = new String[options.length + 2];
        args[0] = "inspect";
        args[1] = InspectCommandTest.corpus().resolve(file).toString();
        System.arraycopy(options, 0, args, 2, options.length);
        return InspectCommandTest.run(args).out();
    }

    @Test
    void partialFiguresAreMarkedInTextMarkdownAndHtml() {
        String text = inspect("onnx/dl4j-test-resources/onnx_graphs__sm_cnn.onnx");
        assertTrue(text.contains("MACs: >= "), text);
        assertTrue(text.contains("Activations per sample: >= "), text);
        assertTrue(text.contains("Peak live activations: >= "), text);
        String markdown = inspect("onnx/dl4j-test-resources/onnx_graphs__sm_cnn.onnx", "-f", "markdown");
        assertTrue(markdown.contains("| MACs per sample | ≥ "), markdown);
        String html = inspect("onnx/dl4j-test-resources/onnx_graphs__sm_cnn.onnx", "-f", "html");
        assertTrue(html.contains("partial: some shapes are unknown"), "the memory chart says it is partial");
    }

    /** sm_cnn's node 13 is a Conv whose output shape cannot be inferred: its activations are not known. */
    @Test
    void aLayerWhoseShapeIsUnknownHasUnknownActivationsInEveryTable() {
        String file = "onnx/dl4j-test-resources/onnx_graphs__sm_cnn.onnx";
        var records = CrossFoot.parseCsv(inspect(file, "-f", "csv"));
        List<String> head = records.get(0);
        List<String> conv =
                records.stream().filter(r -> r.get(0).equals("13")).findFirst().orElseThrow();
        assertEquals("Conv", conv.get(head.indexOf("op")));
        assertEquals("", conv.get(head.indexOf("activation_elements")), "unknown, not 0");
        assertEquals("", conv.get(head.indexOf("macs")), "unknown, not 0");
        String row = inspect(file)
                .lines()
                .filter(l -> l.startsWith("13 "))
                .findFirst()
                .orElseThrow();
        assertTrue(row.matches("13 +Conv +\\[\\?\\.\\.] +\\? +\\? .*"), row);
        String md = inspect(file, "-f", "markdown");
        assertTrue(md.contains("| 13 | Conv | [?..] | ? | ? |"), md);
    }

    @Test
    void macsNothingCouldBeCountedForAreUnknownNotZero() {
        String text = inspect("onnx/real/silero_vad_half.onnx");
        assertTrue(text.contains("MACs: unknown"), text);
        assertFalse(text.contains("MACs: 0 "), text);
    }
}
