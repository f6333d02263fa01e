package dev.modelcost.cli;

import dev.modelcost.cli.format.JsonReportFormatter;
import dev.modelcost.cli.format.JsonWriter;
import dev.modelcost.core.ModelCost;
import dev.modelcost.core.analysis.Assumptions;
import dev.modelcost.core.report.Report;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * modelcost audit DIR: every model file under a folder (told by content; other files are skipped), one
 * JSON report per line in path order. A file that fails yields {"model":{"path":..},"error":..} and the
 * walk goes on. Files are analysed in parallel; the output order does not depend on it.
 */
@Command(name = "audit",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Report every model file under a folder, one JSON object per line.",
        footer = ExitCodes.HELP)
public final class AuditCommand implements Callable<Integer> {

    enum Format { jsonl }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "folder to walk recursively")
    Path dir;

    @Option(names = "--format", defaultValue = "jsonl", description = "output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--batch", defaultValue = "1", description = "samples per step for activation memory (default: ${DEFAULT-VALUE})")
    long batch;

    @Option(names = "--dim", paramLabel = "NAME=VALUE", description = "value of a symbolic dimension, e.g. --dim seq=128 (repeatable)")
    Map<String, Long> dims = new LinkedHashMap<>();

    @Option(names = "--threads", description = "files analysed at once (default: available processors)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--stacktrace", description = "print the stack trace of an error")
    boolean stacktrace;

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dir)) {
            throw new CommandLine.ParameterException(spec.commandLine(), dir + " is not a folder");
        }
        if (batch < 1 || threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--batch and --threads must be at least 1");
        }
        ModelCost modelcost = ModelCost.standard();
        Assumptions assumptions = new Assumptions(batch, dims, null);
        List<Path> files = modelFiles(modelcost);
        PrintWriter out = spec.commandLine().getOut();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, files.size())));
        try {
            List<Future<String>> lines = new ArrayList<>(files.size());
            for (Path f : files) {
                lines.add(pool.submit(() -> line(modelcost, f, assumptions)));
            }
            for (Future<String> l : lines) {
                out.print(l.get());
            }
            out.flush();
        } finally {
            pool.shutdownNow();
        }
        return ExitCodes.OK;
    }

    private List<Path> modelFiles(ModelCost modelcost) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                if (modelcost.recognizes(p)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** One JSON line: the report, or the error that stopped this file. */
    private String line(ModelCost modelcost, Path file, Assumptions assumptions) {
        StringWriter text = new StringWriter();
        PrintWriter w = new PrintWriter(text);
        try {
            Report r = modelcost.inspect(file, assumptions);
            new JsonReportFormatter(true).write(r, w);
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            text.getBuffer().setLength(0);
            JsonWriter j = new JsonWriter(w, true);
            j.beginObject();
            j.key("model").beginObject().field("path", file.toString()).endObject();
            j.field("error", message(e));
            j.endObject();
            j.finish();
            if (stacktrace) {
                e.printStackTrace(spec.commandLine().getErr());
            }
        }
        w.flush();
        return text.toString();
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.replace('\n', ' ');
    }
}
