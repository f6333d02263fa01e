package dev.modelcost.importer.tflite;

import dev.modelcost.core.io.ModelSource;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.report.Diagnostic;
import dev.modelcost.core.spi.FileSection;
import dev.modelcost.core.spi.ImportOptions;
import dev.modelcost.core.spi.ImportedModel;
import dev.modelcost.core.spi.MalformedModelException;
import dev.modelcost.core.spi.ModelImporter;
import dev.modelcost.core.spi.UnsupportedModelException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TFLite flatbuffers (identifier "TFL3"), read metadata-only: tables and vector lengths are read, buffer
 * payloads located but never read (the few bytes of a min_runtime_version entry excepted).
 */
public final class TfliteImporter implements ModelImporter {
    /** A flatbuffer addresses its tables with unsigned 32-bit offsets. */
    private static final long FLATBUFFER_LIMIT_BYTES = 1L << 32;

    private static final int SMALL_METADATA_BYTES = 64;

    @Override
    public String format() {
        return "tflite";
    }

    @Override
    public boolean recognizes(String fileName, byte[] head) {
        return head != null
                && head.length >= 8
                && new String(head, 4, 4, StandardCharsets.ISO_8859_1).equals(TfliteSchema.IDENTIFIER);
    }

    @Override
    public ImportedModel read(ModelSource source, ImportOptions options) throws IOException {
        try {
            return readModel(source, options);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (MalformedModelException e) {
            throw e.location() != null ? e : new MalformedModelException(source.location(), e.where(), e.problem(), e);
        } catch (UnsupportedModelException e) {
            throw e.location() != null ? e : new UnsupportedModelException(source.location(), e.where(), e.problem());
        }
    }

    private ImportedModel readModel(ModelSource source, ImportOptions options) throws IOException {
        if (source.sizeBytes() < 8) {
            throw new MalformedModelException(
                    (String) null,
                    "",
                    "the file is " + source.sizeBytes() + " bytes, shorter than a flatbuffer header");
        }
        PagedReader reader = new PagedReader(source, FLATBUFFER_LIMIT_BYTES);
        TfliteModel model = new ModelReader(reader, options).read();
        GraphBuilder builder = new GraphBuilder(model, source.sizeBytes(), options);
        Graph graph = builder.build();
        List<FileSection> sections =
                TfliteLedger.sections(model, builder.buffersUsed(), reader.furthestBytes(), source);
        List<Diagnostic> diagnostics = new ArrayList<>();
        builder.diagnostics().forEach(d -> diagnostics.add(Diagnostic.warning(d)));
        return new ImportedModel(format(), source, graph, sections, metadata(model, source), diagnostics);
    }

    private static Map<String, String> metadata(TfliteModel model, ModelSource source) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("schema version", Long.toString(model.schemaVersion()));
        if (!model.description().isEmpty()) {
            out.put("description", model.description());
        }
        out.put("subgraphs", Integer.toString(model.subgraphs().size()));
        List<String> names = new ArrayList<>();
        for (TfliteModel.Metadata m : model.metadata()) {
            names.add(m.name());
            if (m.name().equals("min_runtime_version")
                    && m.buffer() < model.buffers().size()) {
                TfliteModel.Buffer b = model.buffers().get((int) m.buffer());
                if (!b.isEmpty() && b.lengthBytes() <= SMALL_METADATA_BYTES) {
                    String v = new String(
                            source.readBytes(b.offsetBytes(), (int) b.lengthBytes()), StandardCharsets.ISO_8859_1);
                    out.put("min runtime version", v.contains("\0") ? v.substring(0, v.indexOf('\0')) : v);
                }
            }
        }
        if (!names.isEmpty()) {
            out.put("metadata entries", String.join(", ", names));
        }
        if (!model.signatureKeys().isEmpty()) {
            out.put("signatures", String.join(", ", model.signatureKeys()));
        }
        String quantization = QuantizationSummary.of(model);
        if (!quantization.isEmpty()) {
            out.put("quantization", quantization);
        }
        return out;
    }
}
