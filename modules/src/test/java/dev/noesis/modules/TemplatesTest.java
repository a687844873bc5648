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
        assertThat(shipped.render("planner", "task", Map.of("maxSteps", 2))).contains("at most 2 short, ordered sub-goals");
        assertThat(custom.render("critic", "rubric-default", Map.of())).contains("agree with the evidence");
    }

    @Test
    void aMissingTemplateOrABadOneIsReported() throws Exception {
        assertThatThrownBy(() -> new ResourceTemplates(Optional.empty()).render("planner", "nope", Map.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("no template planner/nope");
        Files.createDirectories(dir.resolve("planner"));
        Files.writeString(dir.resolve("planner/task.mustache"), "{{#open}} never closed");
        assertThatThrownBy(() -> new ResourceTemplates(Optional.of(dir)).render("planner", "task", Map.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("does not parse");
    }
}
