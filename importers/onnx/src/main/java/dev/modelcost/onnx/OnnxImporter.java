package dev.modelcost.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.modelcost.core.io.ModelSource;
import dev.modelcost.core.io.PayloadReader;
import dev.modelcost.core.io.SourceInputStream;
import dev.modelcost.core.ir.Graph;
import dev.modelcost.core.report.LedgerCategory;
import dev.modelcost.core.spi.FileSection;
import dev.modelcost.core.spi.ImportOptions;
import dev.modelcost.core.spi.ImportedModel;
import dev.modelcost.core.spi.MalformedModelException;
import dev.modelcost.core.spi.ModelImporter;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Streams an ONNX file into the IR: structure is parsed, tensor payloads are skipped and only their
 * offsets and lengths recorded, so memory does not grow with the weights.
 */
public final class OnnxImporter implements ModelImporter {

    @Override
    public String format() {
        return "onnx";
    }

    /**
     * ONNX has no magic number. A ModelProto almost always starts with ir_version (field 1, varint:
     * byte 0x08) followed by a small version; other first fields are accepted when the name ends in .onnx.
     */
    @Override
    public boolean recognizes(String fileName, byte[] head) {
        if (head.length >= 2 && head[0] == 0x08 && head[1] > 0 && head[1] < 64) {
            // A TensorProto (.pb test data) starts with 0x08 too (its dims); what follows tells them apart.
            return head.length == 2 || followsIrVersion(head[2] & 0xff);
        }
        String name = fileName.toLowerCase(Locale.ROOT);
        return name.endsWith(".onnx") && head.length > 0 && isModelTag(head[0] & 0xff);
    }

    /**
     * Tags that follow ir_version in a ModelProto: producer_name, producer_version, domain, model_version,
     * doc_string, graph, opset_import, metadata_props, and the first bytes of the two-byte tags of
     * training_info (20) and functions (25). A TensorProto's next field is another dim (0x08) or its
     * data_type (0x10), which no ModelProto has there.
     */
    private static boolean followsIrVersion(int tag) {
        return switch (tag) {
            case 0x12, 0x1a, 0x22, 0x28, 0x32, 0x3a, 0x42, 0x72, 0xa2, 0xca -> true;
            default -> false;
        };
    }

    private static boolean isModelTag(int b) {
        int field = b >>> 3;
        int wire = b & 7;
        return field >= 1 && field <= 15 && (wire == 0 || wire == 2);
    }

    @Override
    public ImportedModel read(ModelSource source, ImportOptions options) throws IOException {
        return read(source, options, tally -> {});
    }

    /** Reads the file and hands the tally (structure ledger included) to {@code observer}; for checks. */
    ImportedModel read(ModelSource source, ImportOptions options, Consumer<ImportTally> observer) throws IOException {
        long fileBytes = source.sizeBytes();
        String file = source.location();
        ExternalData external = new ExternalData(source);
        ImportTally tally;
        Graph graph;
        ModelReader model;
        try (InputStream stream = new SourceInputStream(source)) {
            ProtoCursor cursor = new ProtoCursor(stream, file, fileBytes);
            tally = new ImportTally(cursor);
            TensorReader tensors = new TensorReader(cursor, external, tally, options.maxTensorRank());
            GraphReader graphs = new GraphReader(cursor, tensors, tally, options);
            model = new ModelReader(cursor, graphs, tally, options);
            try {
                graph = model.read();
            } catch (InvalidProtocolBufferException e) {
                throw new MalformedModelException(
                        file,
                        "byte " + cursor.position(),
                        "not a valid ONNX protobuf (" + firstLine(e.getMessage()) + ")",
                        e);
            } catch (ArithmeticException | IllegalArgumentException e) {
                throw new MalformedModelException(file, "byte " + cursor.position(), firstLine(e.getMessage()), e);
            }
        }
        if (tally.structure.rootBytes() != fileBytes) {
            throw new MalformedModelException(
                    file, "byte " + tally.structure.rootBytes(), "the model message ends before the end of the file");
        }
        tally.reportMissingExternal();
        observer.accept(tally);
        graph = FileBatchAxis.mark(graph);
        Map<String, Long> externalFiles = external.existingFiles();
        List<FileSection> sections = sections(tally, externalFiles);
        return new ImportedModel(
                "onnx",
                file,
                fileBytes,
                graph,
                sections,
                externalFiles,
                model.metadata,
                tally.diagnostics,
                PayloadReader.of(source, external.existingSources()));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unexpected content";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Everything that is not a tensor payload: the model file structure by structure, and unreferenced external bytes. */
    private static List<FileSection> sections(ImportTally tally, Map<String, Long> externalFiles) {
        List<FileSection> out = new ArrayList<>(tally.structure.sections());
        externalFiles.forEach((location, size) -> {
            long referenced = referencedBytes(tally.externalRanges.getOrDefault(location, List.of()));
            if (size - referenced != 0) {
                out.add(new FileSection(
                        LedgerCategory.PADDING_AND_FREE_SPACE,
                        "bytes of the data file no tensor references",
                        location,
                        -1,
                        size - referenced,
                        1));
            }
        });
        return out;
    }

    /**
     * The lengths of the ranges tensors reference, summed: a range two tensors reference counts twice (the ledger
     * shows each tensor's payload), so this is not the bytes covered, and the remainder can be negative.
     */
    private static long referencedBytes(List<long[]> ranges) {
        long sum = 0;
        for (long[] r : ranges) {
            sum += r[1];
        }
        return sum;
    }
}
