package dev.noesis.experiments.run;

import dev.noesis.experiments.log.ItemRecord;
import dev.noesis.experiments.run.spec.ExperimentSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The child process of {@link RunnerResumeAfterKillTest}: the runner on arms that take a while per
 * item, printing {@code LOGGED key} after each durable append and {@code DONE} at the end.
 *
 * <p>Arguments: the run folder, the milliseconds per item, the parallelism.
 */
public final class SlowExperiment {

    static final int ITEMS = 20;

    private SlowExperiment() {}

    static ExperimentSpec spec(int parallel) {
        return ExperimentSpec.builder()
                .suites(List.of("tiny"))
                .pipelines(List.of("raw", "good"))
                .models(List.of("models/m"))
                .seeds(List.of(1L, 2L))
                .parallel(parallel)
                .build();
    }

    public static void main(String[] args) {
        Path folder = Path.of(args[0]);
        KnownAccuracyArms arms = new KnownAccuracyArms(Map.of("raw", 0.4, "good", 0.8), Set.of());
        arms.delayMs = Long.parseLong(args[1]);
        ProgressListener listener = new ProgressListener() {
            @Override
            public void itemLogged(ItemRecord record, Progress progress) {
                System.out.println("LOGGED " + record.pipeline() + "/" + record.seed() + "/" + record.itemId());
                System.out.flush();
            }
        };
        ExperimentRunner.builder(spec(Integer.parseInt(args[2])), Map.of("tiny", new TinySuite("tiny", ITEMS)), arms)
                .listener(listener)
                .build()
                .run(folder);
        System.out.println("DONE");
        System.out.flush();
    }
}
