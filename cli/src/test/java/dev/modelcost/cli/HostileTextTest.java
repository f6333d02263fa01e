package dev.modelcost.cli;

import dev.modelcost.onnx.schema.OnnxSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Names, op types and locations come from the file: a hostile one must not reach the terminal as an escape
 * sequence, a carriage return that overwrites the line, or a bidirectional override that disguises text.
 */
class HostileTextTest {
    /** Clears the screen, sets the window title, and reverses the text after it. */
    static final String HOSTILE = "fc\u001b[2J\u001b]0;pwned\u0007\rX\u202egpj.exe";

    @TempDir
    Path dir;

    @Test
    void reportsShowControlCharactersAsEscapes() throws Exception {
        Path f = dir.resolve("m.onnx");
        OnnxSchema.Model m = OnnxSchema.Model.newBuilder()
                .setIrVersion(8)
                .setProducerName(HOSTILE)
                .addOpsetImport(OnnxSchema.OpsetId.newBuilder().setVersion(13))
                .setGraph(OnnxSchema.Graph.newBuilder()
                        .setName(HOSTILE)
                        .addInput(OnnxSchema.ValueInfo.newBuilder()
                                .setName("x")
                                .setType(OnnxSchema.Type.newBuilder()
                                        .setTensorType(OnnxSchema.Type.TensorType.newBuilder()
                                                .setElemType(1)
                                                .setShape(OnnxSchema.Shape.newBuilder()
                                                        .addDim(OnnxSchema.Shape.Dimension.newBuilder()
                                                                .setDimValue(4))))))
                        .addNode(OnnxSchema.Node.newBuilder()
                                .setName(HOSTILE)
                                .setOpType("Relu" + HOSTILE)
                                .addInput("x")
                                .addOutput(HOSTILE))
                        .addOutput(OnnxSchema.ValueInfo.newBuilder().setName(HOSTILE)))
                .build();
        Files.write(f, m.toByteArray());
        for (String format : new String[] {"text", "csv", "markdown", "html", "json"}) {
            InspectCommandTest.Run r = InspectCommandTest.run("inspect", f.toString(), "--format", format);
            assertEquals(0, r.code(), format + ": " + r.err());
            assertTerminalSafe(format, r.out());
            assertTrue(r.out().contains("\\u001b[2J"), format + " shows the escape visibly");
            if (format.equals("json")) {
                // Still valid JSON, and the name decodes back to exactly what the file holds.
                var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
                boolean found = false;
                for (var layer : json.get("layers")) {
                    found |= HOSTILE.equals(layer.get("name").asText());
                }
                assertTrue(found, "the hostile node name, decoded: " + json.get("layers"));
            }
        }
    }

    @Test
    void anErrorNamingAHostileLocationIsOneSafeLine() throws Exception {
        Path f = dir.resolve("m.onnx");
        OnnxSchema.Tensor t = OnnxSchema.Tensor.newBuilder()
                .setName(HOSTILE)
                .setDataType(1)
                .addDims(4)
                .setDataLocation(OnnxSchema.Tensor.Location.EXTERNAL)
                .addExternalData(
                        OnnxSchema.KeyValue.newBuilder().setKey("location").setValue("../\n" + HOSTILE))
                .addExternalData(
                        OnnxSchema.KeyValue.newBuilder().setKey("length").setValue("16"))
                .build();
        Files.write(
                f,
                OnnxSchema.Model.newBuilder()
                        .setIrVersion(8)
                        .addOpsetImport(OnnxSchema.OpsetId.newBuilder().setVersion(13))
                        .setGraph(OnnxSchema.Graph.newBuilder().setName("g").addInitializer(t))
                        .build()
                        .toByteArray());
        InspectCommandTest.Run r = InspectCommandTest.run("inspect", f.toString());
        assertEquals(ExitCodes.MALFORMED, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTerminalSafe("stderr", r.err());
        assertTrue(r.err().contains("m.onnx"), r.err());
    }

    @Test
    void csvLineEndsSurviveAndALoneCarriageReturnDoesNot() throws Exception {
        StringWriter s = new StringWriter();
        try (TerminalSafeWriter w = new TerminalSafeWriter(s)) {
            w.write("a,b\r\n");
            w.write("c\rd\r");
            w.write("\ne\u009b1m\t\u2066f\r");
        }
        assertEquals("a,b\r\nc\\u000dd\r\ne\\u009b1m\t\\u2066f\\u000d", s.toString());
        assertEquals("a b \\u001b[0m", TerminalSafeWriter.escapeLine("a\nb \u001b[0m"));
    }

    static void assertTerminalSafe(String what, String text) {
        int at = TerminalSafeWriter.firstUnsafe(text);
        assertEquals(-1, at, what + ": raw character at " + at + " in " + text);
    }
}
