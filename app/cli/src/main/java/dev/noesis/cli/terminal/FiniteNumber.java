package dev.noesis.cli.terminal;

import picocli.CommandLine;

/**
 * Reads a floating-point option. Java (and so picocli) reads {@code NaN} and {@code Infinity} as
 * numbers; no Noesis option means either, and a NaN threshold compares false with everything, so
 * it is refused where every option is parsed rather than in each command.
 */
public final class FiniteNumber implements CommandLine.ITypeConverter<Double> {

    @Override
    public Double convert(String value) {
        double d;
        try {
            d = Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a number");
        }
        if (!Double.isFinite(d)) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a finite number");
        }
        return d;
    }

    /** Registers this reading for {@code double} and {@code Double} options of {@code cli} and its subcommands. */
    public static void registerOn(CommandLine cli) {
        FiniteNumber converter = new FiniteNumber();
        cli.registerConverter(Double.class, converter);
        cli.registerConverter(Double.TYPE, converter);
    }
}
