package dev.modelcost.importer.keras;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Superblock versions 0 and 1 as the HDF5 file-format specification lays them out: signature (8), versions
 * of the superblock, free-space storage, root symbol table entry and shared header format (1 each, with a
 * reserved byte), sizes of offsets and lengths, a reserved byte, group leaf and internal K (2 each),
 * consistency flags (4), [version 1: chunk K (2), reserved (2)], base, free-space, end-of-file and driver
 * addresses, then the root symbol table entry (2 offsets + 24 bytes).
 */
class H5SuperblockTest {

    /** Writes a superblock at {@code at}; returns where its addresses start. */
    private static int superblock(
            H5TestBytes b, int at, int version, int offsetBytes, int lengthBytes, int leafK, int internalK) {
        b.at(at)
                .signature()
                .u8(version)
                .u8(0)
                .u8(0)
                .u8(0)
                .u8(0)
                .u8(offsetBytes)
                .u8(lengthBytes)
                .u8(0)
                .u16(leafK)
                .u16(internalK)
                .u32(0);
        if (version == 1) {
            b.u16(64).u16(0);
        }
        return b.position();
    }

    @Test
    void version0With8ByteFieldsIs96BytesAndNamesTheRootHeader() throws Exception {
        H5TestBytes b = new H5TestBytes(256);
        superblock(b, 0, 0, 8, 8, 4, 16);
        b.u64(0).u64(H5TestBytes.UNDEF).u64(256).u64(H5TestBytes.UNDEF); // base, free space, EOF, driver
        b.u64(0).u64(96).u32(1).u32(0); // root entry: name offset, object header, cache type, reserved

        H5Superblock sb = H5Superblock.read(b.raw());

        assertEquals(0, sb.position());
        assertEquals(0, sb.version());
        // 24 fixed + 4 addresses × 8 + root entry (2 × 8 + 24) = 96
        assertEquals(96, sb.bytes());
        assertEquals(4, sb.groupLeafK());
        assertEquals(16, sb.groupInternalK());
        assertEquals(32, sb.chunkK(), "version 0 stores no chunk K: the library default 32");
        assertEquals(0, sb.baseAddress());
        assertEquals(H5Reader.UNDEF, sb.driverAddress());
        assertEquals(0, sb.driverBytes());
        assertEquals(96, sb.rootObjectHeader());
    }

    @Test
    void version1AfterA512ByteUserBlockCarriesChunkKAndADriverBlock() throws Exception {
        H5TestBytes b = new H5TestBytes(1024);
        superblock(b, 512, 1, 8, 8, 4, 16);
        // addresses are relative to the base address, here the superblock's position (the usual case with a user block)
        b.u64(512).u64(H5TestBytes.UNDEF).u64(512).u64(100);
        b.u64(0).u64(200).u32(0).u32(0);
        b.at(512 + 100).u8(0).u8(0).u8(0).u8(0).u32(16).ascii("NCSAmult"); // driver block: 16 bytes of information

        H5Superblock sb = H5Superblock.read(b.raw());

        assertEquals(512, sb.position());
        assertEquals(1, sb.version());
        assertEquals(64, sb.chunkK());
        // 28 fixed + 32 addresses + 40 root entry = 100
        assertEquals(100, sb.bytes());
        assertEquals(512, sb.baseAddress());
        assertEquals(100, sb.driverAddress());
        assertEquals(16 + 16, sb.driverBytes(), "version, reserved, size, identification (16) + information (16)");
        assertEquals(200, sb.rootObjectHeader());
        assertEquals(512 + 200, sb.reader(b.raw()).abs(200), "addresses resolve against the base");
    }

    @Test
    void fourByteFieldsShrinkTheSuperblockAndReadAllOnesAsUndefined() throws Exception {
        H5TestBytes b = new H5TestBytes(128);
        superblock(b, 0, 0, 4, 4, 4, 16);
        b.u32(0).u32(0xffffffffL).u32(128).u32(0xffffffffL);
        b.u32(0).u32(72).u32(0).u32(0);

        H5Superblock sb = H5Superblock.read(b.raw());

        // 24 fixed + 4 addresses × 4 + root entry (2 × 4 + 24) = 72
        assertEquals(72, sb.bytes());
        assertEquals(4, sb.sizeOfOffsets());
        assertEquals(H5Reader.UNDEF, sb.driverAddress());
        assertEquals(72, sb.rootObjectHeader());
    }

    @Test
    void laterVersionsAreUnsupportedNotDamaged() {
        H5TestBytes b = new H5TestBytes(128);
        superblock(b, 0, 2, 8, 8, 4, 16);
        H5UnsupportedException e = assertThrows(H5UnsupportedException.class, () -> H5Superblock.read(b.raw()));
        assertTrue(e.getMessage().contains("superblock version 2"), e.getMessage());
    }

    @Test
    void oddFieldSizesAreUnsupported() {
        H5TestBytes b = new H5TestBytes(128);
        superblock(b, 0, 0, 2, 8, 4, 16);
        assertThrows(H5UnsupportedException.class, () -> H5Superblock.read(b.raw()));
    }

    @Test
    void aGroupKOfZeroIsMalformed() {
        H5TestBytes b = new H5TestBytes(128);
        superblock(b, 0, 0, 8, 8, 0, 16);
        assertThrows(H5FormatException.class, () -> H5Superblock.read(b.raw()));
    }

    @Test
    void noSignatureAtAnyPowerOfTwoIsMalformed() {
        H5TestBytes b = new H5TestBytes(2048);
        b.at(100).signature(); // not at 0, 512 or 1024: not a superblock
        H5FormatException e = assertThrows(H5FormatException.class, () -> H5Superblock.read(b.raw()));
        assertTrue(e.getMessage().contains("no HDF5 superblock signature"), e.getMessage());
    }

    @Test
    void aFileThatEndsInsideTheSuperblockIsMalformed() {
        H5TestBytes b = new H5TestBytes(60);
        superblock(b, 0, 0, 8, 8, 4, 16);
        assertThrows(H5FormatException.class, () -> H5Superblock.read(b.raw()));
    }

    @Test
    void aDriverBlockThatClaimsMoreThanTheFileIsMalformed() {
        H5TestBytes b = new H5TestBytes(256);
        superblock(b, 0, 0, 8, 8, 4, 16);
        b.u64(0).u64(H5TestBytes.UNDEF).u64(256).u64(96);
        b.u64(0).u64(200).u32(0).u32(0);
        b.at(96).u8(0).u8(0).u8(0).u8(0).u32(0xfffffff0L); // information size past the end of the file
        assertThrows(H5FormatException.class, () -> H5Superblock.read(b.raw()));
    }

    @Test
    void aDriverAddressOutsideTheFileIsMalformed() {
        H5TestBytes b = new H5TestBytes(256);
        superblock(b, 0, 0, 8, 8, 4, 16);
        b.u64(0).u64(H5TestBytes.UNDEF).u64(256).u64(1L << 40);
        b.u64(0).u64(200).u32(0).u32(0);
        assertThrows(H5FormatException.class, () -> H5Superblock.read(b.raw()));
    }
}
