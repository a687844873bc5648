package dev.noesis.modules.checks;

import dev.noesis.core.error.InvalidInputException;
import dev.noesis.core.thought.Validation;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * A table in a draft, CSV or markdown, checked against the expected columns: the header, each
 * cell's type, unique columns and a (composite) key.
 */
public final class TableCheck {

    private TableCheck() {}

    /**
     * @param format  "csv", "markdown" or "auto" (markdown if the text has a |-table, else CSV)
     * @param columns the expected columns, in order
     * @param key     columns whose values together must be unique and non-empty
     */
    public record Spec(String format, List<Column> columns, List<String> key) {
        public Spec {
            format = format == null ? "auto" : format;
            columns = columns == null ? List.of() : List.copyOf(columns);
            key = key == null ? List.of() : List.copyOf(key);
            if (!List.of("auto", "csv", "markdown").contains(format)) {
                throw new InvalidInputException("table format must be auto, csv or markdown, got '" + format + "'.");
            }
            if (columns.isEmpty()) {
                throw new InvalidInputException("a table check needs its columns.");
            }
            for (String k : key) {
                if (columns.stream().noneMatch(c -> c.name().equalsIgnoreCase(k))) {
                    throw new InvalidInputException("the table key column '" + k + "' is not among the columns.");
                }
            }
        }
    }

    /** @param type string, integer, number, boolean or date (ISO yyyy-mm-dd) */
    public record Column(String name, String type, Boolean unique) {
        public Column {
            if (name == null || name.isBlank()) {
                throw new InvalidInputException("a table column needs a name.");
            }
            type = type == null ? "string" : type;
            unique = unique != null && unique;
            if (!List.of("string", "integer", "number", "boolean", "date").contains(type)) {
                throw new InvalidInputException(
                        "column '" + name + "' has type '" + type + "'; use string, integer, number, boolean or date.");
            }
        }
    }

    public static Validation check(String text, Spec spec) {
        List<List<String>> rows;
        try {
            boolean markdown = spec.format().equals("markdown")
                    || (spec.format().equals("auto")
                            && text.lines().anyMatch(l -> l.strip().startsWith("|")));
            rows = markdown ? markdown(text) : csv(text);
        } catch (IOException | RuntimeException e) {
            return new Validation("table", false, "the table cannot be read: " + e.getMessage());
        }
        if (rows.isEmpty()) {
            return new Validation("table", false, "no table found");
        }
        List<String> problems = new ArrayList<>();
        List<String> header = rows.get(0);
        List<String> expected = spec.columns().stream().map(Column::name).toList();
        if (header.size() != expected.size() || !sameNames(header, expected)) {
            problems.add("the header is " + header + ", expected " + expected);
        }
        List<List<String>> body = rows.subList(1, rows.size());
        for (int r = 0; r < body.size() && problems.size() < 10; r++) {
            List<String> row = body.get(r);
            if (row.size() != spec.columns().size()) {
                problems.add("row " + (r + 1) + " has " + row.size() + " cells, expected "
                        + spec.columns().size());
                continue;
            }
            for (int c = 0; c < row.size(); c++) {
                Column col = spec.columns().get(c);
                if (!ofType(row.get(c), col.type())) {
                    problems.add("row " + (r + 1) + ", " + col.name() + ": '" + row.get(c) + "' is not " + col.type());
                }
            }
        }
        for (int c = 0; c < spec.columns().size(); c++) {
            Column col = spec.columns().get(c);
            if (col.unique()) {
                Set<String> seen = new HashSet<>();
                for (List<String> row : body) {
                    if (row.size() > c && !seen.add(row.get(c))) {
                        problems.add(col.name() + " repeats the value '" + row.get(c) + "'");
                        break;
                    }
                }
            }
        }
        if (!spec.key().isEmpty()) {
            Set<List<String>> keys = new HashSet<>();
            for (List<String> row : body) {
                List<String> k = new ArrayList<>();
                for (String name : spec.key()) {
                    int c = expected.stream()
                            .map(s -> s.toLowerCase(Locale.ROOT))
                            .toList()
                            .indexOf(name.toLowerCase(Locale.ROOT));
                    k.add(c < row.size() ? row.get(c) : "");
                }
                if (k.stream().anyMatch(String::isEmpty)) {
                    problems.add("a row has an empty key " + spec.key());
                } else if (!keys.add(k)) {
                    problems.add("the key " + spec.key() + " repeats " + k);
                }
            }
        }
        return new Validation(
                "table",
                problems.isEmpty(),
                problems.isEmpty() ? body.size() + " rows conform" : String.join("; ", problems));
    }

    private static boolean sameNames(List<String> header, List<String> expected) {
        for (int i = 0; i < header.size(); i++) {
            if (!header.get(i).strip().equalsIgnoreCase(expected.get(i).strip())) {
                return false;
            }
        }
        return true;
    }

    private static boolean ofType(String cell, String type) {
        String v = cell.strip();
        try {
            switch (type) {
                case "integer" -> new BigDecimal(v).toBigIntegerExact();
                case "number" -> new BigDecimal(v);
                case "boolean" -> {
                    if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                        return false;
                    }
                }
                case "date" -> LocalDate.parse(v);
                default -> {
                    return true;
                }
            }
            return true;
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            return false;
        }
    }

    private static List<List<String>> markdown(String text) {
        List<List<String>> rows = new ArrayList<>();
        for (String line :
                text.lines().map(String::strip).filter(l -> l.startsWith("|")).toList()) {
            String inner =
                    line.substring(1, line.endsWith("|") && line.length() > 1 ? line.length() - 1 : line.length());
            List<String> cells = new ArrayList<>();
            for (String cell : inner.split("\\|", -1)) {
                cells.add(cell.strip());
            }
            if (cells.stream().allMatch(c -> c.matches(":?-{3,}:?"))) {
                continue; // the separator row under the header
            }
            rows.add(cells);
        }
        return rows;
    }

    private static List<List<String>> csv(String text) throws IOException {
        String body = text;
        int fence = text.indexOf("```");
        if (fence >= 0) {
            int start = text.indexOf('\n', fence);
            int end = text.indexOf("```", start + 1);
            if (start > 0 && end > start) {
                body = text.substring(start + 1, end);
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (CSVRecord r : CSVFormat.DEFAULT
                .builder()
                .setIgnoreEmptyLines(true)
                .setTrim(true)
                .get()
                .parse(new StringReader(body))) {
            List<String> cells = new ArrayList<>();
            r.forEach(cells::add);
            rows.add(cells);
        }
        return rows;
    }
}
