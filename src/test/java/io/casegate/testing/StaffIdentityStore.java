package io.casegate.testing;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

/**
 * Test only, added to a copy of the WAR: a user who can sign in but is no admin, as a company's
 * own identity store (LDAP, say) would provide one. Never part of the product.
 */
@ApplicationScoped
public class StaffIdentityStore implements IdentityStore {

    public static final String NAME = "staff-member";
    public static final String PASSWORD = "staff-password-for-tests";

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (credential instanceof UsernamePasswordCredential login
                && NAME.equals(login.getCaller())
                && login.getPassword().compareTo(PASSWORD)) {
            return new CredentialValidationResult(NAME, Set.of("casegate-staff"));
        }
        return CredentialValidationResult.NOT_VALIDATED_RESULT;
    }
}
