package io.casegate.sandbox.odata;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Creatio fills a new contact's name parts from {@code Name} ("John Best" → GivenName John,
 * Surname Best) and composes {@code Name} from the parts when only they are given. A Cyrillic name
 * is read in the Russian order "Фамилия Имя Отчество"; a Latin one as "Given [Middle…] Surname".
 */
final class ContactNames {

    private static final Pattern CYRILLIC = Pattern.compile("\\p{IsCyrillic}");

    private ContactNames() {}

    static Map<String, Object> complete(Map<String, Object> values) {
        String name = values.get("Name").toString().trim();
        String surname = values.get("Surname").toString();
        String given = values.get("GivenName").toString();
        String middle = values.get("MiddleName").toString();
        Map<String, Object> result = new LinkedHashMap<>();
        boolean partsEmpty = surname.isEmpty() && given.isEmpty() && middle.isEmpty();
        if (!name.isEmpty() && partsEmpty) {
            String[] words = name.split("\\s+");
            if (words.length == 1) {
                result.put("GivenName", words[0]);
            } else if (CYRILLIC.matcher(name).find()) {
                result.put("Surname", words[0]);
                result.put("GivenName", words[1]);
                result.put("MiddleName", String.join(" ", Arrays.copyOfRange(words, 2, words.length)));
            } else {
                result.put("GivenName", words[0]);
                result.put("MiddleName", String.join(" ", Arrays.copyOfRange(words, 1, words.length - 1)));
                result.put("Surname", words[words.length - 1]);
            }
        } else if (name.isEmpty() && !partsEmpty) {
            boolean russian = CYRILLIC.matcher(surname + given + middle).find();
            String composed =
                    russian ? String.join(" ", surname, given, middle) : String.join(" ", given, middle, surname);
            result.put("Name", composed.trim().replaceAll("\\s+", " "));
        }
        return result;
    }
}
