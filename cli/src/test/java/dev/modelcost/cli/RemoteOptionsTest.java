package dev.modelcost.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RemoteOptionsTest {
    private final CommandLine.Model.CommandSpec spec = new CommandLine(new InspectCommand()).getCommandSpec();

    @Test
    void sizesAreBinaryWithOneLetterAndDecimalWithB() {
        assertEquals(500_000L, RemoteOptions.parseSize(spec, "500000"));
        assertEquals(64L * 1024 * 1024, RemoteOptions.parseSize(spec, "64M"));
        assertEquals(64L * 1024 * 1024, RemoteOptions.parseSize(spec, "64MiB"));
        assertEquals(64_000_000L, RemoteOptions.parseSize(spec, "64MB"));
        assertEquals(1L << 30, RemoteOptions.parseSize(spec, "1g"));
        assertEquals(10L * 1024, RemoteOptions.parseSize(spec, "10 K"));
    }

    @Test
    void aBadSizeIsAUsageError() {
        assertThrows(CommandLine.ParameterException.class, () -> RemoteOptions.parseSize(spec, "lots"));
        assertThrows(CommandLine.ParameterException.class, () -> RemoteOptions.parseSize(spec, "-5M"));
        assertThrows(CommandLine.ParameterException.class, () -> RemoteOptions.parseSize(spec, "999999999999999999T"));
    }
}
