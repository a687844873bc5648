package dev.noesis.modules.checks;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParseStart;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.Providers;
import dev.noesis.core.thought.Validation;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Java source that must parse, checked with JavaParser. The code is taken from a ```java fence
 * when the text has one; it may be a whole file, members of a class, or statements.
 */
public final class JavaSourceCheck {

    private static final Pattern FENCE = Pattern.compile("```(?:java)?\\s*\\n(.*?)```", Pattern.DOTALL);

    private JavaSourceCheck() {}

    public static Validation check(String text) {
        Matcher m = FENCE.matcher(text);
        String code = m.find() ? m.group(1) : text;
        JavaParser parser =
                new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21));
        ParseResult<?> file = parser.parse(ParseStart.COMPILATION_UNIT, Providers.provider(code));
        if (file.isSuccessful()) {
            return new Validation("java", true, "parses as a source file");
        }
        if (parser.parse(ParseStart.CLASS_BODY, Providers.provider(code)).isSuccessful()) {
            return new Validation("java", true, "parses as class members");
        }
        if (parser.parse(ParseStart.BLOCK, Providers.provider("{" + code + "\n}"))
                .isSuccessful()) {
            return new Validation("java", true, "parses as statements");
        }
        List<Problem> problems = file.getProblems();
        String first = problems.isEmpty()
                ? "unknown problem"
                : problems.get(0).getVerboseMessage().lines().findFirst().orElse("");
        return new Validation("java", false, problems.size() + " parse problem(s); first: " + first);
    }
}
