package io.casegate.admin.control;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The administrators, from {@code casegate.admin.users}: {@code name:hash} entries separated by
 * commas, each hash made by {@link PasswordHashes}. There is no default user or password: with
 * the key unset the admin area stays closed. Hashes are never logged.
 */
@ApplicationScoped
public class AdminUsers {

    public static final String CONFIG_KEY = "casegate.admin.users";
    /** The role of the admin area; the identity store gives it as a group of the same name. */
    public static final String ROLE = "casegate-admin";

    private static final Logger LOG = Logger.getLogger(AdminUsers.class.getName());
    private static final String HASH_PREFIX = "PBKDF2With";

    @Inject
    @ConfigProperty(name = CONFIG_KEY)
    Optional<String> configured;

    private Map<String, String> hashes = Map.of();

    AdminUsers() {}

    /** With the configured value given, for tests. */
    AdminUsers(Optional<String> configured) {
        this.configured = configured;
        read();
    }

    @PostConstruct
    void read() {
        hashes = parse(configured.orElse(""));
        LOG.info(() -> hashes.isEmpty()
                ? "Admin area closed: no " + CONFIG_KEY + " configured"
                : "Admin area open for " + hashes.keySet());
    }

    static Map<String, String> parse(String configured) {
        Map<String, String> users = new LinkedHashMap<>();
        for (String entry : configured.split(",")) {
            String trimmed = entry.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            String name = colon < 0 ? trimmed : trimmed.substring(0, colon).strip();
            String hash = colon < 0 ? "" : trimmed.substring(colon + 1).strip();
            if (name.isEmpty() || !hash.startsWith(HASH_PREFIX) || hash.split(":").length != 4) {
                // Only the name: the rest may be a password someone pasted by mistake.
                LOG.warning(() -> CONFIG_KEY + ": ignoring the entry of user '" + name
                        + "', which has no hash of the form PBKDF2With…:iterations:salt:hash");
                continue;
            }
            users.put(name, hash);
        }
        return Collections.unmodifiableMap(users);
    }

    public boolean anyConfigured() {
        return !hashes.isEmpty();
    }

    public Optional<String> hashOf(String name) {
        return Optional.ofNullable(name == null ? null : hashes.get(name));
    }
}
