package io.casegate.crm.control;

/**
 * Phone numbers compared by their digits, as Creatio compares them: people type the same number as
 * {@code +7 916 555-44-33}, {@code 8 (916) 5554433} or {@code 79165554433}, and Creatio stores it as
 * typed, with its digits reversed in {@code SearchNumber} (ContactUtilities.PrepareSearchNumber in
 * Creatio's configuration) so that a search by the end of the number can use an index.
 */
public final class PhoneDigits {

    /** Fewer digits than this are no phone number worth matching a person by. */
    public static final int MIN_DIGITS = 7;

    /** A Russian number is the same with {@code +7}, {@code 7} or {@code 8} before its ten digits. */
    private static final int NATIONAL_DIGITS = 10;

    private PhoneDigits() {}

    /** The number's digits without the Russian trunk or country prefix; "" for null. */
    public static String national(String phone) {
        if (phone == null) {
            return "";
        }
        String digits = phone.replaceAll("\\D", "");
        if (digits.length() == NATIONAL_DIGITS + 1 && (digits.charAt(0) == '7' || digits.charAt(0) == '8')) {
            return digits.substring(1);
        }
        return digits;
    }

    /** The last ten digits, reversed: the start that every way of writing the number has in {@code SearchNumber}. */
    public static String reversed(String digits) {
        String tail = digits.length() > NATIONAL_DIGITS ? digits.substring(digits.length() - NATIONAL_DIGITS) : digits;
        return new StringBuilder(tail).reverse().toString();
    }
}
