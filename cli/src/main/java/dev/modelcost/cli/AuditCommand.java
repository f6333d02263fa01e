package dev.modelcost.cli;

import dev.modelcost.cli.format.AuditFormats;
import dev.modelcost.cli.format.AuditRun;
import dev.modelcost.cli.format.FormatOptions;
import dev.modelcost.core.ModelCost;
import dev.modelcost.core.analysis.Assumptions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * modelcost audit DIR: every model file under a folder (told by content; other files are skipped), in path order;
 * or audit --urls FILE: every URL of a file, in the file's order.
 * A file that fails is listed with its error and counted, and the walk goes on. Files are analysed in parallel;
 * the output order does not depend on it. A progress bar goes to stderr when stderr is a terminal.
 */
@Command(
        name = "audit",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Report every model file under a folder (recursively; formats told by content, other files skipped), "
                    + "or every http(s) URL listed in a file (--urls FILE), read by range requests.",
            "text: one line per file (path, format, parameters, MACs, file bytes, status), then the counts "
                    + "and the failed files with their errors; csv: one record per file; jsonl: each file's "
                    + "JSON report (or its error) on one line; markdown: the table and the failures.",
            "A file that cannot be read is listed as failed and the run goes on: the exit code is 0 when the "
                    + "run completed, even if some files failed (count them in the output); 2 for a usage error; "
                    + ExitCodes.THRESHOLD + " when a --fail-on or --max-* threshold was crossed by any file."
        },
        footer = ExitCodes.HELP)
