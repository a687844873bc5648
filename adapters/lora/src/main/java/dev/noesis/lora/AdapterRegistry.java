package dev.noesis.lora;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.error.NoesisException;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The adapters registered under a Noesis home, one folder each under {@code <home>/adapters/}:
 * {@code adapter.json} (the {@link AdapterEntry}) and, for an adapter that was copied in,
 * {@code peft/} with its two files.
 *
 * <p>Nothing is ever half-registered: an adapter is assembled in a hidden staging folder and moved
 * into place in one atomic rename, which also refuses a name registered meanwhile; removal renames
 * it away before deleting it. Folders whose names start with a dot are not adapters.
 */
public final class AdapterRegistry {

    public static final String FOLDER = "adapters";
    static final String METADATA = "adapter.json";
    static final String COPY = "peft";

    /** Letters, digits, dot, dash and underscore; no leading dot or dash, so no hidden or option-like names. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** Names a request uses for "no adapter" or "let the router choose". */
    public static final Set<String> RESERVED = Set.of("base", "none", "auto");

    private static final int MAX_EXAMPLES = 1000;
    private static final int MAX_TEXT = 4000;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path root;

    /** The registry under {@code home} (created on the first {@link #add}). */
    public AdapterRegistry(Path home) {
        this.root = home.toAbsolutePath().normalize().resolve(FOLDER);
    }

    public Path root() {
        return root;
    }

    /**
     * What to register with a folder.
     *
     * @param name        the adapter's name; null for the folder's name
     * @param description what it is for
     * @param examples    example prompts (for the embedding router)
     * @param keywords    words that select it (for the keyword router)
     * @param copy        copy the files into the registry (true) or refer to the folder where it is
     * @param servedAs    its name on an OpenAI-compatible server, or null for {@code name}
     */
    public record AddRequest(
            String name,
            String description,
            List<String> examples,
            List<String> keywords,
            boolean copy,
            String servedAs) {

        public AddRequest {
            examples = examples == null ? List.of() : List.copyOf(examples);
            keywords = keywords == null ? List.of() : List.copyOf(keywords);
        }

        /** Copies the folder in under its own name, with no description, examples or keywords. */
        public static AddRequest copyOf() {
            return new AddRequest(null, "", List.of(), List.of(), true, null);
        }

        public AddRequest named(String newName) {
            return new AddRequest(newName, description, examples, keywords, copy, servedAs);
        }

        public AddRequest describedAs(String text, List<String> newExamples) {
            return new AddRequest(name, text, newExamples, keywords, copy, servedAs);
        }

        public AddRequest withKeywords(List<String> words) {
            return new AddRequest(name, description, examples, words, copy, servedAs);
        }

        public AddRequest byReference() {
            return new AddRequest(name, description, examples, keywords, false, servedAs);
        }
    }

