package io.casegate.admin.control;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;

/** Checks an admin's name and password against the configured hash, with the platform's PBKDF2. */
@ApplicationScoped
class AdminIdentityStore implements IdentityStore {

    /**
     * Checked when the name is unknown, so that a wrong name costs as much time as a wrong
     * password and does not reveal which names exist. Its password is unknown (random salt and hash).
     */
    private static final String DECOY_HASH =
            PasswordHashes.hash(UUID.randomUUID().toString().toCharArray());

    @Inject
    AdminUsers users;

    @Inject
    Pbkdf2PasswordHash passwordHash;

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        Optional<String> hash = users.hashOf(login.getCaller());
        boolean matches = passwordHash.verify(login.getPassword().getValue(), hash.orElse(DECOY_HASH));
        if (hash.isEmpty() || !matches) {
            return CredentialValidationResult.INVALID_RESULT;
        }
        return new CredentialValidationResult(login.getCaller(), Set.of(AdminUsers.ROLE));
    }
}
