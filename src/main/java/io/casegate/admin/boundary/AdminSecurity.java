package io.casegate.admin.boundary;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import io.casegate.admin.control.AdminUsers;
import io.casegate.platform.AbuseLimits;
import io.casegate.platform.ClientAddress;
import io.casegate.platform.TooManyRequests;
import io.casegate.platform.VisitorLocale;

/**
 * Form login for the admin area (Jakarta Security): the login page posts {@code j_username} and
 * {@code j_password} to {@code j_security_check}; the identity stores decide; the admin returns to
 * the page asked for. The login page lies outside {@code /admin/}, which web.xml restricts to the
 * admin role, so that anyone may see it; it also tells how to open the area while no admin is
 * configured.
 * <p>
 * Not {@code @FormAuthenticationMechanismDefinition}: its session handling ({@code @AutoApplySession})
 * gives the container only the caller's principal on each later request and leaves the groups to be
 * found again, which Payara under load sometimes fails to do, answering a signed-in admin 403
 * (payara/Payara#6145; seen in AdminIT right after a retry had started a delivery). This mechanism
 * keeps the caller and the groups the identity store gave in the session and hands both to the
 * container on every request.
 */
@ApplicationScoped
@DeclareRoles(AdminUsers.ROLE)
public class AdminSecurity implements HttpAuthenticationMechanism {

    public static final String LOGIN_PAGE = "/admin-login.xhtml";
    static final String LOGIN_ACTION = "/j_security_check";
    static final String FAILED_LOGIN_PAGE = LOGIN_PAGE + "?failed=true";
    /** Where an admin who signs in without having asked for a page lands. */
    static final String START_PAGE = "/admin/index.xhtml";

    private static final String SIGNED_IN = AdminSecurity.class.getName() + ".signedIn";
    private static final String RETURN_TO = AdminSecurity.class.getName() + ".returnTo";

    /** Who signed in, with the groups the identity store gave; kept in the HTTP session. */
    record SignedIn(String caller, Set<String> groups) implements Serializable {}

    @Inject
    IdentityStoreHandler identityStores;

    @Inject
    AbuseLimits limits;

    @Inject
    ClientAddress clientAddress;

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        if (isLoginAction(request)) {
            return signIn(request, context);
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(SIGNED_IN) instanceof SignedIn signedIn) {
            return context.notifyContainerAboutLogin(signedIn.caller(), signedIn.groups());
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        // Back to this page after the login; a POST is not repeated, its page is asked for afresh.
        if ("GET".equals(request.getMethod())) {
            String query = request.getQueryString();
            request.getSession().setAttribute(RETURN_TO, request.getRequestURI() + (query == null ? "" : "?" + query));
        }
        return context.redirect(request.getContextPath() + LOGIN_PAGE);
    }

    private static boolean isLoginAction(HttpServletRequest request) {
        return "POST".equals(request.getMethod())
                && request.getRequestURI().equals(request.getContextPath() + LOGIN_ACTION);
    }

    private AuthenticationStatus signIn(HttpServletRequest request, HttpMessageContext context) {
        String name = request.getParameter("j_username");
        String password = request.getParameter("j_password");
        String address = clientAddress.of(request);
        // Checked before the password, for any name, known or not: the answer reveals no user.
        Optional<Duration> wait = limits.loginBlocked(address, name);
        if (wait.isPresent()) {
            try {
                TooManyRequests.send(context.getResponse(), VisitorLocale.kept(request), wait.get());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // The response is written: the mechanism is "in a dialogue", as after a redirect.
            return AuthenticationStatus.SEND_CONTINUE;
        }
        CredentialValidationResult result = name == null || password == null
                ? CredentialValidationResult.INVALID_RESULT
                : identityStores.validate(new UsernamePasswordCredential(name, password));
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            limits.loginFailed(address, name);
            return context.redirect(request.getContextPath() + FAILED_LOGIN_PAGE);
        }
        HttpSession session = request.getSession();
        // A new session id at login, so that an id planted before it (session fixation) is worthless.
        request.changeSessionId();
        session.setAttribute(
                SIGNED_IN, new SignedIn(result.getCallerPrincipal().getName(), Set.copyOf(result.getCallerGroups())));
        Object returnTo = session.getAttribute(RETURN_TO);
        session.removeAttribute(RETURN_TO);
        return context.redirect(returnTo instanceof String page ? page : request.getContextPath() + START_PAGE);
    }
}