public final class AuditCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "folder to walk recursively")
    Path dir;

    @Option(
            names = "--urls",
            paramLabel = "FILE",
            description =
                    "instead of DIR: a file of http(s) URLs, one per line "
                            + "(blank lines and lines starting with # skipped), each read by range requests; lines in the file's order")
    Path urls;

    @CommandLine.Mixin
    RemoteOptions remote = new RemoteOptions();

    @CommandLine.Mixin
    FormatOptions format = new FormatOptions();

    @CommandLine.Mixin
    GateOptions gates = new GateOptions();

    @Option(names = "--batch", description = "samples per step (default: the batch the file fixes, else 1)")
    Long batch;

    @Option(
            names = "--dim",
            paramLabel = "NAME=VALUE",
            description = "value of a symbolic dimension, e.g. --dim seq=128 (repeatable)")
    Map<String, Long> dims = new LinkedHashMap<>();

    @Option(names = "--threads", description = "files analysed at once (default: available processors)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(
            names = "--progress",
            negatable = true,
            description = "show a progress bar on stderr (default: only when stderr is a terminal)")
    Boolean progress;

    @Option(names = "--stacktrace", description = "print the stack trace of an error")
    boolean stacktrace;

    @Override
    public Integer call() throws Exception {
        if ((dir == null) == (urls == null)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "give a folder (DIR) or --urls FILE, not both");
        }
        if (urls != null) {
            return auditUrls();
        }
        if (!Files.isDirectory(dir)) {
            throw new CommandLine.ParameterException(spec.commandLine(), dir + " is not a folder");
        }
        if (batch != null && batch < 1 || threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--batch and --threads must be at least 1");
        }
        var formatter = FormatChoice.of(AuditFormats.ALL, format, spec);
        ModelCost modelcost = ModelCost.standard();
        Assumptions assumptions = new Assumptions(batch == null ? 1 : batch, dims, null, null, batch != null);
        List<Path> all = regularFiles();
        List<Path> files = new ArrayList<>();
        for (Path p : all) {
            if (modelcost.recognizes(p) || namedAsModel(p)) {
                files.add(p);
            }
        }
        boolean showProgress = progress != null ? progress : StderrTerminal.isTerminal();
        List<AuditRun.Entry> entries = new ArrayList<>(files.size());
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, files.size())));
        try (AuditProgress bar = showProgress
                ? AuditProgress.bar(files.size(), spec.commandLine().getErr())
                : AuditProgress.none()) {
            List<Future<AuditRun.Entry>> futures = new ArrayList<>(files.size());
            for (Path f : files) {
                futures.add(pool.submit(() -> {
                    try {
                        return entry(modelcost, f, assumptions);
                    } finally {
                        bar.step();
                    }
                }));
            }
            for (Future<AuditRun.Entry> e : futures) {
                entries.add(e.get());
            }
        } finally {
            pool.shutdownNow();
        }
        formatter.write(
                new AuditRun(dir.toString(), entries, all.size() - files.size()),
                spec.commandLine().getOut());
        return gateExit(entries);
    }

    /** OK, or THRESHOLD when any file crosses a --fail-on / --max-* gate (each crossing named on stderr). */
    private int gateExit(List<AuditRun.Entry> entries) {
        List<String> crossings = new ArrayList<>();
        for (AuditRun.Entry e : entries) {
            crossings.addAll(e.ok() ? gates.crossedBy(e.report()) : gates.crossedByFailure(e.path(), e.error()));
        }
        return GateOptions.exitCode(crossings, spec.commandLine().getErr());
    }

    /**
     * A file named as a model that no importer claims by content (an empty or cut .onnx) is a model that failed,
     * not an unrelated file to skip. Zips are left out: most are not models.
     */
    private static boolean namedAsModel(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".onnx") || name.endsWith(".h5") || name.endsWith(".hdf5") || name.endsWith(".keras");
    }

    /** audit --urls: the URLs of a file, inspected in parallel, reported in the file's order. */
    private Integer auditUrls() throws Exception {
        if (batch != null && batch < 1 || threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--batch and --threads must be at least 1");
        }
        var formatter = FormatChoice.of(AuditFormats.ALL, format, spec);
        List<String> list = UrlList.read(urls, spec);
        var options = remote.toOptions(spec);
        ModelCost modelcost = ModelCost.standard();
        Assumptions assumptions = new Assumptions(batch == null ? 1 : batch, dims, null, null, batch != null);
        boolean showProgress = progress != null ? progress : StderrTerminal.isTerminal();
        List<AuditRun.Entry> entries = new ArrayList<>(list.size());
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, list.size())));
        try (AuditProgress bar =
                showProgress ? AuditProgress.bar(list.size(), spec.commandLine().getErr()) : AuditProgress.none()) {
            List<Future<AuditRun.Entry>> futures = new ArrayList<>(list.size());
            for (String url : list) {
                futures.add(pool.submit(() -> {
                    try {
                        return urlEntry(modelcost, url, assumptions, options);
                    } finally {
                        bar.step();
                    }
                }));
            }
            for (Future<AuditRun.Entry> e : futures) {
                entries.add(e.get());
            }
        } finally {
            pool.shutdownNow();
        }
        formatter.write(
                new AuditRun(urls.toString(), entries, 0), spec.commandLine().getOut());
        return gateExit(entries);
    }

    private AuditRun.Entry urlEntry(
            ModelCost modelcost,
            String url,
            Assumptions assumptions,
            dev.modelcost.source.http.HttpSourceOptions options) {
        try {
            var report = ModelArguments.inspectUrl(modelcost, url, assumptions, options);
            return new AuditRun.Entry(report.model().path(), report.model().format(), report, null);
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            if (stacktrace) {
                synchronized (spec.commandLine().getErr()) {
                    e.printStackTrace(spec.commandLine().getErr());
                }
            }
            return new AuditRun.Entry(ModelArguments.shownUrl(url), "?", null, message(e));
        }
    }

    private List<Path> regularFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** The report of one file, or the error that stopped it; nothing a file does ends the run. */
    private AuditRun.Entry entry(ModelCost modelcost, Path file, Assumptions assumptions) {
        String path = dir.relativize(file).toString();
        String fmt = "?";
        try {
            fmt = modelcost.formatOf(file).orElse("?");
            return new AuditRun.Entry(path, fmt, modelcost.inspect(file, assumptions), null);
        } catch (Exception | StackOverflowError | OutOfMemoryError e) {
            if (stacktrace) {
                synchronized (spec.commandLine().getErr()) {
                    e.printStackTrace(spec.commandLine().getErr());
                }
            }
            return new AuditRun.Entry(path, fmt, null, message(e));
        }
    }

    private static String message(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.replace('\n', ' ');
    }
}
