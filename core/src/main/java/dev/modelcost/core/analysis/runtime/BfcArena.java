package dev.modelcost.core.analysis.runtime;

import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * ONNX Runtime's CPU memory arena (the best-fit-with-coalescing "BFC" allocator) with its default configuration, and
 * the pages of it a process really has resident. Requests are rounded up to 256 bytes and served from the smallest
 * free chunk that fits (bins by powers of two, then size, then address); a chunk at least twice the request is split;
 * freed chunks merge with free neighbours. When nothing fits the arena grows by a new region of
 * {@code regionBytes}, first 1 MiB and doubled until it holds the request, then doubled again after each region that
 * needed no doubling ("next power of two"). Regions are never returned. A region's pages become resident when a
 * tensor first writes them, so the resident bytes are the pages ever covered by a request.
 */
final class BfcArena {
    private static final long MIN_ALLOCATION = 256;
    private static final long PAGE = 4096;
    private static final long MAX_DEAD_BYTES = 128L << 20;
    private static final int BINS = 21;

    private static final class Chunk {
        final long address;
        long size;
        boolean used;
        Chunk prev;
        Chunk next;

        Chunk(long address, long size) {
            this.address = address;
            this.size = size;
        }
    }

    private final TreeSet<Chunk> free = new TreeSet<>(Comparator.<Chunk>comparingInt(c -> bin(c.size))
            .thenComparingLong(c -> c.size)
            .thenComparingLong(c -> c.address));
    private final Map<Long, Chunk> byAddress = new HashMap<>();
    private final BitSet touchedPages = new BitSet();
    private long regionBytes = 1L << 20;
    private long nextRegionAddress;
    private long regionsBytes;

    /** Allocates {@code bytes} (written in full) and returns its address. */
    long allocate(long bytes) {
        long rounded = roundUp(Math.max(bytes, 1), MIN_ALLOCATION);
        Chunk c = bestFit(rounded);
        if (c == null) {
            extend(rounded);
            c = bestFit(rounded);
        }
        free.remove(c);
        if (c.size >= 2 * rounded || c.size - rounded >= MAX_DEAD_BYTES) {
            Chunk rest = new Chunk(c.address + rounded, c.size - rounded);
            rest.prev = c;
            rest.next = c.next;
            if (c.next != null) {
                c.next.prev = rest;
            }
            c.next = rest;
            c.size = rounded;
            byAddress.put(rest.address, rest);
            free.add(rest);
        }
        c.used = true;
        touch(c.address, bytes);
        return c.address;
    }

    void release(long address) {
        Chunk c = byAddress.get(address);
        c.used = false;
        if (c.next != null && !c.next.used) {
            Chunk n = c.next;
            free.remove(n);
            byAddress.remove(n.address);
            c.size += n.size;
            c.next = n.next;
            if (n.next != null) {
                n.next.prev = c;
            }
        }
        if (c.prev != null && !c.prev.used) {
            Chunk p = c.prev;
            free.remove(p);
            byAddress.remove(c.address);
            p.size += c.size;
            p.next = c.next;
            if (c.next != null) {
                c.next.prev = p;
            }
            c = p;
        }
        free.add(c);
    }

    /** The pages any request has covered, in bytes: what the arena adds to the process's resident memory. */
    long residentBytes() {
        return touchedPages.cardinality() * PAGE;
    }

    /** The regions the arena holds, in bytes. */
    long regionsBytes() {
        return regionsBytes;
    }

    private Chunk bestFit(long rounded) {
        for (Chunk c : free.tailSet(new Chunk(-1, rounded), true)) {
            if (c.size >= rounded) {
                return c;
            }
        }
        return null;
    }

    private void extend(long rounded) {
        boolean doubled = false;
        while (rounded > regionBytes) {
            regionBytes *= 2;
            doubled = true;
        }
        Chunk region = new Chunk(nextRegionAddress, regionBytes);
        nextRegionAddress = roundUp(nextRegionAddress + regionBytes, PAGE);
        regionsBytes += regionBytes;
        if (!doubled) {
            regionBytes *= 2;
        }
        byAddress.put(region.address, region);
        free.add(region);
    }

    private void touch(long address, long bytes) {
        long first = address / PAGE;
        long end = (address + bytes + PAGE - 1) / PAGE;
        touchedPages.set(Math.toIntExact(first), Math.toIntExact(end));
    }

    private static int bin(long size) {
        long units = Math.max(size, MIN_ALLOCATION) >> 8;
        return Math.min(63 - Long.numberOfLeadingZeros(units), BINS - 1);
    }

    static long roundUp(long bytes, long unit) {
        return (bytes + unit - 1) / unit * unit;
    }
}
