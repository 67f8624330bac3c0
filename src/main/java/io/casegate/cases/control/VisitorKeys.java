package io.casegate.cases.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

import io.casegate.cases.entity.CaseRequest;

/**
 * The keys by which deliveries of one visitor are told apart from those of others, taken from
 * what the visitor typed (not from the CRM's columns, so that they hold whichever columns the CRM
 * is searched by): the e-mail, the phone, and the organisation by its name and, when given, its INN.
 * Each is normalised at least as far as the CRM search compares, so that two submissions the search
 * would match always share a key; sharing one key too many only makes two deliveries take turns.
 * Hashed, so that the lock table holds no personal data.
 */
final class VisitorKeys {

    private VisitorKeys() {}

    /** The hashed keys, sorted: every taker takes them in the same order. */
    static SortedSet<String> of(CaseRequest request) {
        SortedSet<String> keys = new TreeSet<>();
        text(request.email())
                .map(email -> "email:" + email.toLowerCase(Locale.ROOT))
                .ifPresent(key -> keys.add(hash(key)));
        text(request.phone())
                .map(phone -> "phone:" + phone.replaceAll("[^0-9+]", ""))
                .ifPresent(key -> keys.add(hash(key)));
        text(request.inn()).map(inn -> "inn:" + inn.replaceAll("\\D", "")).ifPresent(key -> keys.add(hash(key)));
        text(request.organisation())
                .map(VisitorKeys::organisationName)
                .filter(name -> !name.isEmpty())
                .map(name -> "organisation:" + name)
                .ifPresent(key -> keys.add(hash(key)));
        return keys;
    }

    /** Lower case, ё as е, without quotes of any kind, whitespace collapsed: «Ромашка» and "ромашка" are one name. */
    static String organisationName(String typed) {
        return typed.toLowerCase(Locale.ROOT)
                .replace('ё', 'е')
                .replaceAll("[\"'«»„“”‘’`]", "")
                .replaceAll("\\s+", " ")
                .strip();
    }

    private static Optional<String> text(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    private static String hash(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("Every Java runtime has SHA-256", impossible);
        }
    }
}
