package dev.modelcost.cli;

import dev.modelcost.source.http.HttpRangeSource;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The file of audit --urls: one http(s) URL a line; blank lines and # comments skipped; bounded in size. */
final class UrlList {
    private static final long MAX_FILE_BYTES = 16L << 20;

    private UrlList() {}

    static List<String> read(Path file, CommandLine.Model.CommandSpec spec) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(spec.commandLine(), file + " is not a file");
        }
        if (Files.size(file) > MAX_FILE_BYTES) {
            throw new CommandLine.ParameterException(spec.commandLine(), file + " is larger than 16 MiB");
        }
        List<String> urls = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (!HttpRangeSource.isUrl(line)) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), file + ": line " + (i + 1) + " is not an http:// or https:// URL");
            }
            urls.add(line);
        }
        return urls;
    }
}
