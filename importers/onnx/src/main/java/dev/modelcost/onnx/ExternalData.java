package dev.modelcost.onnx;

import dev.modelcost.core.spi.MalformedModelException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Resolves ONNX external-data locations defensively: relative paths inside the model's own folder only
 * (no absolute paths, no "..", no symbolic link that leads out), and each file's size is looked up once.
 * Nothing is opened here: sizes come from file attributes.
 */
final class ExternalData {
    private final Path modelFile;
    private final Path folder;
    private final Path realFolder;
    private final Map<String, Long> sizes = new LinkedHashMap<>();
    private final Map<String, Path> realPaths = new LinkedHashMap<>();

    ExternalData(Path modelFile) throws IOException {
        this.modelFile = modelFile;
        Path parent = modelFile.toAbsolutePath().normalize().getParent();
        this.folder = parent;
        this.realFolder = parent.toRealPath();
    }

    /** The size of the file at {@code location}, or -1 when it does not exist. Refuses locations outside the folder. */
    long sizeOf(String location, String tensorName) throws IOException {
        Long known = sizes.get(location);
        if (known != null) {
            return known;
        }
        Path resolved = resolve(location, tensorName);
        long size = -1;
        if (Files.isRegularFile(resolved)) {
            // The real path, checked once more to be inside the folder, is what analyses later open.
            Path real = resolved.toRealPath();
            if (!real.startsWith(realFolder)) {
                throw new MalformedModelException(modelFile, "tensor '" + tensorName + "'", "external data location '"
                        + location + "' is a link that leads out of the model's folder");
            }
            size = Files.size(real);
            realPaths.put(location, real);
        }
        sizes.put(location, size);
        return size;
    }

    private Path resolve(String location, String tensorName) throws IOException {
        String where = "tensor '" + tensorName + "'";
        if (location.isEmpty() || location.indexOf('\0') >= 0) {
            throw new MalformedModelException(modelFile, where, "external data location is empty or invalid");
        }
        Path rel;
        try {
            rel = Path.of(location);
        } catch (RuntimeException e) {
            throw new MalformedModelException(modelFile, where, "external data location '" + location + "' is not a valid path");
        }
        if (rel.isAbsolute() || location.startsWith("/") || location.startsWith("\\") || location.matches("^[A-Za-z]:.*")) {
            throw new MalformedModelException(modelFile, where, "external data location '" + location
                    + "' is an absolute path; only files in the model's folder are read");
        }
        for (Path part : rel) {
            if (part.toString().equals("..")) {
                throw new MalformedModelException(modelFile, where, "external data location '" + location
                        + "' leaves the model's folder");
            }
        }
        Path candidate = folder.resolve(rel).normalize();
        if (!candidate.startsWith(folder)) {
            throw new MalformedModelException(modelFile, where, "external data location '" + location
                    + "' leaves the model's folder");
        }
        if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS) && !candidate.toRealPath().startsWith(realFolder)) {
            throw new MalformedModelException(modelFile, where, "external data location '" + location
                    + "' is a link that leads out of the model's folder");
        }
        return candidate;
    }

    /** The checked real paths of the external files that exist, by location. */
    Map<String, Path> existingRealPaths() {
        return new LinkedHashMap<>(realPaths);
    }

    /** Sizes of the external files that exist, by location. */
    Map<String, Long> existingFiles() {
        Map<String, Long> out = new LinkedHashMap<>();
        sizes.forEach((k, v) -> {
            if (v >= 0) {
                out.put(k, v);
            }
        });
        return out;
    }
}
