package dev.noesis.jlama.structured;

/**
 * The inside of a free JSON string, byte by byte: raw characters (with UTF-8 checked exactly,
 * so no invalid byte sequence can be written), escapes, and the closing quote. A character is
 * counted when it starts (a lead byte, an ASCII byte, a backslash), so a length limit is checked
 * before a multi-byte character begins. {@code \}{@code u} escapes of surrogates are refused:
 * every escape then stands for exactly one code point, which keeps lengths exact.
 */
final class StringLexer {

    static final int NORMAL = 0;
    static final int ESCAPE = 1;
    static final int HEX0 = 2;
    static final int HEX1 = 3;
    static final int HEX1_AFTER_D = 4;
    static final int HEX2 = 5;
    static final int HEX3 = 6;
    static final int CONT1 = 7;
    static final int CONT2 = 8;
    static final int CONT2_AFTER_E0 = 9;
    static final int CONT2_AFTER_ED = 10;
    static final int CONT3 = 11;
    static final int CONT3_AFTER_F0 = 12;
    static final int CONT3_AFTER_F4 = 13;
    static final int STATES = 14;

    static final int REJECT = -1;
    /** The closing quote: the string ends here. */
    static final int CLOSE = -2;

    private StringLexer() {}

    /** The state after byte {@code b} (0..255) in state {@code s}, {@link #CLOSE} or {@link #REJECT}. */
    static int step(int s, int b) {
        switch (s) {
            case NORMAL:
                if (b == '"') {
                    return CLOSE;
                }
                if (b == '\\') {
                    return ESCAPE;
                }
                if (b < 0x20) {
                    return REJECT; // control characters must be escaped
                }
                if (b < 0x80) {
                    return NORMAL;
                }
                if (b >= 0xC2 && b <= 0xDF) {
                    return CONT1;
                }
                if (b == 0xE0) {
                    return CONT2_AFTER_E0;
                }
                if (b == 0xED) {
                    return CONT2_AFTER_ED; // no encoded surrogates
                }
                if (b >= 0xE1 && b <= 0xEF) {
                    return CONT2;
                }
                if (b == 0xF0) {
                    return CONT3_AFTER_F0;
                }
                if (b >= 0xF1 && b <= 0xF3) {
                    return CONT3;
                }
                if (b == 0xF4) {
                    return CONT3_AFTER_F4;
                }
                return REJECT;
            case ESCAPE:
                if (b == 'u') {
                    return HEX0;
                }
                return "\"\\/bfnrt".indexOf(b) >= 0 ? NORMAL : REJECT;
            case HEX0:
                if (b == 'd' || b == 'D') {
                    return HEX1_AFTER_D;
                }
                return hex(b) ? HEX1 : REJECT;
            case HEX1:
                return hex(b) ? HEX2 : REJECT;
            case HEX1_AFTER_D:
                return b >= '0' && b <= '7' ? HEX2 : REJECT; // \uD800-\uDFFF are surrogates
            case HEX2:
                return hex(b) ? HEX3 : REJECT;
            case HEX3:
                return hex(b) ? NORMAL : REJECT;
            case CONT1:
                return cont(b, 0x80, 0xBF) ? NORMAL : REJECT;
            case CONT2:
                return cont(b, 0x80, 0xBF) ? CONT1 : REJECT;
            case CONT2_AFTER_E0:
                return cont(b, 0xA0, 0xBF) ? CONT1 : REJECT;
            case CONT2_AFTER_ED:
                return cont(b, 0x80, 0x9F) ? CONT1 : REJECT;
            case CONT3:
                return cont(b, 0x80, 0xBF) ? CONT2 : REJECT;
            case CONT3_AFTER_F0:
                return cont(b, 0x90, 0xBF) ? CONT2 : REJECT;
            case CONT3_AFTER_F4:
                return cont(b, 0x80, 0x8F) ? CONT2 : REJECT;
            default:
                throw new IllegalArgumentException("no string state " + s);
        }
    }

    /** Whether byte {@code b}, accepted in state {@code s}, begins a new character. */
    static boolean startsCharacter(int s, int b) {
        return s == NORMAL && b != '"';
    }

    private static boolean hex(int b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }

    private static boolean cont(int b, int lo, int hi) {
        return b >= lo && b <= hi;
    }
}
