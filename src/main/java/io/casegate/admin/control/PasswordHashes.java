package io.casegate.admin.control;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Makes the password hash of an admin user for {@code casegate.admin.users}, in the format of
 * Jakarta Security's {@code Pbkdf2PasswordHash} ({@code algorithm:iterations:salt:hash}, Base64),
 * which verifies it at login. Uses only the JDK, so it runs as a single source file:
 * <pre>java src/main/java/io/casegate/admin/control/PasswordHashes.java</pre>
 * It reads the password from the console without echo (or one line from standard input), never
 * from the command line, where it would stay in the shell history.
 */
public final class PasswordHashes {

    static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    /** OWASP's figure for PBKDF2-HMAC-SHA256 (2021); a login costs a few hundred milliseconds of CPU. */
    static final int ITERATIONS = 310_000;

    static final int SALT_BYTES = 32;
    static final int KEY_BYTES = 32;

    private PasswordHashes() {}

    public static String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        return ALGORITHM + ":" + ITERATIONS + ":" + Base64.getEncoder().encodeToString(salt) + ":"
                + Base64.getEncoder().encodeToString(pbkdf2(password, salt, ITERATIONS, KEY_BYTES));
    }

    static byte[] pbkdf2(char[] password, byte[] salt, int iterations, int keyBytes) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, keyBytes * 8);
        try {
            return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(ALGORITHM + " is not available", e);
        } finally {
            spec.clearPassword();
        }
    }

    public static void main(String[] args) throws IOException {
        char[] password;
        Console console = System.console();
        if (console != null) {
            password = console.readPassword("Password of the admin user: ");
        } else {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            password = line == null ? new char[0] : line.toCharArray();
        }
        if (password == null || password.length < 12) {
            System.err.println("Give a password of at least 12 characters.");
            System.exit(2);
        }
        System.out.println(hash(password));
        Arrays.fill(password, '\0');
    }
}
