package dev.modelcost.onnx;

import dev.modelcost.core.io.ModelSource;
import dev.modelcost.core.spi.MalformedModelException;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The external-data files an ONNX model names, opened once each as siblings of the model's source, which
 * confines them to the model's folder (no absolute paths, no "..", no link that leads out). Their sources stay
 * open with the model's, so that analyses read payloads from exactly the files checked here.
 */
final class ExternalData {
    private final ModelSource model;
    private final Map<String, Optional<ModelSource>> files = new LinkedHashMap<>();

    ExternalData(ModelSource model) {
        this.model = model;
    }

    /** The size of the file at {@code location}, or -1 when it does not exist. Refuses locations outside the folder. */
    long sizeOf(String location, String tensorName) throws IOException {
        Optional<ModelSource> known = files.get(location);
        if (known == null) {
            try {
                known = model.openSibling(location);
            } catch (MalformedModelException e) {
                throw new MalformedModelException(
                        e.location(), "tensor '" + tensorName + "'", "external data " + e.problem());
            }
            files.put(location, known);
        }
        return known.map(ModelSource::sizeBytes).orElse(-1L);
    }

    /** The external files that exist, by location. */
    Map<String, ModelSource> existingSources() {
        Map<String, ModelSource> out = new LinkedHashMap<>();
        files.forEach((k, v) -> v.ifPresent(s -> out.put(k, s)));
        return out;
    }

    /** Sizes of the external files that exist, by location. */
    Map<String, Long> existingFiles() {
        Map<String, Long> out = new LinkedHashMap<>();
        existingSources().forEach((k, v) -> out.put(k, v.sizeBytes()));
        return out;
    }
}
