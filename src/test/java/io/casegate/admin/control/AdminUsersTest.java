package io.casegate.admin.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class AdminUsersTest {

    static final String HASH = "PBKDF2WithHmacSHA256:310000:c2FsdA==:aGFzaA==";

    @Test
    void withoutConfigurationNobodyIsAnAdmin() {
        AdminUsers cut = new AdminUsers(Optional.empty());
        assertFalse(cut.anyConfigured());
        assertTrue(cut.hashOf("admin").isEmpty());
    }

    @Test
    void usersAreNameAndHashSeparatedByCommas() {
        AdminUsers cut =
                new AdminUsers(Optional.of(" alice:" + HASH + " , bob:" + HASH.replace("c2FsdA==", "b3RoZXI=")));
        assertTrue(cut.anyConfigured());
        assertEquals(Optional.of(HASH), cut.hashOf("alice"));
        assertTrue(cut.hashOf("bob").isPresent());
        assertTrue(cut.hashOf("carol").isEmpty());
        assertTrue(cut.hashOf(null).isEmpty());
    }

    @Test
    void entriesWithoutAProperHashAreIgnoredSoThatAPlainPasswordNeverWorks() {
        AdminUsers cut = new AdminUsers(Optional.of("alice:secret,bob,:" + HASH + ",carol:PBKDF2WithHmacSHA256:1:2"));
        assertFalse(cut.anyConfigured());
    }

    @Test
    void theHashCommandWritesThePlatformsFormatAndItsHashIsThePbkdf2OfThePassword() {
        String hash = PasswordHashes.hash("correct horse battery".toCharArray());
        String[] parts = hash.split(":");
        assertEquals(4, parts.length, hash);
        assertEquals("PBKDF2WithHmacSHA256", parts[0]);
        assertEquals(PasswordHashes.ITERATIONS, Integer.parseInt(parts[1]));
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        assertEquals(PasswordHashes.SALT_BYTES, salt.length);
        assertArrayEquals(
                Base64.getDecoder().decode(parts[3]),
                PasswordHashes.pbkdf2(
                        "correct horse battery".toCharArray(),
                        salt,
                        PasswordHashes.ITERATIONS,
                        PasswordHashes.KEY_BYTES));
        assertFalse(hash.equals(PasswordHashes.hash("correct horse battery".toCharArray())), "a fresh salt each time");
        assertTrue(new AdminUsers(Optional.of("alice:" + hash)).anyConfigured());
    }
}
