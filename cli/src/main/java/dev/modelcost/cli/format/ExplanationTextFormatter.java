package dev.modelcost.cli.format;

import dev.modelcost.core.report.ByteUnits;
import dev.modelcost.core.report.SizeExplanation;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The plain-language account of a file's size: the naive figure, the bytes on disk, each cause with its bytes. */
public final class ExplanationTextFormatter {

    public void write(SizeExplanation e, PrintWriter out) {
        out.printf(
                "%s: %s parameters x %d bytes vs the bytes on disk%n%n",
                e.path(), n(e.parameters()), e.naiveBytesPerParameter());
        int w = Math.max(n(e.naiveBytes()).length(), n(e.totalBytes()).length()) + 1;
        out.printf(
                "  Parameters x %d bytes:  %" + w + "s bytes (%s)%n",
                e.naiveBytesPerParameter(),
                n(e.naiveBytes()),
                ByteUnits.both(e.naiveBytes()));
        out.printf(
                "  On disk:               %" + w + "s bytes (%s)%s%n",
                n(e.totalBytes()),
                ByteUnits.both(e.totalBytes()),
                e.externalBytes() > 0
                        ? ", model file " + n(e.fileBytes()) + " + external data " + n(e.externalBytes())
                        : "");
        out.printf("  Difference:            %" + w + "s bytes%n", signed(e.gapBytes()));
        out.println();
        if (e.bridge().isEmpty()) {
            out.println("The file holds exactly its parameters at 4 bytes each: nothing else to explain.");
        } else {
            out.println("Where the difference comes from (these add up to it exactly):");
            causes(e.bridge(), out, true);
        }
        if (!e.notes().isEmpty()) {
            out.println();
            out.println("Also worth knowing (these bytes are already inside the figures above):");
            causes(e.notes(), out, false);
        }
        out.flush();
    }

    private static void causes(List<SizeExplanation.Cause> causes, PrintWriter out, boolean signed) {
        int w = 0;
        for (SizeExplanation.Cause c : causes) {
            w = Math.max(w, (signed ? signed(c.bytes()) : n(c.bytes())).length());
        }
        for (SizeExplanation.Cause c : causes) {
            String bytes =
                    String.format(Locale.ROOT, "  %" + w + "s bytes  ", signed ? signed(c.bytes()) : n(c.bytes()));
            Paragraph.print(out, bytes, bytes.length(), c.title() + ". " + c.explanation());
        }
    }

    private static String signed(long v) {
        return (v > 0 ? "+" : "") + n(v);
    }

    private static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }
}
