package dev.noesis.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.noesis.core.error.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplatesTest {

    @TempDir
    Path dir;

    @Test
    void aUserFileReplacesAShippedTemplate() throws Exception {
        Files.createDirectories(dir.resolve("planner"));
        Files.writeString(dir.resolve("planner/task.mustache"), "List {{maxSteps}} steps & nothing <else>.");

        ResourceTemplates custom = new ResourceTemplates(Optional.of(dir));
        ResourceTemplates shipped = new ResourceTemplates(Optional.empty());

        assertThat(custom.render("planner", "task", Map.of("maxSteps", 2))).isEqualTo("List 2 steps & nothing <else>.");
        assertThat(shipped.render("planner", "task", Map.of("maxSteps", 2)))
                .contains("at most 2 short, ordered sub-goals");
        assertThat(custom.render("critic", "rubric-default", Map.of())).contains("agree with the evidence");
    }

    @Test
    void aMissingTemplateOrABadOneIsReported() throws Exception {
        assertThatThrownBy(() -> new ResourceTemplates(Optional.empty()).render("planner", "nope", Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no template planner/nope");
        Files.createDirectories(dir.resolve("planner"));
        Files.writeString(dir.resolve("planner/task.mustache"), "{{#open}} never closed");
        assertThatThrownBy(() -> new ResourceTemplates(Optional.of(dir)).render("planner", "task", Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("does not parse");
    }

    @Test
    void anOverrideWithAPartialIsRefusedWhenTheTemplatesAreMadeNamingTheFile() throws Exception {
        Files.createDirectories(dir.resolve("generator"));
        Path task = dir.resolve("generator/task.mustache");
        Files.writeString(task, "{{#revising}}{{> revise}}{{/revising}}Answer: {{question}}");

        assertThatThrownBy(() -> new ResourceTemplates(Optional.of(dir)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(
                        "The template " + task + " uses {{> revise}}: partials are not supported; put their text in the"
                                + " template itself.");
    }

    @Test
    void everyUnusableOverrideIsReportedTogether() throws Exception {
        Files.createDirectories(dir.resolve("planner"));
        Files.createDirectories(dir.resolve("critic"));
        Files.createDirectories(dir.resolve("generater"));
        Files.writeString(dir.resolve("planner/taks.mustache"), "typo in the name");
        Files.writeString(dir.resolve("generater/task.mustache"), "typo in the module");
        Files.write(
                dir.resolve("critic/task.mustache"),
                "caf\u00e9".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        Files.writeString(dir.resolve("critic/rubric-default.mustache"), "{{< base}}{{/base}}");
        Files.writeString(dir.resolve("README.md"), "notes of mine, not a template");

        assertThatThrownBy(() -> new ResourceTemplates(Optional.of(dir)))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(e.getMessage().lines())
                        .containsExactly(
                                "The template " + dir.resolve("critic/rubric-default.mustache")
                                        + " uses {{< base}}: partials are not"
                                        + " supported; put their text in the template itself.",
                                "The template " + dir.resolve("critic/task.mustache")
                                        + " is not UTF-8 text: save it as UTF-8.",
                                "The template " + dir.resolve("generater/task.mustache")
                                        + " replaces no shipped template (there is no"
                                        + " generater/task), so it would never be used: an override has the folder and name of a shipped"
                                        + " template, e.g. generator/task.mustache.",
                                "The template " + dir.resolve("planner/taks.mustache")
                                        + " replaces no shipped template (there is no"
                                        + " planner/taks), so it would never be used: an override has the folder and name of a shipped"
                                        + " template, e.g. generator/task.mustache."));
    }
}
