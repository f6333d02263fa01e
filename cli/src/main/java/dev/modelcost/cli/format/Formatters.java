package dev.modelcost.cli.format;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The formats one command offers, each with the factory of its formatter. A command builds its registry once
 * (e.g. {@code Formatters.<Report>builder().add(OutputFormat.text, o -> new TextReportFormatter(o))...}) and asks
 * it for the formatter of the user's {@code --format}; an absent format is a usage error for the caller to raise.
 */
public final class Formatters<T> {
    private final Map<OutputFormat, Function<FormatOptions, Formatter<T>>> factories;

    private Formatters(Map<OutputFormat, Function<FormatOptions, Formatter<T>>> factories) {
        this.factories = factories;
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    public Optional<Formatter<T>> forOptions(FormatOptions options) {
        var f = factories.get(options.format());
        return f == null ? Optional.empty() : Optional.of(f.apply(options));
    }

    public Set<OutputFormat> formats() {
        return factories.keySet();
    }

    public static final class Builder<T> {
        private final Map<OutputFormat, Function<FormatOptions, Formatter<T>>> factories =
                new EnumMap<>(OutputFormat.class);

        public Builder<T> add(OutputFormat format, Function<FormatOptions, Formatter<T>> factory) {
            factories.put(format, factory);
            return this;
        }

        public Formatters<T> build() {
            return new Formatters<>(new EnumMap<>(factories));
        }
    }
}
