package dev.modelcost.source.http;

import dev.modelcost.core.io.ModelSource;
import dev.modelcost.core.io.SourceBounds;
import dev.modelcost.core.spi.MalformedModelException;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A model file on an HTTP(S) server, read by range requests. The first request (bytes of the first block) gives the
 * size and the validators (ETag, Last-Modified), which are pinned: an answer for another size or validator ends the
 * read. Small reads go through a cache of fixed blocks, a run of missing blocks in one request, with read-ahead
 * that grows while reads go forward; large reads go straight into the caller's buffer. Every request counts against
 * one byte budget and one per-request deadline ({@link HttpSourceOptions}).
 */
public final class HttpRangeSource implements ModelSource {

    private static final int DIRECT_READ_BLOCKS = 4;
    private static final int MAX_READ_AHEAD_BLOCKS = 16;
    private static final long MAX_REQUEST_BYTES = 16L << 20;

    private final FetchSession session;
    private final URI uri;
    private final String location;
    private final long sizeBytes;
    private final String etag;
    private final String lastModified;
    private final boolean streamed;
    private final int blockBytes;
    private final BlockCache cache;
    /** The files opened beside this one, by URL: they live and close with it. */
    private final Map<URI, HttpRangeSource> siblings = new LinkedHashMap<>();

    private URI fetchUri;
    private boolean closed;
    private long lastMissEndBlock = -1;
    private int readAheadBlocks;

    private HttpRangeSource(FetchSession session, URI uri, String location, FetchSession.Answer first) {
        this.session = session;
        this.uri = uri;
        this.location = location;
        this.sizeBytes = first.totalBytes();
        this.etag = first.etag();
        this.lastModified = first.lastModified();
        this.streamed = first.status() == 200;
        this.fetchUri = first.finalUri();
        this.blockBytes = session.options().blockBytes();
        this.cache = new BlockCache(session.options().cacheBytes());
        if (sizeBytes > 0) {
            ByteBuffer body = first.body();
            byte[] block0 = new byte[body.remaining()];
            body.get(block0);
            cache.put(0, block0);
        }
    }

    /** Opens {@code url} (http or https) with one request: its first block, its size and its validators. */
    public static HttpRangeSource open(String url, HttpSourceOptions options) throws IOException {
        URI uri = parseUrl(url);
        FetchSession session = new FetchSession(uri, options);
        HttpRangeSource source = open(session, uri);
        session.fixBudget(source.sizeBytes);
        return source;
    }

    private static HttpRangeSource open(FetchSession session, URI uri) throws IOException {
        String location = displayLocation(uri);
        FetchSession.Answer first = session.fetch(
                location,
                uri,
                0,
                session.options().blockBytes() - 1,
                -1,
                session.options().allowDownload());
        return new HttpRangeSource(session, uri, location, first);
    }

