package dev.modelcost.cli;

import picocli.CommandLine;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses sizes as people write them: 1000, 500MB, 1.5 GB, 2GiB, 64k (decimal kB/MB/GB/TB, binary KiB/MiB/GiB/TiB). */
final class ByteSize implements CommandLine.ITypeConverter<Long> {
    private static final Pattern SIZE = Pattern.compile("\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([a-zA-Z]*)\\s*");
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("", 1L),
            Map.entry("b", 1L),
            Map.entry("k", 1_000L),
            Map.entry("kb", 1_000L),
            Map.entry("kib", 1L << 10),
            Map.entry("m", 1_000_000L),
            Map.entry("mb", 1_000_000L),
            Map.entry("mib", 1L << 20),
            Map.entry("g", 1_000_000_000L),
            Map.entry("gb", 1_000_000_000L),
            Map.entry("gib", 1L << 30),
            Map.entry("t", 1_000_000_000_000L),
            Map.entry("tb", 1_000_000_000_000L),
            Map.entry("tib", 1L << 40));

    @Override
    public Long convert(String value) {
        Matcher m = SIZE.matcher(value);
        Long unit = m.matches() ? UNITS.get(m.group(2).toLowerCase(Locale.ROOT)) : null;
        if (unit == null) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a size; write e.g. 500MB, 2GiB or 1000");
        }
        try {
            return new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)).longValueExact();
        } catch (ArithmeticException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a whole number of bytes below 2^63");
        }
    }
}
