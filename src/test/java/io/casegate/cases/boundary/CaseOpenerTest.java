package io.casegate.cases.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.junit.jupiter.api.Test;

import io.casegate.crm.entity.CrmAuthenticationException;
import io.casegate.crm.entity.CrmRejectedException;
import io.casegate.crm.entity.CrmUnavailableException;

/** Which failures of opening a case are worth another attempt. */
class CaseOpenerTest {

    final CaseOpener cut = new CaseOpener();

    @Test
    void aCrmThatIsDownOrSlowIsTriedAgain() {
        assertTrue(cut.isRetryable(new CrmUnavailableException("HTTP 503", null)));
    }

    @Test
    void rejectedCredentialsWaitForTheOperatorAndAreTriedAgain() {
        assertTrue(cut.isRetryable(new CrmAuthenticationException("wrong password")));
    }

    @Test
    void aRequestTheCrmRefusesIsNotSentAgain() {
        assertFalse(cut.isRetryable(new CrmRejectedException(400, "ServiceItem 'X' does not exist")));
    }

    @Test
    void aSubmissionThatNoLongerExistsIsNotTriedAgain() {
        assertFalse(cut.isRetryable(new CaseOpener.SubmissionGone("Submission 1 no longer exists")));
    }

    @Test
    void failuresOfCasegatesOwnAreTriedAgain() {
        assertTrue(cut.isRetryable(new UncheckedIOException(new IOException("attachment store unreadable"))));
    }
}
