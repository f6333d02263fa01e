package dev.modelcost.cli.format;

import dev.modelcost.core.report.Report;
import dev.modelcost.core.report.SizeExplanation;

import java.io.PrintWriter;
import java.util.List;

/** The explanation as data: the same figures and causes as the text, documented in docs/json-schema.md. */
public final class ExplanationJsonFormatter {
    private final boolean compact;

    public ExplanationJsonFormatter() {
        this(false);
    }

    /** {@code compact}: the same object on one line (jsonl). */
    public ExplanationJsonFormatter(boolean compact) {
        this.compact = compact;
    }

    public void write(SizeExplanation e, PrintWriter out) {
        JsonWriter w = new JsonWriter(out, compact);
        w.beginObject()
                .field("schemaVersion", Report.SCHEMA_VERSION)
                .field("path", e.path())
                .field("parameters", e.parameters())
                .field("naiveBytesPerParameter", e.naiveBytesPerParameter())
                .field("naiveBytes", e.naiveBytes())
                .field("fileBytes", e.fileBytes())
                .field("externalBytes", e.externalBytes())
                .field("totalBytes", e.totalBytes())
                .field("gapBytes", e.gapBytes());
        causes(w, "bridge", e.bridge());
        causes(w, "notes", e.notes());
        w.endObject();
        w.finish();
    }

    private static void causes(JsonWriter w, String key, List<SizeExplanation.Cause> causes) {
        w.key(key).beginArray();
        for (SizeExplanation.Cause c : causes) {
            w.beginObject()
                    .field("id", c.id())
                    .field("title", c.title())
                    .field("bytes", c.bytes())
                    .field("explanation", c.explanation())
                    .endObject();
        }
        w.endArray();
    }
}
