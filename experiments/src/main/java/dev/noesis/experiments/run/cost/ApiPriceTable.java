package dev.noesis.experiments.run.cost;

import dev.noesis.core.error.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A hosted API's price list as one line of configuration: entries {@code NAME=INPUT/OUTPUT}, separated
 * by {@code ;} or new lines, where NAME is a model as a server serves it (or as an experiment names it,
 * a URL say) and INPUT and OUTPUT are the prices of 1,000,000 prompt and completion tokens, e.g.
 * {@code gpt-4o-mini=0.15/0.60; llama3.2=0.05/0.10}. The name is everything before the last {@code =},
 * so a URL may be a name.
 */
public final class ApiPriceTable {

    /** Entries a table may hold: a price list, not a data set. */
    public static final int MAX_ENTRIES = 1_000;

    private ApiPriceTable() {}

    /**
     * Reads a table.
     *
     * @param text   the entries; null or blank for none
     * @param source where the text came from (a configuration key), for errors
     * @return prices by model name, in the order given
     * @throws InvalidInputException naming the source and the entry that is not {@code NAME=INPUT/OUTPUT}
     */
    public static Map<String, ApiPrice> parse(String text, String source) {
        Map<String, ApiPrice> prices = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return prices;
        }
        for (String raw : text.split("[;\\n]")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.lastIndexOf('=');
            String name = eq < 0 ? "" : entry.substring(0, eq).strip();
            String[] pair = eq < 0 ? new String[0] : entry.substring(eq + 1).split("/", -1);
            if (name.isEmpty() || pair.length != 2) {
                throw new InvalidInputException(source + ": '" + entry + "' is not NAME=INPUT/OUTPUT (the prices of"
                        + " 1,000,000 prompt and completion tokens, e.g. gpt-4o-mini=0.15/0.60).");
            }
            ApiPrice price;
            try {
                price = new ApiPrice(Double.parseDouble(pair[0].strip()), Double.parseDouble(pair[1].strip()));
            } catch (NumberFormatException e) {
                throw new InvalidInputException(
                        source + ": the prices in '" + entry + "' are not numbers (e.g. gpt-4o-mini=0.15/0.60).");
            } catch (InvalidInputException e) {
                throw new InvalidInputException(source + ": '" + entry + "': " + e.getMessage());
            }
            if (prices.put(name, price) != null) {
                throw new InvalidInputException(source + ": the model '" + name + "' is priced twice; price it once.");
            }
            if (prices.size() > MAX_ENTRIES) {
                throw new InvalidInputException(source + ": more than " + MAX_ENTRIES + " prices.");
            }
        }
        return prices;
    }
}
