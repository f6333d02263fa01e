package dev.modelcost.core.io;

import java.util.Map;
import java.util.Optional;

/**
 * How analyses reach stored tensor bytes after an import: by a {@link dev.modelcost.core.ir.Storage#file()} name,
 * "" for the model's own source, or an external location the importer resolved and opened (confined to the model's
 * folder by {@link ModelSource#openSibling}). Analyses never open a path; a location the importer did not open is
 * not readable. The sources belong to whoever opened the model, and are closed by it after the analysis.
 */
public interface PayloadReader {

    /** Nothing readable: a model built in memory, or one whose source is already closed. */
    PayloadReader NONE = file -> Optional.empty();

    /** The source holding the bytes of {@code storageFile}, or empty when the importer did not open it. */
    Optional<ModelSource> source(String storageFile);

    /** The model's own bytes only. */
    static PayloadReader of(ModelSource model) {
        return of(model, Map.of());
    }

    /** The model's bytes and the external files the importer opened, by location. */
    static PayloadReader of(ModelSource model, Map<String, ModelSource> external) {
        Map<String, ModelSource> files = Map.copyOf(external);
        return file -> file.isEmpty() ? Optional.of(model) : Optional.ofNullable(files.get(file));
    }
}
