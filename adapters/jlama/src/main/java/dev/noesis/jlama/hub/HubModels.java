package dev.noesis.jlama.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.noesis.core.error.BackendException;
import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.error.ModelNotFoundException;
import dev.noesis.core.error.Remedy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Models named by a Hugging Face hub id ({@code owner/name}), kept in a local folder.
 *
 * <p>A model is stored in {@code <models>/<owner>_<name>/} with a {@code .finished} marker, the
 * layout Jlama and LangChain4j's Jlama integration use, so a model fetched by either is found
 * here too. A download goes into a {@code .partial} folder and is moved into place only when
 * every file is complete; an interrupted download resumes from the files already complete.
 *
 * <p>Jlama has a downloader of its own, but its progress reporting spins a CPU core while it
 * waits and its hub address cannot be changed; this one uses the JDK's HTTP client and honours
 * {@code HF_ENDPOINT} (mirrors, and the local hub the tests run) and {@code HF_TOKEN}.
 */
public final class HubModels {

    public static final String DEFAULT_ENDPOINT = "https://huggingface.co";
    private static final String FINISHED = ".finished";
    private static final Pattern HUB_ID =
            Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Receives download progress of one file at a time. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (file, done, total) -> {};

        /** {@code total} is -1 when the server does not say. */
        void update(String file, long done, long total);
    }

    private final Path modelsDir;
    private final URI endpoint;
    private final Optional<String> token;
    private final HttpClient http;

    /**
     * @param modelsDir where models are kept (Noesis uses {@code ~/.noesis/models})
     * @param endpoint  the hub's address, {@link #DEFAULT_ENDPOINT} unless a mirror is used
     * @param token     a hub access token for gated models; sent only to the endpoint, never logged
     */
    public HubModels(Path modelsDir, String endpoint, Optional<String> token) {
        this.modelsDir = modelsDir;
        this.endpoint = URI.create(endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint);
        this.token = token.filter(t -> !t.isBlank());
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(15))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /** Whether {@code text} has the form of a hub id ({@code owner/name}). */
    public static boolean isHubId(String text) {
        return HUB_ID.matcher(text).matches() && !text.contains("..");
    }

    /** The folder a hub model is kept in, whether or not it is there. */
    public Path folderOf(String id) {
        requireHubId(id);
        return modelsDir.resolve(id.replace('/', '_'));
    }

    public Optional<Path> cached(String id) {
        Path dir = folderOf(id);
        return Files.exists(dir.resolve(FINISHED)) ? Optional.of(dir) : Optional.empty();
    }

    /** The local folder of the model, downloading it first if it is not there yet. */
    public Path resolve(String id, Progress progress) {
        Optional<Path> cached = cached(id);
        if (cached.isPresent()) {
            return cached.get();
        }
        Path dir = folderOf(id);
        Path partial = dir.resolveSibling(dir.getFileName() + ".partial");
        try {
            List<RemoteFile> files = listFiles(id);
            Files.createDirectories(partial);
            for (RemoteFile f : files) {
                download(id, f, partial.resolve(f.path()), progress);
            }
            Files.createFile(partial.resolve(FINISHED));
            if (Files.exists(dir)) {
                deleteTree(dir); // an unfinished folder from elsewhere: replaced by the complete one
            }
            try {
                Files.move(partial, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, dir);
            }
            return dir;
        } catch (IOException e) {
            throw unreachable(id, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            // The files complete so far stay in the .partial folder; the next resolve() resumes from them.
            throw new ModelNotFoundException(
                    "The download of " + id + " was interrupted before it was complete.",
                    Remedy.of(Remedy.Action.DOWNLOAD_MODEL, id));
        }
    }

    private record RemoteFile(String path, long size) {}

    private List<RemoteFile> listFiles(String id) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                request(endpoint + "/api/models/" + id + "/tree/main").build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new ModelNotFoundException("The hub refused access to " + id + " (HTTP " + response.statusCode()
                    + "). If it is a gated model, accept its license on the hub and set HF_TOKEN.");
        }
        if (response.statusCode() == 404) {
            throw new ModelNotFoundException("The hub has no model " + id + ". Check the id (owner/name).");
        }
        if (response.statusCode() != 200) {
            throw new IOException("the hub answered HTTP " + response.statusCode() + " when listing " + id);
        }
        JsonNode listing = JSON.readTree(response.body());
        List<RemoteFile> files = new ArrayList<>();
        boolean hasWeights = false;
        for (JsonNode entry : listing) {
            String path = entry.path("path").asText();
            if (!"file".equals(entry.path("type").asText("file")) || !wanted(path)) {
                continue;
            }
            hasWeights |= path.endsWith(".safetensors");
            files.add(new RemoteFile(path, entry.path("size").asLong(-1)));
        }
        if (!hasWeights) {
            throw new ModelNotFoundException("The hub model " + id + " has no safetensors weights, which Jlama needs."
                    + " Look for a variant in safetensors format (Jlama-quantized ones are named ...-JQ4).");
        }
        return files;
    }

    /** The files a model folder needs: top-level configuration, tokenizer, weights and README. */
    private static boolean wanted(String path) {
        if (path.contains("/") || path.contains("\\") || path.startsWith(".")) {
            return false;
        }
        String f = path.toLowerCase(java.util.Locale.ROOT);
        return (f.endsWith(".safetensors") && !f.contains("consolidated"))
                || f.equals("model.safetensors.index.json")
                || f.equals("config.json")
                || f.equals("generation_config.json")
                || f.startsWith("tokenizer")
                || f.equals("special_tokens_map.json")
                || f.equals("readme.md");
    }

    private void download(String id, RemoteFile file, Path target, Progress progress)
            throws IOException, InterruptedException {
        if (file.size() >= 0 && Files.exists(target) && Files.size(target) == file.size()) {
            progress.update(file.path(), file.size(), file.size());
            return; // complete from an earlier, interrupted run
        }
        HttpResponse<InputStream> response = http.send(
                request(endpoint + "/" + id + "/resolve/main/" + file.path()).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IOException("the hub answered HTTP " + response.statusCode() + " for " + file.path());
        }
        long total = response.headers().firstValueAsLong("content-length").orElse(file.size());
        Path tmp = target.resolveSibling(target.getFileName() + ".download");
        try (InputStream in = response.body();
                OutputStream out = Files.newOutputStream(tmp)) {
            byte[] buf = new byte[1 << 16];
            long done = 0;
            long reported = 0;
            progress.update(file.path(), 0, total);
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                done += n;
                if (done - reported >= (1 << 20)) {
                    progress.update(file.path(), done, total);
                    reported = done;
                }
            }
            if (total >= 0 && done != total) {
                throw new IOException(file.path() + " ended after " + done + " of " + total + " bytes");
            }
            progress.update(file.path(), done, total);
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private HttpRequest.Builder request(String url) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMinutes(5))
                .GET();
        token.ifPresent(t -> b.header("Authorization", "Bearer " + t));
        return b;
    }

    /** The hub failed us (offline, or a broken answer): not the caller's input, so not an {@link InvalidInputException}. */
    private BackendException unreachable(String id, IOException e) {
        boolean offline = e instanceof UnknownHostException
                || e instanceof ConnectException
                || e instanceof HttpConnectTimeoutException
                || e instanceof HttpTimeoutException
                || e.getCause() instanceof UnknownHostException
                || e.getCause() instanceof ConnectException;
        String why =
                offline ? "the hub at " + endpoint + " cannot be reached (is this machine offline?)" : e.getMessage();
        // Offline, the way forward is a model on disk: a local folder, or this one copied into place.
        return new BackendException(
                "Cannot get the model " + id + ": " + why + "; it is not in " + folderOf(id) + " either.",
                e,
                Remedy.of(Remedy.Action.CREATE_MODEL));
    }

    private static void requireHubId(String id) {
        if (!isHubId(id)) {
            throw new InvalidInputException("'" + id + "' is not a hub id; a hub id has the form owner/name.");
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
