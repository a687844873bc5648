package dev.noesis.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module graph the design describes, checked on the compiled code of every module the command
 * line ships: no package cycles, libraries never reach up into the wiring or the command line, and
 * the wiring stays free of terminal concerns so that the REST server and the experiments can use it.
 */
class ArchitectureTest {

    private static JavaClasses noesis;

    @BeforeAll
    static void importClasses() {
        // Test jars (other modules' test fixtures) are not part of what ships.
        noesis = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.noesis");
    }

    @Test
    void noCyclesBetweenModules() {
        slices().matching("dev.noesis.(*)..").should().beFreeOfCycles().check(noesis);
    }

    @Test
    void noCyclesBetweenPackages() {
        // Within a module too: a package and its subpackages import one way only.
        slices().matching("dev.noesis.(**)").should().beFreeOfCycles().check(noesis);
    }

    @Test
    void theMainClassOnlyListsCommands() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.noesis.cli.command..", "dev.noesis.cli.terminal..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.noesis.cli")
                .check(noesis);
    }

    @Test
    void theWiringNeverTalksToATerminal() {
        noClasses()
                .that()
                .resideInAPackage("dev.noesis.wiring..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("picocli..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.io.PrintStream")
                .orShould()
                .dependOnClassesThat()
                .resideInAPackage("dev.noesis.cli..")
                .check(noesis);
    }

    @Test
    void librariesNeverReachUpIntoTheEntryPoints() {
        noClasses()
                .that()
                .resideOutsideOfPackages("dev.noesis.cli..", "dev.noesis.wiring..", "dev.noesis.bench..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.noesis.cli..", "dev.noesis.wiring..")
                .check(noesis);
    }

    @Test
    void theMeasuredModulesNeverImportTheirMeasurements() {
        // Benchmarks and experiments depend on what they measure, never the other way round.
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.noesis.core..",
                        "dev.noesis.jlama..",
                        "dev.noesis.openai..",
                        "dev.noesis.embeddings..",
                        "dev.noesis.retrieval..",
                        "dev.noesis.memory..",
                        "dev.noesis.modules..",
                        "dev.noesis.orchestrator..",
                        "dev.noesis.testing..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.noesis.benchmarks..", "dev.noesis.experiments..")
                .check(noesis);
    }

    @Test
    void coreDependsOnNoOtherModule() {
        noClasses()
                .that()
                .resideInAPackage("dev.noesis.core..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.noesis.jlama..",
                        "dev.noesis.openai..",
                        "dev.noesis.embeddings..",
                        "dev.noesis.retrieval..",
                        "dev.noesis.memory..",
                        "dev.noesis.modules..",
                        "dev.noesis.orchestrator..",
                        "dev.noesis.testing..")
                .check(noesis);
    }

    @Test
    void onlyTheMemoryModuleTouchesTheNeo4jDriver() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.noesis.memory..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.neo4j.driver..")
                .check(noesis);
    }
}