    /** Whether a command-line argument names a remote file rather than a path. */
    public static boolean isUrl(String argument) {
        String lower = argument.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public String fileName() {
        String path = uri.getPath() == null ? "" : uri.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    @Override
    public long sizeBytes() {
        return sizeBytes;
    }

    /** Requests and bytes of the whole read so far: this file and the files opened beside it. */
    public FetchStatistics statistics() {
        return session.statistics();
    }

    /** Whether the server ignored ranges and the file is streamed from its start (--allow-download). */
    public boolean streamed() {
        return streamed;
    }

    @Override
    public synchronized void readFully(long offsetBytes, ByteBuffer target) throws IOException {
        SourceBounds.check(this, offsetBytes, target.remaining());
        if (closed) {
            throw new HttpSourceException(location, "read after the source was closed");
        }
        if (!target.hasRemaining()) {
            return;
        }
        long endBytes = offsetBytes + target.remaining();
        if (target.remaining() >= DIRECT_READ_BLOCKS * blockBytes) {
            for (long first = offsetBytes; first < endBytes; first += MAX_REQUEST_BYTES) {
                target.put(fetch(first, Math.min(endBytes, first + MAX_REQUEST_BYTES) - 1));
            }
            return;
        }
        long lastBlock = (endBytes - 1) / blockBytes;
        for (long b = offsetBytes / blockBytes; b <= lastBlock; b++) {
            byte[] block = cache.get(b);
            if (block == null) {
                fetchBlocks(b, lastBlock);
                block = cache.get(b);
            }
            long blockStart = b * blockBytes;
            int from = (int) (Math.max(offsetBytes, blockStart) - blockStart);
            int to = (int) (Math.min(endBytes, blockStart + block.length) - blockStart);
            target.put(block, from, to - from);
        }
    }

    /** Blocks {@code from..} (at least to {@code lastNeeded}, plus read-ahead) in one request, into the cache. */
    private void fetchBlocks(long from, long lastNeeded) throws IOException {
        long blockCount = (sizeBytes + blockBytes - 1) / blockBytes;
        readAheadBlocks = streamed
                ? MAX_READ_AHEAD_BLOCKS
                : from == lastMissEndBlock ? Math.min(MAX_READ_AHEAD_BLOCKS, Math.max(1, readAheadBlocks * 2)) : 0;
        long maxRunBlocks = Math.max(1, Math.min(session.options().cacheBytes(), MAX_REQUEST_BYTES) / blockBytes);
        long to = from;
        while (to < lastNeeded && !cache.contains(to + 1) && to + 1 - from < maxRunBlocks) {
            to++;
        }
        for (int ahead = 0;
                ahead < readAheadBlocks
                        && to + 1 < blockCount
                        && !cache.contains(to + 1)
                        && to + 1 - from < maxRunBlocks;
                ahead++) {
            to++;
        }
        ByteBuffer body = fetch(from * blockBytes, Math.min(sizeBytes, (to + 1) * blockBytes) - 1);
        for (long b = from; b <= to; b++) {
            byte[] block = new byte[(int) Math.min(blockBytes, sizeBytes - b * blockBytes)];
            body.get(block);
            cache.put(b, block);
        }
        lastMissEndBlock = to + 1;
    }

    private ByteBuffer fetch(long first, long lastInclusive) throws IOException {
        FetchSession.Answer answer = session.fetch(location, fetchUri, first, lastInclusive, sizeBytes, streamed);
        if (changed(etag, answer.etag()) || changed(lastModified, answer.lastModified())) {
            throw new HttpSourceException(
                    location,
                    "the file changed during the read (its " + (changed(etag, answer.etag()) ? "ETag" : "Last-Modified")
                            + " is not the one it had)");
        }
        ByteBuffer body = answer.body();
        if (body.remaining() != lastInclusive - first + 1) {
            throw new HttpSourceException(
                    location, "sent " + body.remaining() + " bytes for a range of " + (lastInclusive - first + 1));
        }
        fetchUri = answer.finalUri();
        return body;
    }

    private static boolean changed(String pinned, String now) {
        return pinned != null && now != null && !pinned.equals(now);
    }

    @Override
    public synchronized Optional<ModelSource> openSibling(String relativeLocation) throws IOException {
        URI sibling;
        try {
            sibling = SiblingLocations.resolve(uri, relativeLocation);
        } catch (IllegalArgumentException e) {
            throw new MalformedModelException(
                    location,
                    "",
                    "the external location '" + RangeAnswerHandler.printable(relativeLocation) + "' is refused: "
                            + e.getMessage());
        }
        if (closed) {
            throw new HttpSourceException(location, "sibling opened after the source was closed");
        }
        HttpRangeSource known = siblings.get(sibling);
        if (known != null) {
            return Optional.of(known);
        }
        try {
            HttpRangeSource opened = open(session, sibling);
            siblings.put(sibling, opened);
            return Optional.of(opened);
        } catch (HttpStatusException e) {
            if (e.notFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Drops the cached blocks, and closes the files opened beside this one. Nothing is held open on the server. */
    @Override
    public synchronized void close() {
        closed = true;
        cache.clear();
        siblings.values().forEach(HttpRangeSource::close);
        siblings.clear();
    }

    private static URI parseUrl(String url) throws HttpSourceException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new HttpSourceException(shownLocation(url), "not a valid URL");
        }
        if (!isUrl(url) || uri.getHost() == null) {
            throw new HttpSourceException(shownLocation(url), "not an http or https URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new HttpSourceException(
                    displayLocation(uri),
                    "user information in a URL is refused; " + "pass credentials in MODELCOST_HTTP_HEADER");
        }
        return uri;
    }

    /** A URL as messages show it: without its query or fragment, which may hold a token; cut if it is not a URL. */
    public static String shownLocation(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() != null) {
                return displayLocation(uri);
            }
        } catch (URISyntaxException e) {
            // shown cut below
        }
        String cut = url.length() > 200 ? url.substring(0, 200) + "…" : url;
        int query = cut.indexOf('?');
        String noQuery = query >= 0 ? cut.substring(0, query) : cut;
        return RangeAnswerHandler.printable(noQuery.replaceFirst("://[^/@]*@", "://"));
    }

    /** The URL without its query or fragment, which may hold a signature or a token. */
    static String displayLocation(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String port = uri.getPort() >= 0 ? ":" + uri.getPort() : "";
        return uri.getScheme() + "://" + uri.getHost() + port + path + (uri.getRawQuery() != null ? "?…" : "");
    }
}
