package dev.noesis.experiments.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * {@value #FILE} in a run folder: each suite's setup as the last run call prepared it (content hash,
 * data home, whether it was reused, documents, facts, milliseconds), so that the report can say where
 * each suite's index and memory came from. Rewritten whole after each setup.
 */
public final class SetupReport {

    public static final String FILE = "setups.json";

    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private SetupReport() {}

    static void write(Path folder, List<PreparedSetup> setups) {
        ArrayNode list = JSON.createArrayNode();
        for (PreparedSetup s : setups) {
            ObjectNode n = list.addObject();
            n.put("suite", s.suite());
            n.put("hash", s.hash().isEmpty() ? null : s.hash());
            n.put("home", s.home() == null ? null : s.home().toString());
            n.put("reused", s.reused());
            n.put("documents", s.documents());
            n.put("facts", s.facts());
            n.put("millis", s.millis());
        }
        Path target = folder.resolve(FILE);
        Path temporary = folder.resolve(FILE + ".tmp");
        try {
            Files.write(temporary, JSON.writeValueAsBytes(list));
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "The setup report " + target + " could not be written: " + e.getMessage(), e);
        }
    }
}
