package dev.noesis.experiments.log;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The child process of {@link ResumeAfterKillTest}: a run that scores items slowly, the way a runner
 * will, skipping what its log already holds. Prints {@code APPENDED id} after each durable append
 * and {@code DONE} at the end.
 *
 * <p>Arguments: the run folder, the number of items, the milliseconds per item, and optionally a
 * count after which it writes half a record (what a kill in the middle of a write leaves), prints
 * {@code TORN} and waits to be killed.
 */
public final class SlowAppender {

    static final String CONFIG = "{\"suites\": [\"gsm8k\"], \"pipelines\": [\"raw\"], \"limit\": 30}";

    private SlowAppender() {}

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        int items = Integer.parseInt(args[1]);
        long delayMs = Long.parseLong(args[2]);
        int tearAfter = args.length > 3 ? Integer.parseInt(args[3]) : -1;
        JsonNode config = LogJson.MAPPER.readTree(CONFIG);
        try (RunDirectory run = RunDirectory.open(folder, config)) {
            String hash = run.manifest().configHash();
            int appended = 0;
            for (int i = 0; i < items; i++) {
                ItemRecord record = TestRecords.completed(id(i), hash);
                if (run.items().contains(record.key())) {
                    continue;
                }
                if (appended == tearAfter) {
                    String line = LogJson.MAPPER.writeValueAsString(record);
                    Files.write(
                            run.items().file(),
                            line.substring(0, line.length() / 2).getBytes(StandardCharsets.UTF_8),
                            StandardOpenOption.APPEND);
                    System.out.println("TORN");
                    System.out.flush();
                    Thread.sleep(Long.MAX_VALUE);
                }
                Thread.sleep(delayMs); // the model at work
                run.items().append(record);
                appended++;
                System.out.println("APPENDED " + record.itemId());
                System.out.flush();
            }
        }
        System.out.println("DONE");
        System.out.flush();
    }

    static String id(int i) {
        return String.format("gsm8k-%04d", i);
    }
}