    /**
     * Checks the PEFT folder {@code dir} ({@link PeftFolder#open}) and registers it. Refused: an
     * invalid or reserved name, a name already registered, a folder that is not a usable adapter.
     * On any failure nothing is left behind.
     */
    public synchronized AdapterEntry add(Path dir, AddRequest request) {
        PeftFolder peft = PeftFolder.open(dir.toAbsolutePath().normalize());
        String name = request.name() == null ? peft.defaultName() : request.name();
        checkName(name);
        checkText("description", request.description());
        if (request.examples().size() > MAX_EXAMPLES) {
            throw new InvalidInputException("The adapter " + name + " has "
                    + request.examples().size() + " example prompts; at most " + MAX_EXAMPLES + " are kept.");
        }
        request.examples().forEach(e -> checkText("example prompt", e));
        if (request.servedAs() != null && request.servedAs().isBlank()) {
            throw new InvalidInputException("The server name of adapter " + name + " is blank.");
        }
        Path target = root.resolve(name);
        if (Files.exists(target)) {
            throw clash(name);
        }
        Path staging = null;
        try {
            Files.createDirectories(root);
            staging = root.resolve(".staging-" + name + "-" + UUID.randomUUID());
            Files.createDirectory(staging);
            Path folder = peft.dir();
            if (request.copy()) {
                Path copy = Files.createDirectory(staging.resolve(COPY));
                Files.copy(peft.config().file(), copy.resolve(PeftConfig.FILE_NAME));
                Files.copy(peft.weights(), copy.resolve(PeftFolder.WEIGHTS_FILE));
                folder = target.resolve(COPY);
            }
            AdapterEntry entry = new AdapterEntry(
                    name,
                    request.description(),
                    request.examples(),
                    request.keywords(),
                    peft.config().baseModel(),
                    peft.contentHash(),
                    folder,
                    request.copy(),
                    peft.bytes(),
                    peft.config().rank(),
                    peft.config().targetModules(),
                    Optional.ofNullable(request.servedAs()),
                    Instant.now());
            JSON.writeValue(staging.resolve(METADATA).toFile(), toJson(entry));
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                throw clash(name);
            } catch (AtomicMoveNotSupportedException e) {
                throw new NoesisException(
                        "The file system of " + root + " cannot rename folders atomically;"
                                + " the adapter registry needs one that can.",
                        e);
            }
            staging = null;
            return entry;
        } catch (IOException e) {
            throw new NoesisException(
                    "Could not register the adapter " + name + " under " + root + ": " + e.getMessage(), e);
        } finally {
            if (staging != null) {
                deleteTree(staging);
            }
        }
    }

    /** Every registered adapter, by name. */
    public synchronized List<AdapterEntry> list() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<AdapterEntry> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.sorted().toList()) {
                if (!d.getFileName().toString().startsWith(".") && Files.isDirectory(d)) {
                    out.add(read(d));
                }
            }
        } catch (IOException e) {
            throw new NoesisException("Cannot read the adapter registry " + root + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** The adapter with this name, if registered. */
    public synchronized Optional<AdapterEntry> find(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Path d = root.resolve(name);
        return Files.isDirectory(d) ? Optional.of(read(d)) : Optional.empty();
    }

    /** The adapter with this name; an {@link InvalidInputException} listing the registered ones if there is none. */
    public AdapterEntry show(String name) {
        return find(name).orElseThrow(() -> unknown(name));
    }

    /** Unregisters the adapter (and deletes the registry's copy of its files; a referenced folder is left alone). */
    public synchronized AdapterEntry remove(String name) {
        AdapterEntry entry = show(name);
        Path d = root.resolve(name);
        Path away = root.resolve(".removing-" + name + "-" + UUID.randomUUID());
        try {
            Files.move(d, away, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new NoesisException(
                    "Could not remove the adapter " + name + " from " + root + ": " + e.getMessage(), e);
        }
        deleteTree(away);
        return entry;
    }

    /** Whether the files of a registered adapter still have the hash they were registered with. */
    public boolean unchanged(AdapterEntry entry) {
        return PeftFolder.open(entry.folder()).contentHash().equals(entry.contentHash());
    }

    private InvalidInputException unknown(String name) {
        List<String> names = list().stream().map(AdapterEntry::name).toList();
        return new InvalidInputException("No adapter named \"" + name + "\" is registered"
                + (names.isEmpty() ? " (none are)." : "; registered: " + String.join(", ", names) + "."));
    }

    private static InvalidInputException clash(String name) {
        return new InvalidInputException("An adapter named \"" + name + "\" is already registered; choose another"
                + " name or remove that one first.");
    }

    static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("\"" + name + "\" cannot be an adapter name: use 1 to 64 letters, digits,"
                    + " dots, dashes or underscores, starting with a letter or digit.");
        }
        if (RESERVED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
            throw new InvalidInputException(
                    "\"" + name + "\" cannot be an adapter name: " + RESERVED + " mean the base model or the router.");
        }
    }

    private static void checkText(String what, String text) {
        if (text != null && text.length() > MAX_TEXT) {
            throw new InvalidInputException("An adapter's " + what + " is " + text.length() + " characters long; at"
                    + " most " + MAX_TEXT + " are kept.");
        }
    }

    private static ObjectNode toJson(AdapterEntry e) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", e.name());
        o.put("description", e.description());
        ArrayNode examples = o.putArray("examples");
        e.examples().forEach(examples::add);
        ArrayNode keywords = o.putArray("keywords");
        e.keywords().forEach(keywords::add);
        o.put("base_model", e.baseModel().orElse(null));
        o.put("content_hash", e.contentHash());
        o.put("folder", e.folder().toString());
        o.put("copied", e.copied());
        o.put("bytes", e.bytes());
        o.put("rank", e.rank());
        ArrayNode targets = o.putArray("target_modules");
        e.targetModules().forEach(targets::add);
        o.put("served_as", e.servedAs().orElse(null));
        o.put("added_at", e.addedAt().toString());
        return o;
    }

    private static AdapterEntry read(Path dir) {
        Path file = dir.resolve(METADATA);
        try {
            JsonNode o = JSON.readTree(file.toFile());
            if (o == null
                    || !o.isObject()
                    || !o.path("name").isTextual()
                    || !o.path("folder").isTextual()) {
                throw new InvalidInputException("The adapter record " + file + " is damaged (no name or folder).");
            }
            return new AdapterEntry(
                    o.get("name").asText(),
                    o.path("description").asText(""),
                    strings(o.path("examples")),
                    strings(o.path("keywords")),
                    text(o.get("base_model")),
                    o.path("content_hash").asText(""),
                    Path.of(o.get("folder").asText()),
                    o.path("copied").asBoolean(false),
                    o.path("bytes").asLong(0),
                    o.path("rank").asInt(0),
                    strings(o.path("target_modules")),
                    text(o.get("served_as")),
                    Instant.parse(o.path("added_at").asText(Instant.EPOCH.toString())));
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidInputException i) {
                throw i;
            }
            throw new InvalidInputException("The adapter record " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Optional<String> text(JsonNode n) {
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asText());
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a hidden leftover folder is not an adapter and is swept by the next removal of its name
        }
    }
}
