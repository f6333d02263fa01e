package dev.modelcost.core.io;

import dev.modelcost.core.spi.MalformedModelException;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A model file on the local disk, read by positional reads of one {@link FileChannel}. With the external-data
 * resolution of {@link #openSibling}, the only place that opens a model's path. Siblings are opened lazily (a model
 * may name thousands of external files) and closed with the source that opened them.
 */
public final class FileSource implements ModelSource {
    private final Path path;
    private final Path openPath;
    private final boolean sibling;
    private final long sizeBytes;
    private final Folder folder;
    private final List<FileSource> siblings = new ArrayList<>();
    private FileChannel channel;
    private boolean closed;

    private FileSource(Path path, Path openPath, boolean sibling, long sizeBytes, FileChannel channel, Folder folder) {
        this.path = path;
        this.openPath = openPath;
        this.sibling = sibling;
        this.sizeBytes = sizeBytes;
        this.channel = channel;
        this.folder = folder;
    }

    /** Opens a regular file; anything else (missing, a folder, a pipe) is refused before it is opened. */
    public static FileSource open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new MalformedModelException(file, "", Files.exists(file) ? "not a regular file" : "no such file");
        }
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        return new FileSource(file, file, false, ch.size(), ch, new Folder(file));
    }

    @Override
    public String location() {
        return path.toString();
    }

    @Override
    public String fileName() {
        Path name = path.getFileName();
        return name == null ? "" : name.toString();
    }

    @Override
    public long sizeBytes() {
        return sizeBytes;
    }

    @Override
    public void readFully(long offsetBytes, ByteBuffer target) throws IOException {
        SourceBounds.check(this, offsetBytes, target.remaining());
        FileChannel ch = channel();
        long at = offsetBytes;
        while (target.hasRemaining()) {
            int n = ch.read(target, at);
            if (n < 0) {
                throw new EOFException(location() + " ended at byte " + at + " while being read (it was " + sizeBytes
                        + " bytes when opened)");
            }
            at += n;
        }
    }

    @Override
    public Optional<ModelSource> openSibling(String relativeLocation) throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        Optional<Path> real = folder.resolve(relativeLocation, location());
        if (real.isEmpty()) {
            return Optional.empty();
        }
        FileSource s = new FileSource(
                folder.path.resolve(relativeLocation).normalize(),
                real.get(),
                true,
                Files.size(real.get()),
                null,
                folder);
        siblings.add(s);
        return Optional.of(s);
    }

    /** A sibling is opened at its first read: the checked real path, still a regular file, never through a link. */
    private FileChannel channel() throws IOException {
        if (closed) {
            throw new ClosedChannelException();
        }
        if (channel == null) {
            if (!Files.isRegularFile(openPath, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException("no longer a regular file");
            }
            channel = FileChannel.open(openPath, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        }
        return channel;
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException first = null;
        for (FileSource s : siblings) {
            try {
                s.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (channel != null) {
            channel.close();
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public String toString() {
        return (sibling ? "sibling " : "") + location();
    }

    /**
     * The model's folder and the confinement of relative locations to it: no absolute path, no "..", no
     * link that leads out (checked on the path as named and on its real path).
     */
    private static final class Folder {
        private final Path path;
        private Path realPath;

        Folder(Path modelFile) {
            this.path = modelFile.toAbsolutePath().normalize().getParent();
        }

        /** The checked real path of an existing regular file at {@code location}, or empty when there is none. */
        Optional<Path> resolve(String location, String model) throws IOException {
            Path candidate = candidate(location, model);
            if (!Files.isRegularFile(candidate)) {
                return Optional.empty();
            }
            Path real = candidate.toRealPath();
            if (!real.startsWith(realFolder())) {
                throw refused(model, location, "is a link that leads out of the model's folder");
            }
            return Optional.of(real);
        }

        private Path candidate(String location, String model) throws IOException {
            if (location.isEmpty() || location.indexOf('\0') >= 0) {
                throw new MalformedModelException(model, "", "location is empty or invalid");
            }
            Path rel;
            try {
                rel = Path.of(location);
            } catch (InvalidPathException e) {
                throw refused(model, location, "is not a valid path");
            }
            if (rel.isAbsolute()
                    || location.startsWith("/")
                    || location.startsWith("\\")
                    || location.matches("^[A-Za-z]:.*")) {
                throw refused(model, location, "is an absolute path; only files in the model's folder are read");
            }
            for (Path part : rel) {
                if (part.toString().equals("..")) {
                    throw refused(model, location, "leaves the model's folder");
                }
            }
            Path candidate = path.resolve(rel).normalize();
            if (!candidate.startsWith(path)) {
                throw refused(model, location, "leaves the model's folder");
            }
            if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)
                    && !candidate.toRealPath().startsWith(realFolder())) {
                throw refused(model, location, "is a link that leads out of the model's folder");
            }
            return candidate;
        }

        private Path realFolder() throws IOException {
            if (realPath == null) {
                realPath = path.toRealPath();
            }
            return realPath;
        }

        private static MalformedModelException refused(String model, String location, String problem) {
            return new MalformedModelException(model, "", "location '" + location + "' " + problem);
        }
    }
}
